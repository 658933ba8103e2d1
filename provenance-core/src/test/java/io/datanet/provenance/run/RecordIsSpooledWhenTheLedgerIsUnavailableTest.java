package io.datanet.provenance.run;

import static io.datanet.provenance.run.RunFixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerException;
import io.datanet.provenance.record.CanonicalRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordIsSpooledWhenTheLedgerIsUnavailableTest {
    @TempDir
    Path dir;

    /** A sink whose ledger is down. */
    private static final RecordSink DOWN = record -> {
        throw new LedgerException("/nowhere", "database is locked");
    };

    private RunRecorder run(RecordSink sink, String version, boolean strict) {
        RunRecorder r = RunRecorder.builder(sink, "m", version).clock(CLOCK).runId("run-" + version)
                .spoolDirectory(dir.resolve("spool")).strict(strict).shutdownHook(false).start();
        r.modelSource(() -> RunFixtures.model(1, 2));
        return r;
    }

    private List<Path> spooled() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("spool"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void nonStrictRunsGoOnAndTheSpooledBytesAreAppendedByTheNextRunThatReachesTheLedger() throws Exception {
        CanonicalRecord first = run(DOWN, "1", false).complete().orElseThrow();
        CanonicalRecord second = run(DOWN, "2", false).complete().orElseThrow();
        assertThat(spooled()).hasSize(2);
        assertThat(Files.readAllBytes(spooled().get(0))).isEqualTo(first.bytes());

        Path ledgerDir = dir.resolve("ledger");
        CanonicalRecord third = run(RecordSink.ledger(ledgerDir), "3", false).complete().orElseThrow();
        assertThat(spooled()).isEmpty();
        try (Ledger ledger = Ledger.open(ledgerDir)) {
            assertThat(ledger.size()).isEqualTo(3);
            assertThat(ledger.find(first.id())).isPresent();
            assertThat(ledger.find(second.id())).isPresent();
            assertThat(ledger.find(third.id())).isPresent();
        }
    }

    @Test
    void strictRunsThrowNamingTheSpoolFileAndStillKeepTheRecord() throws Exception {
        RunRecorder strict = run(DOWN, "1", true);
        assertThatThrownBy(strict::complete).isInstanceOf(RecordSpooledException.class)
                .hasMessageContaining("database is locked").hasMessageContaining("spooled to")
                .satisfies(e -> assertThat(((RecordSpooledException) e).spoolFile()).isPresent());
        assertThat(spooled()).hasSize(1);
        assertThat(strict.record()).isPresent();
        assertThat(strict.complete()).isEmpty();
    }

    @Test
    void aStartingRunDrainsTheSpool() throws Exception {
        run(DOWN, "1", false).complete();
        Path ledgerDir = dir.resolve("ledger");
        RunRecorder next = run(RecordSink.ledger(ledgerDir), "2", false);
        assertThat(spooled()).isEmpty();
        try (Ledger ledger = Ledger.open(ledgerDir)) {
            assertThat(ledger.size()).isEqualTo(1);
        }
        next.interrupt();
    }
}
