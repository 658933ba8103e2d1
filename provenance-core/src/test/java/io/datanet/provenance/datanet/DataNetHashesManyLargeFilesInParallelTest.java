package io.datanet.provenance.datanet;

import static io.datanet.provenance.datanet.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataNetHashesManyLargeFilesInParallelTest {
    @TempDir
    Path dir;

    @Test
    void everyFileIsHashedWholeAndTheFirstLieInPathOrderIsReported() throws IOException {
        Random random = new Random(7);
        List<byte[]> contents = new ArrayList<>();
        DataNet.Builder builder = DataNet.builder("big").license(Fixtures.CC_BY).contributor("c", "C");
        for (int i = 0; i < 24; i++) {
            byte[] content = new byte[(i % 3 == 0 ? 1 << 20 : 1000) + i]; // a mix of 1 MiB and small files
            random.nextBytes(content);
            contents.add(content);
            String path = "part-%02d.bin".formatted(i);
            builder.file(path, write(dir, path, content), "c");
        }
        DataNet built = builder.build();
        built.writeManifest(dir);
        DataNet loaded = DataNet.load(dir);
        assertThat(loaded.version()).isEqualTo(built.version());
        for (int i = 0; i < contents.size(); i++) {
            assertThat(loaded.files().get(i).sha256().hex()).isEqualTo(Fixtures.hex(Fixtures.sha256(contents.get(i))));
        }

        // Same-size lies in several files: whichever worker finds one first, the lowest path is reported.
        for (int i : new int[] {21, 9, 15}) {
            byte[] changed = contents.get(i).clone();
            changed[changed.length - 1] ^= 0x40;
            write(dir, "part-%02d.bin".formatted(i), changed);
        }
        for (int run = 0; run < 3; run++) {
            assertThatThrownBy(() -> DataNet.load(dir)).isInstanceOfSatisfying(InvalidDataNetException.class,
                    e -> assertThat(e.file()).isEqualTo("part-09.bin"));
        }
    }
}
