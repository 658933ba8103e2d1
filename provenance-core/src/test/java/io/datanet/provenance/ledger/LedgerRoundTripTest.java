package io.datanet.provenance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datanet.provenance.Digest;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void appendedRecordsAreFoundByIdPrefixAndModelVersionWithExactBytes() {
        try (Ledger ledger = Ledger.open(dir)) {
            CanonicalRecord r0 = SampleRecords.canonical(0);
            LedgerEntry e0 = ledger.append(r0);
            ledger.append(SampleRecords.canonical(1));
            assertThat(e0.index()).isZero();
            assertThat(ledger.size()).isEqualTo(2);
            assertThat(ledger.resolve(r0.idHex()).record().bytes()).isEqualTo(r0.bytes());
            assertThat(ledger.resolve(r0.idHex().substring(0, 8)).index()).isZero();
            assertThat(ledger.resolve("model-1@v1").index()).isEqualTo(1);
            assertThat(Digest.sha256(ledger.get(1).orElseThrow().record().bytes()))
                    .isEqualTo(SampleRecords.canonical(1).id());
        }
    }

    @Test
    void usesAndChildrenIndexesAnswerWithExactlyTheMatchingEntries() {
        try (Ledger ledger = Ledger.open(dir)) {
            LedgerEntry base = ledger.append(CanonicalRecord.of(SampleRecords.record("base", "1", null, "iris", "wine")));
            ledger.append(CanonicalRecord.of(SampleRecords.record("other", "1", null, "digits")));
            LedgerEntry tuned = ledger.append(CanonicalRecord.of(
                    SampleRecords.record("tuned", "1", base.id(), "wine-extra")));
            ledger.append(CanonicalRecord.of(SampleRecords.record("base", "2", null, "iris")));
            assertThat(ledger.usesOf("iris", -1, 10)).extracting(LedgerEntry::index).containsExactly(0L, 3L);
            assertThat(ledger.usesOf("iris", 0, 10)).extracting(LedgerEntry::index).containsExactly(3L);
            assertThat(ledger.usesOf("iris", -1, 1)).extracting(LedgerEntry::index).containsExactly(0L);
            assertThat(ledger.usesOf("wine", -1, 10)).extracting(LedgerEntry::index).containsExactly(0L);
            assertThat(ledger.usesOf("nothing", -1, 10)).isEmpty();
            assertThat(ledger.children(base.record().id())).extracting(LedgerEntry::index)
                    .containsExactly(tuned.index());
            assertThat(ledger.children(tuned.record().id())).isEmpty();
        }
    }

    @Test
    void supersededCheckpointsArePrunedButOnePerSpanAndTheNewestStay() {
        try (Ledger ledger = Ledger.open(dir)) {
            for (int i = 0; i < 2100; i += 100) {
                List<CanonicalRecord> batch = new ArrayList<>();
                for (int j = i; j < i + 100; j++) {
                    batch.add(SampleRecords.canonical(j));
                }
                ledger.appendAll(batch);
                ledger.checkpoint();
            }
            assertThat(ledger.checkpoints()).extracting(c -> c.checkpoint().size())
                    .containsExactly(100L, 1100L, 2100L);
            assertThat(ledger.verify(p -> { }).ok()).isTrue();
        }
    }

    @Test
    void aForeignSqliteFileIsRefusedAndLeftAlone() throws Exception {
        Path db = dir.resolve("ledger.db");
        try (var conn = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             var st = conn.createStatement()) {
            st.executeUpdate("CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT)");
        }
        byte[] before = Files.readAllBytes(db);
        assertThatThrownBy(() -> Ledger.open(dir)).isInstanceOf(LedgerException.class)
                .hasMessageContaining("not a provenance ledger").hasMessageContaining("ledger.db");
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
    }

    @Test
    void openExistingRefusesADirectoryWithoutALedgerAndCreatesNothing() {
        Path empty = dir.resolve("typo");
        assertThatThrownBy(() -> Ledger.openExisting(empty)).isInstanceOf(LedgerException.class)
                .hasMessageContaining("no ledger here");
        assertThat(Files.exists(empty)).isFalse();
    }

    @Test
    void appendingTheSameRecordTwiceLogsItOnce() {
        try (Ledger ledger = Ledger.open(dir)) {
            ledger.append(SampleRecords.canonical(0));
            LedgerEntry again = ledger.append(SampleRecords.canonical(0));
            assertThat(again.index()).isZero();
            assertThat(ledger.size()).isEqualTo(1);
        }
    }

    @Test
    void unknownAndMalformedReferencesAreRefusedByName() {
        try (Ledger ledger = Ledger.open(dir)) {
            ledger.append(SampleRecords.canonical(0));
            assertThatThrownBy(() -> ledger.resolve("deadbeef")).isInstanceOf(RecordNotFoundException.class)
                    .hasMessageContaining("deadbeef");
            assertThatThrownBy(() -> ledger.resolve("nomodel@v9")).isInstanceOf(RecordNotFoundException.class)
                    .hasMessageContaining("nomodel@v9");
            assertThatThrownBy(() -> ledger.resolve("xyz")).isInstanceOf(RecordNotFoundException.class);
        }
    }

    @Test
    void rootsAndProofsAgreeWithAnIndependentTreeForEverySize() {
        int n = 300;
        List<Digest> leaves = new ArrayList<>();
        try (Ledger ledger = Ledger.open(dir)) {
            List<CanonicalRecord> batch = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                CanonicalRecord r = SampleRecords.canonical(i);
                leaves.add(MerkleHash.leaf(r.bytes()));
                if (i % 3 == 0) {
                    ledger.appendAll(batch);
                    batch.clear();
                    ledger.append(r);
                } else {
                    batch.add(r);
                    if (batch.size() == 7 || i == n - 1) {
                        ledger.appendAll(batch);
                        batch.clear();
                    }
                }
            }
            assertThat(ledger.size()).isEqualTo(n);
        }
        try (Ledger ledger = Ledger.open(dir)) {
            for (int size : new int[] {1, 2, 15, 16, 17, 255, 256, 257, n}) {
                Digest root = ledger.root(size);
                assertThat(root).isEqualTo(naiveRoot(leaves.subList(0, size)));
                for (int i : new int[] {0, size / 2, size - 1}) {
                    assertThat(ledger.proveInclusion(i, size).verifies(leaves.get(i), root)).isTrue();
                }
                assertThat(ledger.proveConsistency(Math.max(1, size / 3), size)
                        .verifies(naiveRoot(leaves.subList(0, Math.max(1, size / 3))), root)).isTrue();
            }
            SignedCheckpoint cp = ledger.checkpoint();
            assertThat(cp.checkpoint().size()).isEqualTo(n);
            assertThat(cp.checkpoint().root()).isEqualTo(naiveRoot(leaves));
            assertThat(SignedCheckpoint.verify(cp.note(), NoteVerifier.parse(ledger.verifierKey()))).isEqualTo(cp);
            assertThat(ledger.verify(p -> { }).problems()).isEmpty();
        }
        assertThat(Files.exists(dir.resolve("log.key"))).isTrue();
    }

    static Digest naiveRoot(List<Digest> leaves) {
        if (leaves.isEmpty()) {
            return MerkleHash.empty();
        }
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        return MerkleHash.node(naiveRoot(leaves.subList(0, k)), naiveRoot(leaves.subList(k, leaves.size())));
    }
}
