package io.datanet.provenance.datanet;

import static io.datanet.provenance.datanet.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataNetVersionChangesWithAnyContentChangeTest {
    @TempDir
    Path dir;

    private DataNet rewriteAndLoad() {
        DataNet.builder("pets").name("Pets").license(Fixtures.CC_BY).contributor("ada", "Ada Lovelace")
                .contributor("bob", "Bob").filesIn(dir, "ada").build().writeManifest(dir);
        return DataNet.load(dir);
    }

    @Test
    void changingOneByteAnywhereInALargeFileChangesTheVersion() throws IOException {
        byte[] big = new byte[3 * 1024 * 1024 + 17]; // spans many 64 KiB buffers and ends mid-buffer
        new Random(42).nextBytes(big);
        write(dir, "big.bin", big);
        write(dir, "small.txt", "small");
        DataNet original = rewriteAndLoad();
        assertThat(original.file("big.bin")).get().extracting(f -> f.sha256().toString())
                .isEqualTo("sha256:" + Fixtures.hex(Fixtures.sha256(big)));

        for (int offset : new int[] {0, big.length / 2, big.length - 1}) {
            byte[] changed = big.clone();
            changed[offset] ^= 1;
            write(dir, "big.bin", changed);
            assertThat(rewriteAndLoad().version()).as("byte %d flipped", offset).isNotEqualTo(original.version());
        }
        write(dir, "big.bin", big);
        assertThat(rewriteAndLoad().version()).isEqualTo(original.version());
    }

    @Test
    void renamingAFileChangesTheVersion() throws IOException {
        write(dir, "a.txt", "same bytes");
        write(dir, "b.txt", "other");
        DataNet before = rewriteAndLoad();
        Files.move(dir.resolve("a.txt"), dir.resolve("c.txt"));
        DataNet after = rewriteAndLoad();
        assertThat(after.version()).isNotEqualTo(before.version());
        assertThat(after.file("c.txt")).get().extracting(DataNetFile::sha256)
                .isEqualTo(before.file("a.txt").orElseThrow().sha256());
    }

    @Test
    void reattributingAFileChangesTheVersion() {
        DataNet byAda = DataNet.builder("d").license(Fixtures.CC_BY).contributor("ada", "Ada").contributor("bob", "Bob")
                .file("x", new byte[] {1}, "ada").build();
        DataNet byBob = DataNet.builder("d").license(Fixtures.CC_BY).contributor("ada", "Ada").contributor("bob", "Bob")
                .file("x", new byte[] {1}, "bob").build();
        assertThat(byAda.version()).isNotEqualTo(byBob.version());
    }

    @Test
    void sameContentLoadedTwiceOrBuiltInCodeGivesTheSameVersionAndManifestByteForByte() throws IOException {
        DataNet written = Fixtures.sample(dir);
        String manifest = Files.readString(dir.resolve("datanet.json"));
        DataNet first = DataNet.load(dir);
        DataNet second = DataNet.load(dir);
        DataNet inMemory = DataNet.builder("pets").name("Pets").license(Fixtures.CC_BY)
                .contributor("bob", "Bob").contributor("ada", "Ada Lovelace") // other order, same DataNet
                .file("text/readme.txt", "hello, world\n".getBytes(), "bob")
                .file("images/dog.txt", "a dog, bigger\n".getBytes(), "ada")
                .file("images/cat.txt", "a cat\n".getBytes(), "ada")
                .build();

        assertThat(first.version()).isEqualTo(second.version()).isEqualTo(inMemory.version())
                .isEqualTo(written.version());
        assertThat(first).isEqualTo(second).isEqualTo(inMemory).hasSameHashCodeAs(inMemory);
        assertThat(DataNet.manifestJson(first)).isEqualTo(DataNet.manifestJson(inMemory)).isEqualTo(manifest);
    }
}
