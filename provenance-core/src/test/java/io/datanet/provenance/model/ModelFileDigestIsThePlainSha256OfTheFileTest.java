package io.datanet.provenance.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ProvenanceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileDigestIsThePlainSha256OfTheFileTest {
    @TempDir
    Path dir;

    @Test
    void aFileLargerThanTheReadBufferHashesToItsSha256() throws Exception {
        byte[] bytes = new byte[200_001];
        new SplittableRandom(3).nextBytes(bytes);
        Path file = Files.write(dir.resolve("model.params"), bytes);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(ModelFileDigest.of(file)).isEqualTo(Digest.parse("sha256:" + expected));
        bytes[100_000] ^= 1;
        Files.write(file, bytes);
        assertThat(ModelFileDigest.of(file)).isNotEqualTo(Digest.parse("sha256:" + expected));
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("missing.params");
        assertThatThrownBy(() -> ModelFileDigest.of(missing)).isInstanceOf(ProvenanceException.class)
                .hasMessageContaining(missing.toString());
    }
}
