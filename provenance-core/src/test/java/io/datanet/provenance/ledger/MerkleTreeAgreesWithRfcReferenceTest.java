package io.datanet.provenance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ledger.internal.MerkleTree;
import io.datanet.provenance.ledger.internal.MerkleTree.SubtreeId;
import io.datanet.provenance.ledger.internal.SubtreeReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The iterative prover over stored subtrees equals RFC 6962's recursive definitions for every small
 * tree, for a tree of a million leaves, and reads only O(log n) subtrees even at 2^62 leaves.
 */
class MerkleTreeAgreesWithRfcReferenceTest {
    private static final int SMALL = 70;

    private static List<byte[]> records(int n) {
        List<byte[]> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            records.add(("{\"entry\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }
        return records;
    }

    @Test
    void everyRootPathAndProofUpToSeventyLeavesEqualsTheRfcAndVerifies() {
        InMemorySubtreeReader reader = InMemorySubtreeReader.ofRecords(records(SMALL));
        List<Digest> leaves = reader.leaves();
        for (int n = 1; n <= SMALL; n++) {
            Digest root = MerkleTree.root(n, reader);
            assertThat(root).as("root %d", n).isEqualTo(RfcReference.mth(leaves, 0, n));
            for (int m = 0; m < n; m++) {
                InclusionProof inclusion = MerkleTree.proveInclusion(m, n, reader);
                assertThat(inclusion.path()).as("path %d in %d", m, n).isEqualTo(RfcReference.path(m, leaves, 0, n));
                assertThat(inclusion.verifies(leaves.get(m), root)).isTrue();
            }
            for (int m = 1; m <= n; m++) {
                ConsistencyProof consistency = MerkleTree.proveConsistency(m, n, reader);
                assertThat(consistency.path()).as("proof %d to %d", m, n).isEqualTo(RfcReference.proof(m, leaves, n));
                assertThat(consistency.verifies(RfcReference.mth(leaves, 0, m), root)).isTrue();
            }
        }
    }

    @Test
    void aMillionAndThreeLeavesAgreeWithTheReferenceAtRandomIndexes() {
        int n = 1_000_003;
        InMemorySubtreeReader reader = InMemorySubtreeReader.ofRecords(records(n));
        List<Digest> leaves = reader.leaves();
        Digest root = RfcReference.mth(leaves, 0, n);
        reader.resetReads();
        assertThat(MerkleTree.root(n, reader)).isEqualTo(root);
        assertThat(reader.reads()).isEqualTo(Long.bitCount(n));

        Random random = new Random(6962);
        for (int i = 0; i < 4; i++) {
            int index = i == 0 ? n - 1 : random.nextInt(n);
            reader.resetReads();
            InclusionProof proof = MerkleTree.proveInclusion(index, n, reader);
            assertThat(reader.reads()).as("reads for index %d", index).isLessThanOrEqualTo(2 * 64);
            assertThat(proof.path()).as("path of %d", index).isEqualTo(RfcReference.path(index, leaves, 0, n));
            assertThat(proof.verifies(leaves.get(index), root)).isTrue();

            int oldSize = 1 + random.nextInt(n);
            reader.resetReads();
            ConsistencyProof consistency = MerkleTree.proveConsistency(oldSize, n, reader);
            assertThat(reader.reads()).isLessThanOrEqualTo(2 * 64);
            assertThat(consistency.path()).as("proof from %d", oldSize).isEqualTo(RfcReference.proof(oldSize, leaves, n));
            assertThat(consistency.verifies(MerkleTree.root(oldSize, reader), root)).isTrue();
        }
    }

    /** A tree whose leaves are all equal: consistent at every size, so sizes near 2^62 can be proved. */
    private static final class UniformTree implements SubtreeReader {
        final Digest[] byLevel = new Digest[64];
        long reads;

        UniformTree() {
            byLevel[0] = MerkleHash.leaf(new byte[] {42});
            for (int level = 1; level < byLevel.length; level++) {
                byLevel[level] = MerkleHash.node(byLevel[level - 1], byLevel[level - 1]);
            }
        }

        @Override
        public Digest subtree(int level, long index) {
            reads++;
            assertThat(index).isNotNegative();
            return byLevel[level];
        }

        /** MTH of n equal leaves by the RFC's split, recursing only on the right fringe. */
        Digest reference(long n) {
            if (Long.bitCount(n) == 1) {
                return byLevel[Long.numberOfTrailingZeros(n)];
            }
            long k = Long.highestOneBit(n - 1);
            return MerkleHash.node(byLevel[Long.numberOfTrailingZeros(k)], reference(n - k));
        }
    }

    @Test
    void treesOfAboutTwoToTheSixtyTwoLeavesReadLogarithmicallyManySubtrees() {
        UniformTree tree = new UniformTree();
        Random random = new Random(9162);
        for (long size : new long[] {1L << 62, (1L << 62) + 12345, Long.MAX_VALUE, (1L << 62) - 1}) {
            Digest root = MerkleTree.root(size, tree);
            assertThat(root).isEqualTo(tree.reference(size));
            long index = Math.floorMod(random.nextLong(), size);
            tree.reads = 0;
            InclusionProof proof = MerkleTree.proveInclusion(index, size, tree);
            assertThat(tree.reads).isLessThanOrEqualTo(2 * 64);
            assertThat(proof.verifies(tree.byLevel[0], root)).isTrue();
            long oldSize = 1 + Math.floorMod(random.nextLong(), size);
            tree.reads = 0;
            ConsistencyProof consistency = MerkleTree.proveConsistency(oldSize, size, tree);
            assertThat(tree.reads).isLessThanOrEqualTo(2 * 64);
            assertThat(consistency.verifies(tree.reference(oldSize), root)).isTrue();
        }
    }

    @Test
    void rangeHashReadsAlignedSubtreesAndRefusesRangesThatAreNotNodes() {
        InMemorySubtreeReader reader = InMemorySubtreeReader.ofRecords(records(SMALL));
        assertThat(MerkleTree.rangeHash(32, 39, reader)).isEqualTo(RfcReference.mth(reader.leaves(), 32, 39));
        assertThat(MerkleTree.rangeHash(5, 5, reader)).isEqualTo(MerkleHash.empty());
        assertThatThrownBy(() -> MerkleTree.rangeHash(2, 6, reader)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a subtree");
        assertThatThrownBy(() -> MerkleTree.rangeHash(6, 5, reader)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.root(-1, reader)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.proveInclusion(5, 5, reader)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.proveConsistency(0, 5, reader)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.proveConsistency(6, 5, reader)).isInstanceOf(IllegalArgumentException.class);
        assertThat(MerkleTree.proveConsistency(5, 5, reader).path()).isEmpty();
    }

    @Test
    void appendingALeafCompletesOneSubtreePerTrailingOneBit() {
        assertThat(MerkleTree.completedSubtrees(0)).containsExactly(new SubtreeId(0, 0));
        assertThat(MerkleTree.completedSubtrees(6)).containsExactly(new SubtreeId(0, 6));
        assertThat(MerkleTree.completedSubtrees(7))
                .containsExactly(new SubtreeId(0, 7), new SubtreeId(1, 3), new SubtreeId(2, 1), new SubtreeId(3, 0));
        assertThat(MerkleTree.completedSubtrees(9)).containsExactly(new SubtreeId(0, 9), new SubtreeId(1, 4));
        assertThatThrownBy(() -> MerkleTree.completedSubtrees(-1)).isInstanceOf(IllegalArgumentException.class);

        // Building every level from completed subtrees alone reproduces the tree.
        List<byte[]> records = records(SMALL);
        InMemorySubtreeReader reference = InMemorySubtreeReader.ofRecords(records);
        Map<SubtreeId, Digest> stored = new HashMap<>();
        for (int i = 0; i < SMALL; i++) {
            for (SubtreeId id : MerkleTree.completedSubtrees(i)) {
                Digest hash = id.level() == 0 ? MerkleHash.leaf(records.get(i))
                        : MerkleHash.node(stored.get(new SubtreeId(id.level() - 1, 2 * id.index())),
                                stored.get(new SubtreeId(id.level() - 1, 2 * id.index() + 1)));
                assertThat(stored.put(id, hash)).as("completed once: %s", id).isNull();
            }
            assertThat(MerkleTree.root(i + 1, (level, index) -> stored.get(new SubtreeId(level, index))))
                    .isEqualTo(MerkleTree.root(i + 1, reference));
        }
    }
}
