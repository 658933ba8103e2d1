package io.datanet.provenance.datanet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datanet.provenance.Digest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataNetBuilderRefusesAnIncompleteSetupTest {
    @TempDir
    Path dir;

    private static DataNet.Builder base() {
        return DataNet.builder("d").license(Fixtures.CC_BY).contributor("ada", "Ada");
    }

    @Test
    void anEmptyDataNetHasNoVersionAndIsRefused() {
        assertThatThrownBy(() -> base().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("datanet d has no files");
    }

    @Test
    void aLicenceIsRequired() {
        assertThatThrownBy(() -> DataNet.builder("d").contributor("ada", "Ada").file("x", new byte[1], "ada").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no licence");
    }

    @Test
    void everyContributorMustBeKnownAndAddedOnce() {
        assertThatThrownBy(() -> base().file("x", new byte[1], "eve").build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("file x names contributor eve");
        assertThatThrownBy(() -> base().contributor("ada", "Ada again")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contributor ada added twice");
        assertThatThrownBy(() -> base().contributor(" ", "Blank")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPathCanBeAddedOnlyOnce() {
        assertThatThrownBy(() -> base().file("x", new byte[1], "ada").file("x", new byte[2], "ada"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("file x added twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/abs", "a//b", "a/", "../x", "a/../b", "./a", ".hidden", "a/.git/config",
            "a\\b", "datanet.json", "tab\there", "lone\uD800"})
    void pathsThatAreNotNormalizedAreRefused(String path) {
        assertThatThrownBy(() -> base().file(path, new byte[1], "ada")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("datanet d: ");
        assertThatThrownBy(() -> new DataNetFile(path, 1, Digest.sha256(new byte[1]), "ada"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pathsThatAreNormalizedAreAccepted() {
        for (String path : List.of("a", "sub/datanet.json", "a b/c..d/e.", "\u00e9t\u00e9/\uD83D\uDE00")) {
            assertThat(new DataNetFile(path, 0, Digest.sha256(new byte[0]), "ada").path()).isEqualTo(path);
        }
    }

    @Test
    void badIdsAreRefused() {
        for (String id : List.of("", "has space", "a@b", "-lead", "x".repeat(201))) {
            assertThatThrownBy(() -> DataNet.builder(id)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void anUnreadableFileOnDiskIsRefusedNamingIt() {
        assertThatThrownBy(() -> base().file("gone.bin", dir.resolve("gone.bin"), "ada").build())
                .isInstanceOfSatisfying(InvalidDataNetException.class, e -> {
                    assertThat(e.file()).isEqualTo("gone.bin");
                    assertThat(e.dataNetId()).isEqualTo("d");
                })
                .hasMessageContaining("datanet d, file gone.bin: cannot read " + dir.resolve("gone.bin"));
    }
}
