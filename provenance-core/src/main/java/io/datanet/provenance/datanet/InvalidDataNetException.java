package io.datanet.provenance.datanet;

import io.datanet.provenance.InvalidInputException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A DataNet that is refused: its manifest is malformed, or it lies about the directory it describes (a
 * listed file is missing, an unlisted file is present, a size, digest or claimed version does not
 * match, a contributor is unknown, a path is listed twice).
 *
 * <p>The message names the DataNet, its directory when known, the file at fault and the manifest field
 * (a JSON Pointer into {@code datanet.json}), e.g. {@code datanet wiki at /data/wiki, file a/b.txt:
 * /files/3/size: the file has 12 bytes but the manifest says 10}. {@link #file()} is the DataNet-relative
 * path of the data file at fault, or {@code datanet.json} when the manifest itself is at fault.
 */
public class InvalidDataNetException extends InvalidInputException {
    private static final long serialVersionUID = 1L;
    private final String dataNetId;
    private final transient Path directory;
    private final String file;

    /**
     * Creates an exception about {@code file} of a DataNet.
     *
     * @param dataNetId the DataNet's id, or null when the manifest could not be read far enough to know it
     * @param directory the DataNet's directory, or null for a DataNet built in code
     * @param file      the DataNet-relative path of the file at fault, or {@code datanet.json}
     * @param field     the JSON Pointer of the manifest field at fault, or empty
     * @param problem   what is wrong
     * @param cause     the underlying exception, or null
     */
    public InvalidDataNetException(String dataNetId, Path directory, String file, String field, String problem,
                                   Throwable cause) {
        super(describe(dataNetId, directory, file), field, problem);
        this.dataNetId = dataNetId;
        this.directory = directory;
        this.file = file;
        if (cause != null) {
            initCause(cause);
        }
    }

    private static String describe(String dataNetId, Path directory, String file) {
        return "datanet" + (dataNetId == null ? "" : " " + dataNetId)
                + (directory == null ? "" : " at " + directory) + ", file " + file;
    }

    /** The DataNet's id, or null when the manifest could not be read far enough to know it. */
    public String dataNetId() {
        return dataNetId;
    }

    /** The DataNet's directory; empty for a DataNet built in code. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /** The DataNet-relative path of the file at fault; {@code datanet.json} when the manifest is at fault. */
    public String file() {
        return file;
    }
}
