package io.datanet.provenance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ProvenanceException;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every ledger store must have, whatever keeps its bytes: a compatibility kit in the manner of
 * Micrometer's {@code MeterRegistryCompatibilityKit}. Each store's test class extends it and says how to open
 * a fresh store and how to tamper with its database behind the ledger's back; every test here then runs
 * unchanged against that store (the embedded SQLite store in core, PostgreSQL in {@code provenance-postgres}).
 *
 * <p>Roots and proofs are checked against {@link RfcReference}, RFC 6962 transcribed literally, not against
 * the store's own tree code.
 */
public abstract class LedgerContract {
    /**
     * Opens the store under test with default options. The first call in a test creates an empty store; later
     * calls in the same test reopen that same store.
     */
    protected abstract Ledger open();

    /**
     * Overwrites the stored bytes of entry {@code index} directly in the store's database, bypassing the
     * ledger (an insider editing a record). Called while no ledger is open.
     */
    protected abstract void overwriteStoredBytes(long index, byte[] bytes) throws Exception;

    @Test
    public void appendedRecordsAreFoundByIdPrefixAndModelVersionWithExactBytes() {
        try (Ledger ledger = open()) {
            CanonicalRecord r0 = SampleRecords.canonical(0);
            LedgerEntry e0 = ledger.append(r0);
            ledger.append(SampleRecords.canonical(1));
            assertThat(e0.index()).isZero();
            assertThat(ledger.size()).isEqualTo(2);
            assertThat(ledger.resolve(r0.idHex()).record().bytes()).isEqualTo(r0.bytes());
            assertThat(ledger.resolve(r0.idHex().substring(0, 8)).index()).isZero();
            assertThat(ledger.resolve(r0.idHex().substring(0, 20)).index()).isZero();
            assertThat(ledger.resolve("model-1@v1").index()).isEqualTo(1);
            assertThat(ledger.find(r0.id())).map(LedgerEntry::index).contains(0L);
            assertThat(ledger.find(SampleRecords.canonical(2).id())).isEmpty();
            assertThat(Digest.sha256(ledger.get(1).orElseThrow().record().bytes()))
                    .isEqualTo(SampleRecords.canonical(1).id());
            assertThat(ledger.get(2)).isEmpty();
        }
    }

    @Test
    public void appendAndCheckpointLogsTheRecordsAndSignsACheckpointCoveringThem() {
        try (Ledger ledger = open()) {
            ledger.append(SampleRecords.canonical(0));
            List<CanonicalRecord> more = List.of(SampleRecords.canonical(1), SampleRecords.canonical(2));
            List<LedgerEntry> entries = ledger.appendAllAndCheckpoint(more);
            assertThat(entries).extracting(LedgerEntry::index).containsExactly(1L, 2L);
            assertThat(entries.get(1).record().bytes()).isEqualTo(more.get(1).bytes());
            SignedCheckpoint latest = ledger.latestCheckpoint().orElseThrow();
            assertThat(latest.checkpoint().size()).isEqualTo(3);
            assertThat(latest.checkpoint().root()).isEqualTo(ledger.root(3));
            // appending records already logged logs nothing and signs nothing new
            assertThat(ledger.appendAllAndCheckpoint(more)).extracting(LedgerEntry::index).containsExactly(1L, 2L);
            assertThat(ledger.size()).isEqualTo(3);
            assertThat(ledger.latestCheckpoint().orElseThrow().note()).isEqualTo(latest.note());
        }
    }

    @Test
    public void modelVersionResolvesToTheNewestRecordOfThatVersion() {
        try (Ledger ledger = open()) {
            ledger.append(CanonicalRecord.of(SampleRecords.record("m", "1", null, "iris")));
            ledger.append(CanonicalRecord.of(SampleRecords.record("m", "2", null, "iris")));
            LedgerEntry rerun = ledger.append(CanonicalRecord.of(SampleRecords.record("m", "1", null, "wine")));
            assertThat(ledger.resolve("m@1").index()).isEqualTo(rerun.index());
            assertThat(ledger.resolve("m@2").index()).isEqualTo(1);
            assertThat(ledger.superseded(0)).isTrue();
            assertThat(ledger.superseded(1)).isFalse();
            assertThat(ledger.superseded(rerun.index())).isFalse();
            assertThatThrownBy(() -> ledger.superseded(99)).isInstanceOf(RecordNotFoundException.class);
        }
    }

