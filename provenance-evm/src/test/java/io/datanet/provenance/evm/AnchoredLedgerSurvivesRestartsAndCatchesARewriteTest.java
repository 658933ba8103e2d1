package io.datanet.provenance.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.datanet.provenance.anchor.Anchor;
import io.datanet.provenance.anchor.AnchorVerificationReport;
import io.datanet.provenance.anchor.AnchorVerifier;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.testing.LedgerForgery;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first "must show": two training processes, one after the other, append and anchor; the
 * ledger verifies against the chain; then an insider rewrites one record, recomputes the tree and
 * re-signs every checkpoint with the log's own key: the ledger still verifies on its own, but not
 * against the chain, which names the record.
 */
class AnchoredLedgerSurvivesRestartsAndCatchesARewriteTest {
    @TempDir
    static Path work;
    static AnvilNode anvil;
    static String key;
    static String registry;

    @BeforeAll
    static void startNode() throws Exception {
        anvil = AnvilNode.start(work.resolve("anvil"));
        key = anvil.fundedKey();
        registry = Web3jAnchorSink.deployRegistry(anvil.url(), EvmKey.ofPrivateKey(key));
    }

    @AfterAll
    static void stopNode() {
        anvil.close();
    }

    /** Runs {@link AnchorRunMain} in a JVM of its own. */
    private static void trainingProcess(Path ledger, int records) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp, AnchorRunMain.class.getName(), ledger.toString(), anvil.url(), registry,
                Integer.toString(records), "true").redirectErrorStream(true);
        pb.environment().put(EvmKey.ENV, key);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).doesNotContain(key); // the key is never logged
    }

    private static Web3jAnchorSink reader() {
        return Web3jAnchorSink.builder(anvil.url(), registry).pollInterval(Duration.ofMillis(50)).build();
    }

    @Test
    void anchorsAcrossARestartVerifiesThenNamesARecordRewrittenWithTheLogsOwnKey() throws Exception {
        Path dir = work.resolve("ledger");
        trainingProcess(dir, 5);
        trainingProcess(dir, 5); // a restarted process: same ledger, anchors the next batch
        try (Ledger ledger = Ledger.open(dir); Web3jAnchorSink chain = reader()) {
            AnchorVerificationReport report = AnchorVerifier.verify(ledger, chain);
            assertThat(report.problems()).isEmpty();
            assertThat(report.anchors()).extracting(Anchor::size).containsExactly(5L, 10L);
            assertThat(report.anchors().get(1).root()).isEqualTo(ledger.latestCheckpoint().orElseThrow().checkpoint().root());
        }

        CanonicalRecord edited = CanonicalRecord.of(SampleRecords.record("model-7", "v7", null, "datanet-swapped"));
        LedgerForgery.replaceRecord(dir, 7, edited);
        try (Ledger ledger = Ledger.open(dir); Web3jAnchorSink chain = reader()) {
            assertThat(ledger.verify(n -> { }).problems()).as("re-signed with the log's key, it verifies alone").isEmpty();
            AnchorVerificationReport report = AnchorVerifier.verify(ledger, chain);
            assertThat(report.ok()).isFalse();
            assertThat(report.firstBadEntry()).hasValue(7);
            assertThat(report.summary()).startsWith("entry 7 was altered").contains(edited.idHex())
                    .contains(SampleRecords.canonical(7).idHex()).contains(chain.target());
            assertThat(report.problems()).hasSize(1);
        }
    }
}
