package io.datanet.provenance.datanet;

import io.datanet.provenance.Digest;
import io.datanet.provenance.canonical.CanonicalJson;
import java.util.Objects;

/**
 * One file of a DataNet: where it is, how big it is, the SHA-256 of its full content and who
 * contributed it. Its canonical JSON is one leaf of the DataNet's version tree (see
 * {@link HashingParameters}).
 *
 * @param path        the path relative to the DataNet directory, '/'-separated and normalized: no
 *                    leading '/', no empty, '.' or '..' segments, no hidden segments (starting with
 *                    '.'), no backslashes or control characters, and not {@code datanet.json}
 * @param size        the size in bytes, between 0 and 2^53 − 1
 * @param sha256      the SHA-256 of every byte of the file
 * @param contributor the {@linkplain Contributor#id() id} of the contributor
 */
public record DataNetFile(String path, long size, Digest sha256, String contributor) {
    /**
     * Validates every field.
     *
     * @throws IllegalArgumentException naming the path when it is not normalized or the size is out of range
     * @throws NullPointerException if a field is null
     */
    public DataNetFile {
        String problem = Identifiers.pathProblem(path);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (size < 0 || size > CanonicalJson.MAX_SAFE_INTEGER) {
            throw new IllegalArgumentException("file " + path + " has size " + size + ", outside 0 to 2^53-1");
        }
        Objects.requireNonNull(sha256, () -> "file " + path + " sha256");
        Identifiers.checkText("file " + path + " contributor", contributor);
    }
}
