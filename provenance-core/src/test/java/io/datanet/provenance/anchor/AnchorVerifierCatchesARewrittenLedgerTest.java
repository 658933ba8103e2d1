package io.datanet.provenance.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.testing.LedgerForgery;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnchorVerifierCatchesARewrittenLedgerTest {
    @TempDir
    Path tmp;

    /** Appends 12 records, anchoring at sizes 4, 8 and 12 like a scheduler would. */
    private Path anchoredLedger(AnchorSink sink) {
        Path dir = tmp.resolve("ledger");
        try (Ledger ledger = Ledger.open(dir)) {
            LogId id = LogId.ofVerifierKey(ledger.verifierKey());
            for (long i = 0; i < 12; i++) {
                ledger.append(SampleRecords.canonical(i));
                if ((i + 1) % 4 == 0) {
                    var cp = ledger.checkpoint().checkpoint();
                    java.util.List<RecordFact> facts = new java.util.ArrayList<>();
                    long from = sink.latest(id).map(Anchor::size).orElse(0L);
                    if (sink.publishesRecordFacts()) {
                        ledger.scan(from, cp.size(), e -> facts.add(RecordFact.of(e)));
                    }
                    sink.publish(new AnchorRequest(new Anchor(id, cp.size(), cp.root()), facts));
                }
            }
        }
        return dir;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anIntactLedgerMatchesEveryAnchor(boolean events) {
        InMemoryAnchorSink sink = new InMemoryAnchorSink(events);
        Path dir = anchoredLedger(sink);
        try (Ledger ledger = Ledger.open(dir)) {
            AnchorVerificationReport report = AnchorVerifier.verify(ledger, sink);
            assertThat(report.problems()).isEmpty();
            assertThat(report.ok()).isTrue();
            assertThat(report.anchoredSize()).isEqualTo(12);
        }
    }

    @Test
    void eventsModeNamesTheRecordEditedAndResignedWithTheLogsOwnKey() {
        InMemoryAnchorSink sink = new InMemoryAnchorSink(true);
        Path dir = anchoredLedger(sink);
        CanonicalRecord edited = CanonicalRecord.of(SampleRecords.record("model-6", "v6", null, "datanet-other"));
        LedgerForgery.replaceRecord(dir, 6, edited);
        try (Ledger ledger = Ledger.open(dir)) {
            assertThat(ledger.verify(n -> { }).ok()).as("the forged ledger verifies on its own").isTrue();
            AnchorVerificationReport report = AnchorVerifier.verify(ledger, sink);
            assertThat(report.ok()).isFalse();
            assertThat(report.firstBadEntry()).hasValue(6);
            assertThat(report.summary()).startsWith("entry 6 was altered").contains(edited.idHex())
                    .contains(SampleRecords.canonical(6).idHex());
        }
    }

    @Test
    void rootModeNamesTheRangeBetweenTwoAnchors() {
        InMemoryAnchorSink sink = new InMemoryAnchorSink(false);
        Path dir = anchoredLedger(sink);
        LedgerForgery.replaceRecord(dir, 6, CanonicalRecord.of(SampleRecords.record("model-6", "v6", null, "x")));
        try (Ledger ledger = Ledger.open(dir)) {
            assertThat(ledger.verify(n -> { }).ok()).isTrue();
            AnchorVerificationReport report = AnchorVerifier.verify(ledger, sink);
            assertThat(report.firstBadEntry()).hasValue(4);
            assertThat(report.summary()).contains("an entry in 4..7 was altered").contains("size 8");
        }
    }

    @Test
    void aTruncatedLedgerFails() {
        InMemoryAnchorSink sink = new InMemoryAnchorSink(false);
        Path dir = anchoredLedger(sink);
        try (Ledger ledger = Ledger.open(dir)) {
            sink.put(new Anchor(LogId.ofVerifierKey(ledger.verifierKey()), 20, ledger.root(12)));
            assertThat(AnchorVerifier.verify(ledger, sink).summary()).contains("truncated");
        }
    }
}
