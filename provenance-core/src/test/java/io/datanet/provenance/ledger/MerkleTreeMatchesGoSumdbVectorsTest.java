package io.datanet.provenance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ledger.internal.MerkleTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Our hashes, roots and proofs equal, byte for byte, what Go's sumdb/tlog computed for the same leaves. */
class MerkleTreeMatchesGoSumdbVectorsTest {
    private static final TlogVectors VECTORS = TlogVectors.load();

    @Test
    void resourceCopyIsTheSharedVectorFile() throws Exception {
        Optional<Path> shared = TlogVectors.sharedFile();
        assumeTrue(shared.isPresent(), "shared/vectors/tlog-vectors.json not found beside the repository");
        assertThat(TlogVectors.resourceBytes()).isEqualTo(Files.readAllBytes(shared.get()));
    }

    @Test
    void vectorsCoverSizesOneToThirtyThree() {
        assertThat(VECTORS.size()).isEqualTo(33);
        assertThat(VECTORS.roots).hasSize(34);
        assertThat(VECTORS.inclusion).hasSize(14);
        assertThat(VECTORS.consistency).hasSize(9);
    }

    @Test
    void everyLeafHashMatches() {
        for (int i = 0; i < VECTORS.size(); i++) {
            assertThat(MerkleHash.leaf(VECTORS.leaves.get(i))).as("leaf %d", i).isEqualTo(VECTORS.leafHashes.get(i));
        }
    }

    @Test
    void emptyTreeRootIsSha256OfNothing() {
        assertThat(MerkleHash.empty().hex())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(MerkleTree.root(0, (level, index) -> {
            throw new AssertionError("the empty tree reads nothing");
        })).isEqualTo(MerkleHash.empty());
    }

    @Test
    void everyRootFromOneToThirtyThreeMatches() {
        InMemorySubtreeReader reader = InMemorySubtreeReader.ofRecords(VECTORS.leaves);
        for (int size = 1; size <= VECTORS.size(); size++) {
            assertThat(MerkleTree.root(size, reader)).as("root of size %d", size).isEqualTo(VECTORS.roots.get(size));
            assertThat(RfcReference.mth(reader.leaves(), 0, size)).isEqualTo(VECTORS.roots.get(size));
        }
    }

    @Test
    void inclusionPathsAreTheVectorPathsAndVerify() {
        InMemorySubtreeReader reader = InMemorySubtreeReader.ofRecords(VECTORS.leaves);
        for (TlogVectors.Inclusion v : VECTORS.inclusion) {
            InclusionProof proof = MerkleTree.proveInclusion(v.index(), v.treeSize(), reader);
            assertThat(proof.path()).as("path of %d in %d", v.index(), v.treeSize()).isEqualTo(v.path());
            Digest leaf = VECTORS.leafHashes.get((int) v.index());
            Digest root = VECTORS.roots.get((int) v.treeSize());
            assertThat(new InclusionProof(v.index(), v.treeSize(), v.path()).verifies(leaf, root)).isTrue();
        }
    }

    @Test
    void consistencyPathsAreTheVectorPathsAndVerify() {
        InMemorySubtreeReader reader = InMemorySubtreeReader.ofRecords(VECTORS.leaves);
        for (TlogVectors.Consistency v : VECTORS.consistency) {
            ConsistencyProof proof = MerkleTree.proveConsistency(v.oldSize(), v.newSize(), reader);
            assertThat(proof.path()).as("proof %d to %d", v.oldSize(), v.newSize()).isEqualTo(v.path());
            Digest oldRoot = VECTORS.roots.get((int) v.oldSize());
            Digest newRoot = VECTORS.roots.get((int) v.newSize());
            assertThat(new ConsistencyProof(v.oldSize(), v.newSize(), v.path()).verifies(oldRoot, newRoot)).isTrue();
        }
    }
}