    @Test
    public void summariesEqualTheFullParseOfEveryEntry() {
        try (Ledger ledger = open()) {
            CanonicalRecord base = CanonicalRecord.of(SampleRecords.record("base", "1", null, "iris@v1", "wine@v1"));
            CanonicalRecord tune = CanonicalRecord.of(
                    SampleRecords.record("tuned", "1", base.idHex(), "wine@v1", "reviews@v3", "iris@v2"));
            CanonicalRecord early = CanonicalRecord.of(SampleRecords.record("early", "1", tune.idHex(), "iris@v1"));
            ledger.append(early); // a fine-tune logged before its base
            ledger.append(base);
            ledger.append(CanonicalRecord.of(SampleRecords.record("base", "2", null, "iris@v2")));
            LedgerEntry tuned = ledger.append(tune);
            ledger.append(CanonicalRecord.of(SampleRecords.record("tuned-again", "1", tune.idHex())));
            ledger.append(CanonicalRecord.of(SampleRecords.record("both", "1", null, "iris@v1", "iris@v2")));
            ledger.append(CanonicalRecord.of(SampleRecords.record("base", "1", null, "wine@v2"))); // re-trained
            ledger.append(CanonicalRecord.of( // escapes and non-ASCII text in the bytes
                    SampleRecords.record("mod\u00e8le \"q\" \u2713", "1.0-\u03b2", null, "d\u00e9j\u00e0")));
            for (int i = 0; i < 12; i++) {
                ledger.append(SampleRecords.canonical(i));
            }
            for (long i = 0; i < ledger.size(); i++) {
                LedgerEntry parsed = ledger.get(i).orElseThrow();
                assertThat(ledger.summary(i)).as("summary of entry %d", i).isEqualTo(EntrySummary.of(parsed));
                assertThat(ledger.summary(i).id()).isEqualTo(parsed.id());
            }
            EntrySummary s = ledger.summary(tuned.index());
            assertThat(s.modelRef()).isEqualTo("tuned@1");
            assertThat(s.recordId()).isEqualTo(tune.id());
            assertThat(s.dataNets()).containsExactly(
                    new EntrySummary.DataNetVersion("iris", SampleRecords.digestOf("version iris v2")),
                    new EntrySummary.DataNetVersion("reviews", SampleRecords.digestOf("version reviews v3")),
                    new EntrySummary.DataNetVersion("wine", SampleRecords.digestOf("version wine v1")));
            assertThat(ledger.summary(4).dataNets()).isEmpty();
            assertThat(ledger.summary(7).modelRef()).isEqualTo("mod\u00e8le \"q\" \u2713@1.0-\u03b2");
            long size = ledger.size();
            assertThatThrownBy(() -> ledger.summary(size)).isInstanceOf(RecordNotFoundException.class);
            for (String dn : List.of("iris", "wine", "datanet-3", "nowhere")) {
                for (long after = -1; after < size; after += 3) {
                    long[] expected = ledger.usesOf(dn, after, 4).stream().mapToLong(LedgerEntry::index).toArray();
                    assertThat(ledger.useIndexes(dn, after, 4)).as("%s after %d", dn, after).containsExactly(expected);
                }
            }
            assertThat(ledger.useIndexes("iris", -1, 100)).containsExactly(0, 1, 2, 3, 5);
        }
    }

