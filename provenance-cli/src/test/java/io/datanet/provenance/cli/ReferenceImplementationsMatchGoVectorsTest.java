package io.datanet.provenance.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The test's own RFC 6962 and signed-note implementations reproduce the known answers that Go's
 * {@code golang.org/x/mod/sumdb/tlog} and {@code sumdb/note} computed ({@code tlog-vectors.json}, shipped in
 * core's test jar). So when the CLI's output verifies under them, it verifies under Go's rules, not merely
 * under our own code.
 */
class ReferenceImplementationsMatchGoVectorsTest {
    static JsonNode vectors;
    static List<byte[]> leaves = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        vectors = goVectors();
        vectors.get("leaves").forEach(n -> leaves.add(n.asText().getBytes(UTF_8)));
    }

    static JsonNode goVectors() throws Exception {
        try (InputStream in = ReferenceImplementationsMatchGoVectorsTest.class.getResourceAsStream("/tlog-vectors.json")) {
            assertThat(in).as("tlog-vectors.json from core's test jar").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void leafHashesAndRootsOfEverySizeMatchGo() {
        for (int i = 0; i < leaves.size(); i++) {
            assertThat(HexFormat.of().formatHex(Rfc6962Reference.leafHash(leaves.get(i))))
                    .isEqualTo(vectors.get("leafHashesHex").get(i).asText());
        }
        int checked = 0;
        for (int size = 1; size <= leaves.size(); size++) {
            JsonNode root = vectors.get("rootsBase64").get(String.valueOf(size));
            if (root != null) {
                assertThat(b64(Rfc6962Reference.root(leaves.subList(0, size)))).as("root of size %d", size)
                        .isEqualTo(root.asText());
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(30);
    }

    @Test
    void goInclusionPathsVerifyAndAlteredOnesDoNot() {
        int checked = 0;
        for (JsonNode v : vectors.get("inclusion")) {
            int index = v.get("index").asInt();
            int size = v.get("treeSize").asInt();
            List<byte[]> path = new ArrayList<>();
            v.get("pathBase64").forEach(p -> path.add(Base64.getDecoder().decode(p.asText())));
            byte[] root = Rfc6962Reference.root(leaves.subList(0, size));
            byte[] leaf = Rfc6962Reference.leafHash(leaves.get(index));
            assertThat(Rfc6962Reference.verifyInclusion(index, size, leaf, path, root)).as("%d in %d", index, size)
                    .isTrue();
            assertThat(Rfc6962Reference.verifyInclusion(index, size, Rfc6962Reference.leafHash(new byte[] {1}), path,
                    root)).isFalse();
            if (!path.isEmpty()) {
                assertThat(Rfc6962Reference.verifyInclusion(index, size, leaf, path.subList(1, path.size()), root))
                        .isFalse();
            }
            checked++;
        }
        assertThat(checked).isPositive();
    }

    @Test
    void goSignedCheckpointVerifiesAndAnAlteredOneDoesNot() throws Exception {
        String note = vectors.get("signedCheckpoint").asText();
        String key = vectors.get("noteVerifierKey").asText();
        String text = SignedNoteReference.verify(note, key);
        assertThat(text.split("\n")[2]).isEqualTo(vectors.get("rootsBase64").get(text.split("\n")[1]).asText());
        assertThatThrownBy(() -> SignedNoteReference.verify(note.replaceFirst("\n33\n", "\n32\n"), key))
                .isInstanceOf(AssertionError.class);
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
