package io.datanet.provenance.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datanet.provenance.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The known answers computed by Go's golang.org/x/mod/sumdb/tlog and sumdb/note, from the copy in the
 * test resources (so the tests need nothing outside the module). {@link #sharedFile()} finds the shared
 * original, to check that the copy has not drifted.
 */
final class TlogVectors {
    static final String RESOURCE = "/tlog-vectors.json";
    static final String SHARED = "shared/vectors/tlog-vectors.json";

    record Inclusion(long index, long treeSize, List<Digest> path) {}

    record Consistency(long oldSize, long newSize, List<Digest> path) {}

    final List<byte[]> leaves = new ArrayList<>();
    final List<Digest> leafHashes = new ArrayList<>();
    /** Roots by tree size; index 0 unused. */
    final List<Digest> roots = new ArrayList<>();
    final List<Inclusion> inclusion = new ArrayList<>();
    final List<Consistency> consistency = new ArrayList<>();
    final String signerKey;
    final String verifierKey;
    final String signedCheckpoint;

    private TlogVectors(JsonNode json) {
        json.get("leaves").forEach(n -> leaves.add(n.asText().getBytes(StandardCharsets.UTF_8)));
        json.get("leafHashesHex").forEach(n -> leafHashes.add(Digest.parseHex(n.asText())));
        roots.add(null);
        for (int size = 1; json.get("rootsBase64").has(String.valueOf(size)); size++) {
            roots.add(base64(json.get("rootsBase64").get(String.valueOf(size)).asText()));
        }
        json.get("inclusion").forEach(n -> inclusion.add(
                new Inclusion(n.get("index").asLong(), n.get("treeSize").asLong(), path(n))));
        json.get("consistency").forEach(n -> consistency.add(
                new Consistency(n.get("oldSize").asLong(), n.get("newSize").asLong(), path(n))));
        signerKey = json.get("noteSignerKey").asText();
        verifierKey = json.get("noteVerifierKey").asText();
        signedCheckpoint = json.get("signedCheckpoint").asText();
    }

    static TlogVectors load() {
        try (InputStream in = TlogVectors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + RESOURCE + " is missing");
            }
            return new TlogVectors(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of the resource copy. */
    static byte[] resourceBytes() throws IOException {
        try (InputStream in = TlogVectors.class.getResourceAsStream(RESOURCE)) {
            return in.readAllBytes();
        }
    }

    /**
     * The shared original: the system property {@code provenance.vectors}, else {@value #SHARED} under
     * the working directory or one of its parents (the repository's parent holds {@code shared/}).
     */
    static Optional<Path> sharedFile() {
        String property = System.getProperty("provenance.vectors");
        if (property != null && !property.isBlank()) {
            return Optional.of(Paths.get(property));
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SHARED);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The number of leaves; trees of sizes 1 to this have known roots. */
    int size() {
        return leaves.size();
    }

    private static List<Digest> path(JsonNode node) {
        List<Digest> path = new ArrayList<>();
        node.get("pathBase64").forEach(n -> path.add(base64(n.asText())));
        return path;
    }

    private static Digest base64(String text) {
        return Digest.of(Base64.getDecoder().decode(text));
    }
}