    @Test
    public void aRowEditedInTheDatabaseIsRefusedByEveryReadNamingTheEntry() throws Exception {
        try (Ledger ledger = open()) {
            for (int i = 0; i < 3; i++) {
                ledger.append(SampleRecords.canonical(i));
            }
            assertThat(ledger.summary(1).modelRef()).isEqualTo("model-1@v1");
        }
        // still a valid record, so only the row's position key shows the edit
        byte[] edited = SampleRecords.canonical(1).json().replace("\"model-1\"", "\"model-X\"")
                .getBytes(StandardCharsets.UTF_8);
        overwriteStoredBytes(1, edited);
        overwriteStoredBytes(2, "{\"not\": \"a record\"}".getBytes(StandardCharsets.UTF_8));
        try (Ledger ledger = open()) {
            assertThatThrownBy(() -> ledger.summary(1)).isInstanceOf(LedgerException.class)
                    .hasMessageContaining("entry 1").hasMessageContaining("altered");
            // a full read too, though the edited bytes parse as a record: not returned as genuine until verify runs
            assertThatThrownBy(() -> ledger.get(1)).isInstanceOf(LedgerException.class)
                    .hasMessageContaining("entry 1").hasMessageContaining("altered");
            assertThatThrownBy(() -> ledger.resolve("model-1@v1")).isInstanceOf(LedgerException.class)
                    .hasMessageContaining("entry 1");
            assertThatThrownBy(() -> ledger.scan(0, 2, e -> { })).isInstanceOf(LedgerException.class)
                    .hasMessageContaining("entry 1");
            assertThatThrownBy(() -> ledger.get(2)).isInstanceOf(ProvenanceException.class)
                    .hasMessageContaining("entry 2");
            assertThatThrownBy(() -> ledger.summary(2)).isInstanceOf(ProvenanceException.class)
                    .hasMessageContaining("entry 2");
            assertThat(ledger.summary(0)).isEqualTo(EntrySummary.of(ledger.get(0).orElseThrow()));
        }
    }

    @Test
    public void appendingTheSameRecordTwiceLogsItOnce() {
        try (Ledger ledger = open()) {
            ledger.append(SampleRecords.canonical(0));
            LedgerEntry again = ledger.append(SampleRecords.canonical(0));
            assertThat(again.index()).isZero();
            assertThat(ledger.size()).isEqualTo(1);
        }
    }

    @Test
    public void appendAllLogsInOrderAndDedupesWithinTheBatchAndAgainstTheLog() {
        try (Ledger ledger = open()) {
            ledger.append(SampleRecords.canonical(10));
            List<LedgerEntry> entries = ledger.appendAll(List.of(SampleRecords.canonical(11),
                    SampleRecords.canonical(10), SampleRecords.canonical(12), SampleRecords.canonical(11)));
            assertThat(entries).extracting(LedgerEntry::index).containsExactly(1L, 0L, 2L, 1L);
            assertThat(entries).extracting(e -> e.record().id()).containsExactly(SampleRecords.canonical(11).id(),
                    SampleRecords.canonical(10).id(), SampleRecords.canonical(12).id(), SampleRecords.canonical(11).id());
            assertThat(ledger.size()).isEqualTo(3);
            assertThat(ledger.appendAll(List.of())).isEmpty();
        }
        try (Ledger reopened = open()) {
            assertThat(reopened.size()).isEqualTo(3);
            assertThat(reopened.get(2).orElseThrow().record().bytes()).isEqualTo(SampleRecords.canonical(12).bytes());
        }
    }

    @Test
    public void unknownAndMalformedReferencesAreRefusedByName() {
        try (Ledger ledger = open()) {
            ledger.append(SampleRecords.canonical(0));
            assertThatThrownBy(() -> ledger.resolve("deadbeef")).isInstanceOf(RecordNotFoundException.class)
                    .hasMessageContaining("deadbeef");
            assertThatThrownBy(() -> ledger.resolve("nomodel@v9")).isInstanceOf(RecordNotFoundException.class)
                    .hasMessageContaining("nomodel@v9");
            assertThatThrownBy(() -> ledger.resolve("xyz")).isInstanceOf(RecordNotFoundException.class);
            assertThatThrownBy(() -> ledger.resolve("")).isInstanceOf(RecordNotFoundException.class);
        }
    }

