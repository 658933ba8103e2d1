package io.datanet.provenance.datanet;

import static io.datanet.provenance.datanet.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataNetLoadRefusesALyingManifestTest {
    @TempDir
    Path dir;
    ObjectNode manifest;

    @BeforeEach
    void writeSample() {
        Fixtures.sample(dir);
        manifest = Fixtures.manifest(dir);
    }

    private ObjectNode file(int index) {
        return (ObjectNode) manifest.get("files").get(index);
    }

    private AbstractThrowableAssert<?, ?> refused(String file, String field) {
        Fixtures.writeManifest(dir, manifest);
        return assertThatThrownBy(() -> DataNet.load(dir))
                .isInstanceOfSatisfying(InvalidDataNetException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.directory()).contains(dir);
                })
                .hasMessageContaining("datanet pets at " + dir)
                .hasMessageContaining("file " + file);
    }

    @Test
    void theUntouchedSampleLoads() {
        assertThat(DataNet.load(dir).files()).hasSize(3);
    }

    @Test
    void aDirectoryWithoutManifestIsRefusedNamingThePath() throws IOException {
        Files.delete(dir.resolve("datanet.json"));
        assertThatThrownBy(() -> DataNet.load(dir)).isInstanceOfSatisfying(InvalidDataNetException.class,
                e -> assertThat(e.dataNetId()).isNull()).hasMessageContaining("no datanet.json in " + dir);
        assertThatThrownBy(() -> DataNet.load(dir.resolve("nope"))).isInstanceOf(InvalidDataNetException.class)
                .hasMessageContaining("not a directory: " + dir.resolve("nope"));
    }

    @Test
    void aMissingFileIsRefused() throws IOException {
        Files.delete(dir.resolve("images/dog.txt"));
        refused("images/dog.txt", "/files/1").hasMessageContaining("missing from the directory");
    }

    @Test
    void anUnlistedFileIsRefusedButHiddenFilesAreIgnored() {
        write(dir, ".git/config", "ignored");
        write(dir, "images/.DS_Store", "ignored");
        assertThat(DataNet.load(dir).files()).hasSize(3);
        write(dir, "images/zebra.txt", "not listed");
        write(dir, "sub/datanet.json", "only the top-level manifest is exempt");
        refused("images/zebra.txt", "").hasMessageContaining("not listed in the manifest (and 1 more)");
    }

    @Test
    void aWrongSizeIsRefused() {
        file(2).put("size", 12);
        refused("text/readme.txt", "/files/2/size").hasMessageContaining("has 13 bytes but the manifest says 12");
    }

    @Test
    void aWrongSha256IsRefusedEvenWhenTheSizeIsRight() {
        write(dir, "images/cat.txt", "a bat\n");
        refused("images/cat.txt", "/files/0/sha256").hasMessageContaining("SHA-256 is sha256:");
    }

    @Test
    void aWrongClaimedVersionIsRefused() {
        manifest.put("version", "sha256:" + "ab".repeat(32));
        refused("datanet.json", "/version").hasMessageContaining("claims version sha256:abab");
    }

    @Test
    void anUnknownContributorIsRefused() {
        file(1).put("contributor", "eve");
        refused("images/dog.txt", "/files/1/contributor").hasMessageContaining("unknown contributor \"eve\"");
    }

    @Test
    void aFileListedTwiceIsRefused() {
        ((ArrayNode) manifest.get("files")).add(file(0).deepCopy());
        refused("images/cat.txt", "/files/3/path").hasMessageContaining("listed twice (first at /files/0)");
    }

    @Test
    void aDotDotPathIsRefused() {
        file(0).put("path", "images/../images/cat.txt");
        refused("datanet.json", "/files/0/path").hasMessageContaining("has a '..' segment");
    }

    @Test
    void aFloatInTheManifestIsRefused() {
        Fixtures.writeManifest(dir, manifest.toString().replace("\"size\":6,", "\"size\":6.0,"));
        assertThatThrownBy(() -> DataNet.load(dir)).isInstanceOfSatisfying(InvalidDataNetException.class,
                        e -> assertThat(e.field()).isEqualTo("/files/0/size"))
                .hasMessageContaining("datanet pets at " + dir + ", file datanet.json: /files/0/size: "
                        + "binary floating-point");
    }

    @Test
    void unknownFieldsAreRefusedAtAnyDepth() {
        manifest.put("homepage", "https://example.org");
        refused("datanet.json", "/homepage").hasMessageContaining("unknown field");
        manifest.remove("homepage");
        file(2).put("mode", 420);
        refused("datanet.json", "/files/2/mode").hasMessageContaining("unknown field");
    }

    @Test
    void unknownHashingParametersAreRefusedNamingThem() {
        ((ObjectNode) manifest.get("hashing")).put("tree", "sha3-tree");
        refused("datanet.json", "/hashing/tree").hasMessageContaining("unsupported hashing tree \"sha3-tree\"");
    }

    @Test
    void anotherSchemaOrAnEmptyFileListIsRefused() {
        manifest.put("schema", "io.datanet.provenance/datanet/v2");
        refused("datanet.json", "/schema").hasMessageContaining("unsupported schema");
        manifest.put("schema", "io.datanet.provenance/datanet/v1");
        manifest.putArray("files");
        refused("datanet.json", "/files").hasMessageContaining("at least one file");
    }
}
