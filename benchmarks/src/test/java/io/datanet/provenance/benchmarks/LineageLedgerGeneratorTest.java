package io.datanet.provenance.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.ledger.LedgerOptions;
import io.datanet.provenance.record.DataNetUse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A smoke test of the scale harness's generator on a tiny ledger (small batches so fine-tunes appear early). */
class LineageLedgerGeneratorTest {
    private static final int RECORDS = 600;
    private static final int BATCH = 50;

    @TempDir
    Path dir;

    @Test
    void theSameSeedGivesTheSameBytesAndAResumedBuildEqualsAOneShotBuild() {
        List<byte[]> oneShot = build(dir.resolve("a"), 7, RECORDS);
        try (Ledger ledger = open(dir.resolve("b"))) {
            new LineageLedgerGenerator(7, BATCH).appendTo(ledger, 230, n -> { });
        }
        List<byte[]> resumed = build(dir.resolve("b"), 7, RECORDS);
        assertThat(resumed).hasSize(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            assertThat(resumed.get(i)).as("record %d", i).isEqualTo(oneShot.get(i));
        }
        assertThat(build(dir.resolve("c"), 8, BATCH + 1).get(BATCH)).isNotEqualTo(oneShot.get(BATCH));
    }

    @Test
    void recordsNameThePlannedParentsStayWithinTheDepthCapAndFavourPopularDataNets() {
        LineageLedgerGenerator g = new LineageLedgerGenerator(7, BATCH);
        Map<String, Integer> uses = new HashMap<>();
        int fineTunes = 0;
        try (Ledger ledger = open(dir.resolve("a"))) {
            g.appendTo(ledger, RECORDS, n -> { });
            List<LedgerEntry> all = new ArrayList<>();
            ledger.scan(0, ledger.size(), all::add);
            for (LedgerEntry e : all) {
                long p = g.parentOf(e.index());
                String parent = e.record().record().model().parent();
                assertThat(parent).as("parent of %d", e.index()).isEqualTo(p < 0 ? null : all.get((int) p).id());
                assertThat(ledger.parentIndex(e.index())).isEqualTo(p);
                assertThat(g.depth(e.index())).isBetween(0, LineageLedgerGenerator.MAX_DEPTH);
                assertThat(p).isLessThan(e.index() - e.index() % BATCH);
                fineTunes += p < 0 ? 0 : 1;
                List<DataNetUse> d = e.record().record().datanets();
                assertThat(d).hasSizeBetween(1, 4);
                d.forEach(u -> uses.merge(u.id(), 1, Integer::sum));
            }
        }
        // 60 % of the records after the first batch fine-tune a base
        assertThat(fineTunes).isBetween((int) ((RECORDS - BATCH) * 0.5), (int) ((RECORDS - BATCH) * 0.7));
        int top = uses.getOrDefault(LineageLedgerGenerator.dataNetId(0), 0);
        assertThat(top).isGreaterThan(RECORDS / 10)
                .isGreaterThan(uses.values().stream().filter(c -> c != top).max(Integer::compare).orElse(0));
    }

    @Test
    void aLedgerOfAnotherSeedIsNotExtended() {
        build(dir.resolve("a"), 7, 120);
        try (Ledger ledger = open(dir.resolve("a"))) {
            assertThatThrownBy(() -> new LineageLedgerGenerator(8, BATCH).appendTo(ledger, 200, n -> { }))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("seed 8");
            assertThat(ledger.size()).isEqualTo(120);
        }
    }

    private static List<byte[]> build(Path dir, long seed, int records) {
        try (Ledger ledger = open(dir)) {
            new LineageLedgerGenerator(seed, BATCH).appendTo(ledger, records, n -> { });
            List<byte[]> out = new ArrayList<>();
            ledger.scan(0, ledger.size(), e -> out.add(e.record().bytes()));
            return out;
        }
    }

    private static Ledger open(Path dir) {
        return Ledger.open(dir, LedgerOptions.defaults().withCheckpointOnClose(false));
    }
}