    @Test
    public void findByWeightsReturnsTheNewestEntryWithThoseWeights() {
        try (Ledger ledger = open()) {
            LedgerEntry a = ledger.append(CanonicalRecord.of(SampleRecords.record("w", "1", null, "iris")));
            ledger.append(CanonicalRecord.of(SampleRecords.record("w", "2", null, "iris")));
            LedgerEntry again = ledger.append(CanonicalRecord.of(SampleRecords.record("w", "1", null, "wine")));
            Digest weights = a.record().record().model().weights().value();
            assertThat(ledger.findByWeights(weights)).map(LedgerEntry::index).contains(again.index());
            assertThat(ledger.findByWeights(SampleRecords.digestOf("no such weights"))).isEmpty();
        }
    }

    @Test
    public void usesAndChildrenIndexesAnswerWithExactlyTheMatchingEntries() {
        try (Ledger ledger = open()) {
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
    public void usesOfPagesThroughEveryUseInLogOrder() {
        List<Long> expected = new ArrayList<>();
        try (Ledger ledger = open()) {
            for (int i = 0; i < 40; i++) {
                String dn = i % 3 == 0 ? "popular" : "rare-" + i;
                ledger.append(CanonicalRecord.of(SampleRecords.record("p", Integer.toString(i), null, dn, "common")));
                if (i % 3 == 0) {
                    expected.add((long) i);
                }
            }
            List<Long> paged = new ArrayList<>();
            long after = -1;
            for (List<LedgerEntry> page = ledger.usesOf("popular", after, 4); !page.isEmpty();
                 page = ledger.usesOf("popular", after, 4)) {
                assertThat(page.size()).isLessThanOrEqualTo(4);
                page.forEach(e -> paged.add(e.index()));
                after = page.get(page.size() - 1).index();
            }
            assertThat(paged).isEqualTo(expected);
            assertThat(ledger.usesOf("common", -1, 1000)).hasSize(40);
            assertThat(ledger.usesOf("common", 38, 1000)).extracting(LedgerEntry::index).containsExactly(39L);
        }
    }

    @Test
    public void parentIndexUsesDataNetAndChildIndexesFollowTheRecordsEvenWhenAChildIsLoggedFirst() {
        try (Ledger ledger = open()) {
            CanonicalRecord base = CanonicalRecord.of(SampleRecords.record("base", "1", null, "iris"));
            CanonicalRecord early = CanonicalRecord.of(SampleRecords.record("tuned", "0", base.idHex(), "wine"));
            assertThat(ledger.append(early).index()).isZero(); // its parent is not logged yet
            assertThat(ledger.parentIndex(0)).isEqualTo(-1);
            assertThat(ledger.append(base).index()).isEqualTo(1);
            LedgerEntry tuned = ledger.append(CanonicalRecord.of(SampleRecords.record("tuned", "1", base.idHex(), "wine")));
            LedgerEntry deeper = ledger.append(CanonicalRecord.of(
                    SampleRecords.record("tuned", "2", tuned.id(), "iris", "digits")));
            assertThat(ledger.parentIndex(0)).isEqualTo(1);
            assertThat(ledger.parentIndex(1)).isEqualTo(-1);
            assertThat(ledger.parentIndex(tuned.index())).isEqualTo(1);
            assertThat(ledger.parentIndex(deeper.index())).isEqualTo(tuned.index());
            assertThat(ledger.childIndexes(1)).containsExactly(0L, tuned.index());
            assertThat(ledger.childIndexes(tuned.index())).containsExactly(deeper.index());
            assertThat(ledger.childIndexes(deeper.index())).isEmpty();
            assertThat(ledger.usesDataNet(deeper.index(), "digits")).isTrue();
            assertThat(ledger.usesDataNet(deeper.index(), "iris")).isTrue();
            assertThat(ledger.usesDataNet(deeper.index(), "wine")).isFalse();
            assertThat(ledger.usesDataNet(0, "wine")).isTrue();
            assertThat(ledger.usesDataNet(0, "iris")).isFalse();
            assertThatThrownBy(() -> ledger.parentIndex(99)).isInstanceOf(RecordNotFoundException.class);
        }
    }

    @Test
    public void parentLinksInsideOneAppendAllHoldInEitherOrderAndAcrossCalls() {
        try (Ledger ledger = open()) {
            CanonicalRecord logged = CanonicalRecord.of(SampleRecords.record("logged", "1", null, "iris"));
            ledger.append(logged); // 0
            CanonicalRecord base = CanonicalRecord.of(SampleRecords.record("base", "1", null, "iris"));
            CanonicalRecord childFirst = CanonicalRecord.of(SampleRecords.record("tuned", "a", base.idHex(), "wine"));
            CanonicalRecord childAfter = CanonicalRecord.of(SampleRecords.record("tuned", "b", base.idHex(), "wine"));
            CanonicalRecord ofLogged = CanonicalRecord.of(SampleRecords.record("tuned", "c", logged.idHex(), "wine"));
            CanonicalRecord orphan = CanonicalRecord.of(SampleRecords.record("tuned", "d",
                    SampleRecords.digestOf("never logged").hex(), "wine"));
            List<LedgerEntry> in = ledger.appendAll(List.of(childFirst, base, childAfter, ofLogged, orphan));
            assertThat(in).extracting(LedgerEntry::index).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(ledger.parentIndex(1)).as("child before its parent in the same call").isEqualTo(2);
            assertThat(ledger.parentIndex(3)).as("child after its parent in the same call").isEqualTo(2);
            assertThat(ledger.parentIndex(4)).as("parent logged by an earlier call").isZero();
            assertThat(ledger.parentIndex(5)).as("parent never logged").isEqualTo(-1);
            assertThat(ledger.childIndexes(2)).containsExactly(1L, 3L);
            assertThat(ledger.childIndexes(0)).containsExactly(4L);
            assertThat(ledger.verify(n -> { }).ok()).isTrue();
        }
    }

    @Test
    public void scanStreamsExactlyTheRangeInLogOrder() {
        try (Ledger ledger = open()) {
            List<CanonicalRecord> batch = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                batch.add(SampleRecords.canonical(i));
            }
            ledger.appendAll(batch);
            List<LedgerEntry> seen = new ArrayList<>();
            ledger.scan(5, 17, seen::add);
            assertThat(seen).extracting(LedgerEntry::index).containsExactly(5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L,
                    14L, 15L, 16L);
            for (LedgerEntry e : seen) {
                assertThat(e.record().bytes()).isEqualTo(batch.get((int) e.index()).bytes());
            }
            List<LedgerEntry> all = new ArrayList<>();
            ledger.scan(0, 1000, all::add);
            assertThat(all).hasSize(25);
        }
    }

    @Test
    public void rootsAndProofsAgreeWithAnIndependentTreeForEverySize() {
        int n = 300;
        List<Digest> leaves = new ArrayList<>();
        try (Ledger ledger = open()) {
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
            assertThat(ledger.root(0)).isEqualTo(MerkleHash.empty());
        }
        try (Ledger ledger = open()) {
            for (int size : new int[] {1, 2, 15, 16, 17, 255, 256, 257, n}) {
                Digest root = ledger.root(size);
                assertThat(root).isEqualTo(RfcReference.mth(leaves, 0, size));
                for (int i : new int[] {0, size / 2, size - 1}) {
                    InclusionProof proof = ledger.proveInclusion(i, size);
                    assertThat(proof.path()).isEqualTo(RfcReference.path(i, leaves, 0, size));
                    assertThat(proof.verifies(leaves.get(i), root)).isTrue();
                }
                int old = Math.max(1, size / 3);
                ConsistencyProof consistency = ledger.proveConsistency(old, size);
                assertThat(consistency.path()).isEqualTo(RfcReference.proof(old, leaves, size));
                assertThat(consistency.verifies(RfcReference.mth(leaves, 0, old), root)).isTrue();
            }
            assertThatThrownBy(() -> ledger.root(n + 1)).isInstanceOf(io.datanet.provenance.InvalidInputException.class);
            SignedCheckpoint cp = ledger.checkpoint();
            assertThat(cp.checkpoint().size()).isEqualTo(n);
            assertThat(cp.checkpoint().root()).isEqualTo(RfcReference.mth(leaves, 0, n));
            assertThat(cp.checkpoint().origin()).isEqualTo(ledger.origin());
            assertThat(SignedCheckpoint.verify(cp.note(), NoteVerifier.parse(ledger.verifierKey()))).isEqualTo(cp);
            assertThat(ledger.verify(p -> { }).problems()).isEmpty();
        }
    }

    @Test
    public void checkpointsAreSignedByTheLogKeyAndSurviveReopening() {
        String key;
        SignedCheckpoint first;
        try (Ledger ledger = open()) {
            key = ledger.verifierKey();
            assertThat(ledger.latestCheckpoint()).isEmpty();
            ledger.appendAll(List.of(SampleRecords.canonical(0), SampleRecords.canonical(1)));
            first = ledger.checkpoint();
            assertThat(ledger.checkpoint()).isEqualTo(first); // nothing new: the same checkpoint
            assertThat(ledger.latestCheckpoint()).contains(first);
            ledger.append(SampleRecords.canonical(2));
        } // closing after an append signs a checkpoint of the new size
        try (Ledger ledger = open()) {
            assertThat(ledger.verifierKey()).isEqualTo(key);
            assertThat(ledger.checkpoints()).extracting(c -> c.checkpoint().size()).containsExactly(2L, 3L);
            SignedCheckpoint latest = ledger.latestCheckpoint().orElseThrow();
            assertThat(latest.checkpoint().root()).isEqualTo(ledger.root(3));
            NoteVerifier verifier = NoteVerifier.parse(key);
            assertThat(SignedCheckpoint.verify(latest.note(), verifier)).isEqualTo(latest);
            assertThat(ledger.proveConsistency(2, 3).verifies(first.checkpoint().root(), latest.checkpoint().root()))
                    .isTrue();
            String forged = latest.note().replace(latest.checkpoint().root().base64(), ledger.root(2).base64());
            assertThatThrownBy(() -> SignedCheckpoint.verify(forged, verifier)).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    public void supersededCheckpointsArePrunedButOnePerSpanAndTheNewestStay() {
        try (Ledger ledger = open()) {
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
    public void verifyPassesOnAnHonestLogAndNamesAnEntryEditedInTheDatabase() throws Exception {
        try (Ledger ledger = open()) {
            List<CanonicalRecord> batch = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                batch.add(SampleRecords.canonical(i));
            }
            ledger.appendAll(batch);
            ledger.checkpoint();
            List<Long> progress = new ArrayList<>();
            VerificationReport report = ledger.verify(true, progress::add);
            assertThat(report.ok()).as(report.summary()).isTrue();
            assertThat(report.entries()).isEqualTo(40);
            assertThat(report.checkpoints()).isEqualTo(1);
            assertThat(progress).last().isEqualTo(40L);
        }
        byte[] edited = SampleRecords.canonical(17).json().replace("\"COMPLETED\"", "\"FAILED\"")
                .getBytes(StandardCharsets.UTF_8);
        overwriteStoredBytes(17, edited);
        try (Ledger ledger = open()) {
            VerificationReport report = ledger.verify(p -> { });
            assertThat(report.ok()).isFalse();
            assertThat(report.firstBadEntry()).hasValue(17);
            assertThat(report.summary()).contains("entry 17");
        }
    }
}
