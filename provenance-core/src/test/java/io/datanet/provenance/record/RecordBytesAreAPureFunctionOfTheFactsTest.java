package io.datanet.provenance.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datanet.provenance.Digest;
import io.datanet.provenance.InvalidInputException;
import io.datanet.provenance.canonical.CanonicalJson;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordBytesAreAPureFunctionOfTheFactsTest {

    @Test
    void theSameFactsGiveTheSameBytesAndId() {
        CanonicalRecord a = CanonicalRecord.of(SampleRecords.record("m", "1", null, "b-net", "a-net"));
        CanonicalRecord b = CanonicalRecord.of(SampleRecords.record("m", "1", null, "a-net", "b-net"));
        assertThat(a.bytes()).isEqualTo(b.bytes());
        assertThat(a.id()).isEqualTo(Digest.sha256(a.bytes()));
        assertThat(a.idHex()).hasSize(64).isEqualTo(b.idHex());
    }

    @Test
    void canonicalBytesParseAndSerializeBackByteForByte() {
        for (long i = 0; i < 50; i++) {
            byte[] bytes = SampleRecords.canonical(i).bytes();
            CanonicalRecord parsed = CanonicalRecord.parse(bytes, "r" + i);
            assertThat(parsed.bytes()).isEqualTo(bytes);
            assertThat(parsed.record()).isEqualTo(SampleRecords.record(i));
            assertThat(parsed.isCanonical()).isTrue();
        }
    }

    @Test
    void prettyPrintedInputCanonicalizesToTheSameBytes() throws Exception {
        CanonicalRecord r = SampleRecords.canonical(7);
        JsonNode tree = CanonicalJson.mapper().readTree(r.bytes());
        byte[] pretty = CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
        assertThat(pretty).isNotEqualTo(r.bytes());
        assertThat(CanonicalRecord.parse(pretty, "pretty.json").bytes()).isEqualTo(r.bytes());
    }

    @Test
    void theCanonicalFormIsPinned() {
        // A golden value: if this changes, every existing record id changes. Never update it casually.
        CanonicalRecord r = CanonicalRecord.of(SampleRecords.record("golden", "1", null, "iris"));
        String json = r.json();
        assertThat(json).startsWith("{\"config\":{\"digest\":\"sha256:");
        assertThat(json).contains("\"datanets\":[{\"capture\":\"OBSERVED\",\"id\":\"iris\",\"license\":{\"attribution\":true,");
        assertThat(json).contains("\"fraction\":\"0.8\"");
        assertThat(json).contains("\"startedAt\":\"2026-11-25T09:30:00.123Z\"");
        assertThat(json).endsWith("\"schema\":\"io.datanet.provenance/record/v1\"}");
        assertThat(json).doesNotContain(" ", "\n");
    }

    @Test
    void anyChangedFactChangesTheId() {
        ProvenanceRecord base = SampleRecords.record("m", "1", null, "a");
        ProvenanceRecord later = new ProvenanceRecord(
                new RunInfo(base.run().id(), base.run().status(), base.run().startedAt(),
                        base.run().endedAt().plusMillis(1)),
                base.model(), base.framework(), base.config(), base.datanets(), base.policy());
        assertThat(CanonicalRecord.of(later).id()).isNotEqualTo(CanonicalRecord.of(base).id());
        // sub-millisecond noise does not change anything: times are milliseconds by definition
        ProvenanceRecord noisy = new ProvenanceRecord(
                new RunInfo(base.run().id(), base.run().status(), base.run().startedAt().plusNanos(999),
                        base.run().endedAt()),
                base.model(), base.framework(), base.config(), base.datanets(), base.policy());
        assertThat(CanonicalRecord.of(noisy).id()).isEqualTo(CanonicalRecord.of(base).id());
    }

    @Test
    void schemaViolationsAreRefusedNamingTheField() throws Exception {
        ObjectNode tree = (ObjectNode) CanonicalJson.mapper().readTree(SampleRecords.canonical(1).bytes());
        assertRefused(with(tree, t -> ((ObjectNode) t.get("model")).put("parameterCount", 1.5)),
                "/model/parameterCount", "floating-point");
        assertRefused(with(tree, t -> ((ObjectNode) t.get("model")).put("parameterCount", 1L << 60)),
                "/model/parameterCount", "2^53");
        assertRefused(with(tree, t -> ((ObjectNode) t.get("model")).put("colour", "red")), "/model/colour",
                "unknown field");
        assertRefused(with(tree, t -> ((ObjectNode) t.get("run")).remove("endedAt")), "/run/endedAt", "missing");
        assertRefused(with(tree, t -> ((ObjectNode) t.get("run")).put("status", "DONE")), "/run/status", "DONE");
        assertRefused(with(tree, t -> ((ObjectNode) t.get("run")).put("startedAt", "2026-11-25T09:30:00Z")),
                "/run/startedAt", "milliseconds");
        assertRefused(with(tree, t -> ((ObjectNode) t.get("datanets").get(0)).put("weight", "1e3")),
                "/datanets/0/weight", "decimal");
        assertRefused(with(tree, t -> ((ObjectNode) t.get("datanets").get(0)).put("version", "md5:abc")),
                "/datanets/0/version", "sha256");
        assertRefused(with(tree, t -> t.put("schema", "io.datanet.provenance/record/v9")), "/schema", "v9");
        byte[] dup = new String(SampleRecords.canonical(1).bytes(), StandardCharsets.UTF_8)
                .replace("{\"config\":{", "{\"config\":{\"seed\":\"1\",").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CanonicalRecord.parse(dup, "dup.json")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dup.json").hasMessageContaining("seed");
    }

    @Test
    void crossFieldRulesAreEnforcedOnConstruction() {
        ProvenanceRecord base = SampleRecords.record("m", "1", null, "a");
        assertThatThrownBy(() -> new RunInfo("r", RunStatus.COMPLETED, Instant.EPOCH.plusSeconds(5), Instant.EPOCH))
                .hasMessageContaining("before");
        assertThatThrownBy(() -> new ModelInfo("m", "1", null, 1, null, null).checkFor(RunStatus.COMPLETED))
                .hasMessageContaining("weights digest is required");
        assertThatThrownBy(() -> new ModelInfo("m", "1", base.model().weights(), 1, null, "abc"))
                .hasMessageContaining("parent");
        assertThatThrownBy(() -> new ObservedCount("train", 0, 3, 4)).hasMessageContaining("more batches");
    }

    private static byte[] with(ObjectNode original, java.util.function.Consumer<ObjectNode> edit) throws Exception {
        ObjectNode copy = original.deepCopy();
        edit.accept(copy);
        return CanonicalJson.mapper().writeValueAsBytes(copy);
    }

    private static void assertRefused(byte[] json, String field, String problem) {
        assertThatThrownBy(() -> CanonicalRecord.parse(json, "record.json"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("record.json")
                .hasMessageContaining(field)
                .hasMessageContaining(problem);
    }
}
