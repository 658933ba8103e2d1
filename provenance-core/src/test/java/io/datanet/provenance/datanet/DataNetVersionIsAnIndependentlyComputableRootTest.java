package io.datanet.provenance.datanet;

import static io.datanet.provenance.datanet.Fixtures.leaf;
import static io.datanet.provenance.datanet.Fixtures.rfc6962Root;
import static io.datanet.provenance.datanet.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataNetVersionIsAnIndependentlyComputableRootTest {
    @TempDir
    Path dir;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void loadedVersionEqualsTheRootComputedByHandInUtf8PathOrder() {
        // Listed out of order on purpose; '-' < '.' < '/' in bytes, and U+FF21 sorts before U+1F600 in
        // UTF-8 although its UTF-16 code unit is larger than the surrogate's.
        String[][] files = {
            {"\uD83D\uDE00.txt", "bob", "emoji"}, {"b.txt", "ada", "bee"}, {"a/b.txt", "bob", "nested"},
            {"\uFF21.txt", "ada", "fullwidth A"}, {"a.txt", "ada", "plain a"}, {"a-b.txt", "bob", "dash"},
        };
        StringBuilder listed = new StringBuilder();
        for (String[] f : files) {
            write(dir, f[0], f[2]);
            listed.append(listed.length() == 0 ? "" : ",").append("{\"path\":\"").append(f[0])
                    .append("\",\"size\":").append(utf8(f[2]).length).append(",\"contributor\":\"").append(f[1])
                    .append("\"}");
        }
        Fixtures.writeManifest(dir, "{\"schema\":\"io.datanet.provenance/datanet/v1\",\"id\":\"mixed\","
                + "\"name\":\"Mixed\",\"license\":{\"spdx\":\"MIT\",\"commercialUse\":true,\"derivativeModels\":true,"
                + "\"attribution\":false,\"shareAlike\":false},\"contributors\":[{\"id\":\"bob\",\"name\":\"Bob\"},"
                + "{\"id\":\"ada\",\"name\":\"Ada\"}],\"files\":[" + listed + "],\"hashing\":{\"algorithm\":\"sha256\","
                + "\"tree\":\"rfc6962\",\"leaf\":\"rfc8785:{contributor,path,sha256,size}\","
                + "\"order\":\"path-utf8-bytes\"}}");

        DataNet dataNet = DataNet.load(dir);

        String expected = rfc6962Root(List.of(
                leaf("bob", "a-b.txt", utf8("dash")),
                leaf("ada", "a.txt", utf8("plain a")),
                leaf("bob", "a/b.txt", utf8("nested")),
                leaf("ada", "b.txt", utf8("bee")),
                leaf("ada", "\uFF21.txt", utf8("fullwidth A")),
                leaf("bob", "\uD83D\uDE00.txt", utf8("emoji"))));
        assertThat(dataNet.version().toString()).isEqualTo(expected);
        assertThat(dataNet.files()).extracting(DataNetFile::path)
                .containsExactly("a-b.txt", "a.txt", "a/b.txt", "b.txt", "\uFF21.txt", "\uD83D\uDE00.txt");
        assertThat(dataNet.contributors()).extracting(Contributor::id).containsExactly("ada", "bob");
        assertThat(dataNet.root()).contains(dir);
        assertThat(dataNet.hashing()).isEqualTo(HashingParameters.V1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 8, 9})
    void builtVersionEqualsTheRootComputedByHandForEveryTreeShape(int count) {
        DataNet.Builder builder = DataNet.builder("shapes").license(Fixtures.CC_BY).contributor("c", "C");
        List<String> leaves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] content = utf8("content of file " + i);
            builder.file("f" + i, content, "c");
            leaves.add(leaf("c", "f" + i, content));
        }
        assertThat(builder.build().version().toString()).isEqualTo(rfc6962Root(leaves));
    }

    @Test
    void refIsTheIdAndTheFirstTwelveHexCharactersOfTheVersion() {
        DataNet dataNet = DataNet.builder("tiny").license(Fixtures.CC_BY).contributor("c", "C")
                .file("x", new byte[0], "c").build();
        String root = rfc6962Root(List.of(leaf("c", "x", new byte[0])));
        assertThat(dataNet.ref()).isEqualTo("tiny@" + root.substring("sha256:".length(), "sha256:".length() + 12));
        assertThat(dataNet.name()).isEqualTo("tiny");
        assertThat(dataNet.root()).isEmpty();
    }
}
