package io.datanet.provenance.datanet;

import static io.datanet.provenance.datanet.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataNetManifestRoundTripsTest {
    @TempDir
    Path dir;

    @Test
    void writeManifestThenLoadGivesTheSameDataNet() throws IOException {
        write(dir, "raw/one.csv", "a,b\n1,2\n");
        write(dir, "raw/two.csv", "a,b\n3,4\n");
        write(dir, "notes.md", "# notes\n");
        DataNet whole = DataNet.builder("tables").name("Small tables").license(Fixtures.CC_BY)
                .contributor("ada", "Ada").contributor("bob", "Bob")
                .file("notes.md", dir.resolve("notes.md"), "bob")
                .file("raw/one.csv", dir.resolve("raw/one.csv"), "ada")
                .file("raw/two.csv", dir.resolve("raw/two.csv"), "ada")
                .build();
        whole.writeManifest(dir);
        DataNet loaded = DataNet.load(dir);

        assertThat(loaded).isEqualTo(whole);
        assertThat(loaded.version()).isEqualTo(whole.version());
        assertThat(loaded.root()).contains(dir);
        assertThat(Files.readString(dir.resolve("datanet.json"))).isEqualTo(DataNet.manifestJson(loaded));
        try (var entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "datanet.json", "notes.md", "raw"); // no temporary file left behind
        }
        whole.writeManifest(dir); // replacing an existing manifest works too
        assertThat(DataNet.load(dir)).isEqualTo(whole);
    }

    @Test
    void filesInAddsWhatLoadExpectsListed() {
        write(dir, "a/1.txt", "one");
        write(dir, "b.txt", "two");
        write(dir, ".cache/x", "hidden");
        write(dir, "datanet.json", "{}");
        DataNet dataNet = DataNet.builder("scan").license(Fixtures.CC_BY).contributor("ada", "Ada")
                .filesIn(dir, "ada").build();
        assertThat(dataNet.files()).extracting(DataNetFile::path).containsExactly("a/1.txt", "b.txt");
        dataNet.writeManifest(dir);
        assertThat(DataNet.load(dir)).isEqualTo(dataNet);
    }

    @Test
    void theManifestTextIsStableAndDocumented() {
        DataNet dataNet = DataNet.builder("tiny").name("Tiny").license(Fixtures.CC_BY).contributor("ada", "Ada")
                .file("a.txt", "a".getBytes(), "ada").build();
        String sha = "sha256:" + Fixtures.hex(Fixtures.sha256("a".getBytes()));
        assertThat(DataNet.manifestJson(dataNet)).isEqualTo("""
                {
                  "schema": "io.datanet.provenance/datanet/v1",
                  "id": "tiny",
                  "name": "Tiny",
                  "license": {
                    "spdx": "CC-BY-4.0",
                    "commercialUse": true,
                    "derivativeModels": true,
                    "attribution": true,
                    "shareAlike": false,
                    "prohibitedUses": [
                      "surveillance"
                    ]
                  },
                  "contributors": [
                    {
                      "id": "ada",
                      "name": "Ada"
                    }
                  ],
                  "files": [
                    {
                      "path": "a.txt",
                      "size": 1,
                      "sha256": "%s",
                      "contributor": "ada"
                    }
                  ],
                  "hashing": {
                    "algorithm": "sha256",
                    "tree": "rfc6962",
                    "leaf": "rfc8785:{contributor,path,sha256,size}",
                    "order": "path-utf8-bytes"
                  },
                  "version": "%s"
                }
                """.formatted(sha, dataNet.version()));
        DataNet permissive = DataNet.builder("p").license(io.datanet.provenance.license.LicenseTerms.permissive("MIT"))
                .contributor("ada", "Ada").file("a.txt", "a".getBytes(), "ada").build();
        assertThat(DataNet.manifestJson(permissive)).contains("\"prohibitedUses\": []\n").doesNotContain("\r");
    }

    @Test
    void lookupsAndBytesByContributorSumTheFiles() {
        DataNet dataNet = DataNet.builder("sums").license(Fixtures.CC_BY)
                .contributor("zoe", "Zoe").contributor("ada", "Ada").contributor("idle", "Idle")
                .file("z/1", new byte[10], "zoe").file("z/2", new byte[5], "zoe")
                .file("a/1", new byte[7], "ada").file("a/empty", new byte[0], "ada")
                .build();
        assertThat(dataNet.bytesByContributor()).containsExactly(
                java.util.Map.entry("ada", 7L), java.util.Map.entry("idle", 0L), java.util.Map.entry("zoe", 15L));
        assertThat(dataNet.bytesByContributor().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(dataNet.files().stream().mapToLong(DataNetFile::size).sum());
        assertThat(dataNet.file("z/2")).get().extracting(DataNetFile::size, DataNetFile::contributor)
                .containsExactly(5L, "zoe");
        assertThat(dataNet.file("z/3")).isEmpty();
        assertThat(dataNet.contributors()).extracting(Contributor::id).isEqualTo(List.of("ada", "idle", "zoe"));
        assertThat(dataNet.toString()).isEqualTo(dataNet.ref() + " (4 files, 22 bytes)");
    }
}
