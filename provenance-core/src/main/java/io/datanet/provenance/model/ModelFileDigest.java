package io.datanet.provenance.model;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ProvenanceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The digest recorded as {@code model.fileDigest}: the plain SHA-256 of a saved model file's bytes, whatever the
 * framework's file format (see {@code docs/model-digest.md} §4). Shared by every adapter.
 */
public final class ModelFileDigest {
    private ModelFileDigest() {}

    /**
     * The SHA-256 of {@code file}, streamed (the file is never held in memory).
     *
     * @throws ProvenanceException naming the file when it cannot be read
     */
    public static Digest of(Path file) {
        MessageDigest md = Digest.newSha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new ProvenanceException("cannot hash the model file " + file + ": " + e, e);
        }
        return Digest.finish(md);
    }
}
