package io.datanet.provenance.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The byte-level scan verification uses for record facts gives exactly what the Jackson scan gives, or steps aside:
 * on stored records it applies and agrees; on every single-byte corruption of one (what an edited database could hold
 * under forged lookup keys) {@link RecordFacts#scan} still returns the same facts, or fails the same way, as Jackson.
 */
class RecordFactsFastScanAgreesWithJacksonTest {
    private static final byte[] REPLACEMENTS = "\"\\ {}[],:x0-.e9n\u0001".getBytes(StandardCharsets.ISO_8859_1);

    private static byte[] stored(String model, String parent, String... datanets) {
        return CanonicalRecord.of(SampleRecords.record(model, "v1", parent, datanets)).bytes();
    }

    private static String outcome(java.util.function.Supplier<RecordFacts> scan) {
        try {
            return "facts " + scan.get();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    @Test
    void storedRecordsTakeTheFastPathAndAgree() {
        byte[] base = stored("base", null, "iris", "wine");
        byte[] child = stored("child", CanonicalRecord.of(SampleRecords.record("base", "v1", null, "iris")).idHex(),
                "wine", "iris");
        for (byte[] bytes : List.of(base, child)) {
            RecordFacts fast = RecordFactsFastScan.scan(bytes);
            assertThat(fast).isNotNull().isEqualTo(RecordFacts.scanWithJackson(bytes));
        }
        assertThat(RecordFactsFastScan.scan(child).parent()).hasSize(64);
        assertThat(RecordFactsFastScan.scan(child).dataNets()).containsExactly("iris", "wine");
    }

    @Test
    void everySingleByteCorruptionGivesWhatJacksonGives() {
        byte[] original = stored("child", "ab".repeat(32), "iris", "wine");
        int fastPathTaken = 0;
        for (int i = 0; i < original.length; i++) {
            for (byte replacement : REPLACEMENTS) {
                if (original[i] == replacement) {
                    continue;
                }
                byte[] bytes = original.clone();
                bytes[i] = replacement;
                RecordFacts fast = RecordFactsFastScan.scan(bytes);
                if (fast != null) {
                    fastPathTaken++;
                    assertThat(fast).as("byte %d set to %s", i, (char) replacement)
                            .isEqualTo(RecordFacts.scanWithJackson(bytes));
                }
                assertThat(outcome(() -> RecordFacts.scan(bytes))).as("byte %d set to %s", i, (char) replacement)
                        .isEqualTo(outcome(() -> RecordFacts.scanWithJackson(bytes)));
            }
            byte[] truncated = java.util.Arrays.copyOf(original, i);
            assertThat(outcome(() -> RecordFacts.scan(truncated))).as("truncated to %d bytes", i)
                    .isEqualTo(outcome(() -> RecordFacts.scanWithJackson(truncated)));
        }
        assertThat(fastPathTaken).as("corruptions inside skipped values still take the fast path").isPositive();
    }

    @Test
    void unusualButValidJsonStepsAsideToJackson() {
        String json = "{\"model\": {\"name\":\"m\",\"version\":\"v\\u0031\"},\"datanets\":[{\"id\":\"d\"}]}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThat(RecordFactsFastScan.scan(bytes)).isNull();
        assertThat(RecordFacts.scan(bytes)).isEqualTo(new RecordFacts("m@v1", null, null, List.of("d")));
    }
}
