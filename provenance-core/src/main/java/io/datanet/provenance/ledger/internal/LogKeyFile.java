package io.datanet.provenance.ledger.internal;

import io.datanet.provenance.ledger.LedgerException;
import io.datanet.provenance.ledger.NoteSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The log's signing key file: one line in note signer format, mode 0600, created atomically so that two
 * processes opening a new ledger at once end up with the same key. The key is never logged.
 */
public final class LogKeyFile {
    /** The key file's name inside its directory. */
    public static final String FILE_NAME = "log.key";

    private LogKeyFile() {}

    /**
     * The key in {@code dir}, if there is one.
     *
     * @throws LedgerException naming the file when it cannot be read or holds no note signer key
     */
    public static Optional<NoteSigner> read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(NoteSigner.parse(Files.readString(file, StandardCharsets.UTF_8).strip()));
        } catch (IOException e) {
            throw new LedgerException(file.toString(), "cannot read the log signing key: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new LedgerException(file.toString(), "the log signing key file is not a note signer key", e);
        }
    }

    /** Returns the key in {@code dir}, creating one named {@code origin} if there is none yet. */
    public static NoteSigner readOrCreate(Path dir, String origin) {
        Optional<NoteSigner> existing = read(dir);
        if (existing.isPresent()) {
            return existing.get();
        }
        NoteSigner signer = NoteSigner.generate(origin);
        Path file = dir.resolve(FILE_NAME);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, ".log.key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, signer.signerKey() + "\n", StandardCharsets.UTF_8);
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.createLink(file, tmp); // fails if another process won the race; then use its key
            return signer;
        } catch (FileAlreadyExistsException e) {
            return read(dir).orElseThrow();
        } catch (IOException e) {
            throw new LedgerException(file.toString(), "cannot create the log signing key: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temp file holds no secret others can use without the ledger; nothing to do
                }
            }
        }
    }
}
