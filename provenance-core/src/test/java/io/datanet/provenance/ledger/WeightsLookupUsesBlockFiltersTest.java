package io.datanet.provenance.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.datanet.provenance.Digest;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store finds records by weights digest through one Bloom filter per complete block of 4,096
 * entries instead of an index entry per record: a lookup finds the newest match whether it lies in a complete
 * block or in the incomplete tail, a miss reads nothing it need not, and a filter edited in the database file is
 * named by {@code verify} (it could hide a record from the lookup).
 *
 * <p>The ledger: 4,200 sample records; entry 7 is {@code twin@v1} on iris and entry 4,150 {@code twin@v1} on wine
 * (same weights, another record); entry 11 is {@code base@v1}, whose weights appear nowhere else.
 */
class WeightsLookupUsesBlockFiltersTest {
    private static final int SIZE = 4200;

    @TempDir
    Path dir;

    private final List<CanonicalRecord> records = new ArrayList<>();

    @BeforeEach
    void build() {
        for (int i = 0; i < SIZE; i++) {
            records.add(switch (i) {
                case 7 -> CanonicalRecord.of(SampleRecords.record("twin", "v1", null, "iris"));
                case 11 -> CanonicalRecord.of(SampleRecords.record("base", "v1", null, "iris"));
                case 4150 -> CanonicalRecord.of(SampleRecords.record("twin", "v1", null, "wine"));
                default -> SampleRecords.canonical(i);
            });
        }
        try (Ledger ledger = Ledger.open(dir, LedgerOptions.defaults().withCheckpointOnClose(false))) {
            ledger.appendAll(records.subList(0, 1000));
            ledger.appendAll(records.subList(1000, 4100)); // completes block 0 across two transactions
            for (CanonicalRecord r : records.subList(4100, SIZE)) {
                ledger.append(r);
            }
        }
    }

    private static Digest weights(CanonicalRecord r) {
        return r.record().model().weights().value();
    }

    @Test
    void findsTheNewestMatchInTheTailOrInACompleteBlock() {
        try (Ledger ledger = Ledger.openExisting(dir)) {
            assertThat(ledger.findByWeights(weights(records.get(7)))).map(LedgerEntry::index).contains(4150L);
            assertThat(ledger.findByWeights(weights(records.get(11)))).map(LedgerEntry::index).contains(11L);
            assertThat(ledger.findByWeights(weights(records.get(4095)))).map(LedgerEntry::index).contains(4095L);
            assertThat(ledger.findByWeights(weights(records.get(4199)))).map(LedgerEntry::index).contains(4199L);
            assertThat(ledger.findByWeights(SampleRecords.digestOf("weights nobody has"))).isEmpty();
            assertThat(ledger.verify(n -> { }).ok()).isTrue();
        }
    }

    /**
     * A handle keeps its tail block's filter between appends; entries another handle appended into that block
     * meanwhile must still be in the filter it stores when it completes the block.
     */
    @Test
    void aBlockCompletedByOneHandleHoldsWhatAnotherAppendedToIt() {
        Path shared = dir.resolve("two-handles");
        try (Ledger a = Ledger.open(shared, LedgerOptions.defaults().withCheckpointOnClose(false));
             Ledger b = Ledger.open(shared, LedgerOptions.defaults().withCheckpointOnClose(false))) {
            a.appendAll(records.subList(0, 100)); // a keeps the filter of 0..99
            b.appendAll(records.subList(100, 200)); // entry 11's block-mate 150 goes in through b
            a.append(records.get(200)); // a's kept filter is stale now: 100..199 are read back
            a.appendAll(records.subList(201, 4100)); // and a completes block 0
        }
        try (Ledger ledger = Ledger.openExisting(shared)) {
            assertThat(ledger.findByWeights(weights(records.get(150)))).map(LedgerEntry::index).contains(150L);
            assertThat(ledger.findByWeights(weights(records.get(11)))).map(LedgerEntry::index).contains(11L);
            assertThat(ledger.findByWeights(weights(records.get(3000)))).map(LedgerEntry::index).contains(3000L);
            assertThat(ledger.verify(n -> { }).ok()).isTrue();
        }
    }

    @Test
    void anEditedFilterIsNamedByVerify() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
             PreparedStatement ps = c.prepareStatement("UPDATE weights_filters SET bits = ? WHERE block = 0")) {
            ps.setBytes(1, new byte[4096 * 2]);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        try (Ledger ledger = Ledger.openExisting(dir)) {
            assertThat(ledger.findByWeights(weights(records.get(11)))).as("what the edit hides").isEmpty();
            VerificationReport r = ledger.verify(n -> { });
            assertThat(r.firstBadEntry()).hasValue(0);
            assertThat(r.problems()).singleElement().asString().contains("entries 0..4095", "weights filter");
        }
    }

    @Test
    void aFilterForTheIncompleteTailIsNamedByVerify() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
             PreparedStatement ps = c.prepareStatement("INSERT INTO weights_filters(block, bits) VALUES (1, ?)")) {
            ps.setBytes(1, new byte[4096 * 2]);
            ps.executeUpdate();
        }
        try (Ledger ledger = Ledger.openExisting(dir)) {
            VerificationReport r = ledger.verify(n -> { });
            assertThat(r.ok()).isFalse();
            assertThat(r.problems()).singleElement().asString().contains("blocks the log has not completed");
        }
    }
}
