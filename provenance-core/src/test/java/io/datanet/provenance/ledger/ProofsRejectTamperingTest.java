package io.datanet.provenance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datanet.provenance.Digest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Every known-answer proof stops verifying when any single bit of it, of the leaf or of a root changes,
 * and when it is presented for another index or size or with a path cut short or padded.
 */
class ProofsRejectTamperingTest {
    private static final TlogVectors VECTORS = TlogVectors.load();

    /** A proof is accepted only if it can be built and verifies; a refused construction counts as rejected. */
    private static boolean accepted(BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }

    private static Digest flip(Digest d, int bit) {
        byte[] bytes = d.bytes();
        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        return Digest.of(bytes);
    }

    private static List<Digest> with(List<Digest> path, int i, Digest replacement) {
        List<Digest> copy = new ArrayList<>(path);
        copy.set(i, replacement);
        return copy;
    }

    @Test
    void inclusionProofsRejectAnyFlippedBit() {
        for (TlogVectors.Inclusion v : VECTORS.inclusion) {
            Digest leaf = VECTORS.leafHashes.get((int) v.index());
            Digest root = VECTORS.roots.get((int) v.treeSize());
            InclusionProof proof = new InclusionProof(v.index(), v.treeSize(), v.path());
            for (int bit = 0; bit < 256; bit++) {
                assertThat(proof.verifies(flip(leaf, bit), root)).isFalse();
                assertThat(proof.verifies(leaf, flip(root, bit))).isFalse();
                for (int i = 0; i < v.path().size(); i++) {
                    InclusionProof tampered = new InclusionProof(v.index(), v.treeSize(), with(v.path(), i, flip(v.path().get(i), bit)));
                    assertThat(tampered.verifies(leaf, root)).as("bit %d of hash %d", bit, i).isFalse();
                }
            }
        }
    }

    @Test
    void inclusionProofsRejectAnotherIndexSizeOrPathShape() {
        for (TlogVectors.Inclusion v : VECTORS.inclusion) {
            Digest leaf = VECTORS.leafHashes.get((int) v.index());
            Digest root = VECTORS.roots.get((int) v.treeSize());
            for (long index = 0; index < v.treeSize(); index++) {
                long other = index;
                boolean ok = accepted(() -> new InclusionProof(other, v.treeSize(), v.path()).verifies(leaf, root));
                assertThat(ok).as("index %d instead of %d", other, v.index()).isEqualTo(other == v.index());
            }
            for (long size = v.index() + 1; size <= VECTORS.size(); size++) {
                long other = size;
                Digest otherRoot = VECTORS.roots.get((int) size);
                assertThat(accepted(() -> new InclusionProof(v.index(), other, v.path()).verifies(leaf, otherRoot)))
                        .as("size %d instead of %d", other, v.treeSize()).isEqualTo(other == v.treeSize());
            }
            List<Digest> longer = new ArrayList<>(v.path());
            longer.add(root);
            assertThatThrownBy(() -> new InclusionProof(v.index(), v.treeSize(), longer))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hashes");
            if (!v.path().isEmpty()) {
                assertThatThrownBy(() -> new InclusionProof(v.index(), v.treeSize(), v.path().subList(1, v.path().size())))
                        .isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> new InclusionProof(v.index(), v.treeSize(), v.path().subList(0, v.path().size() - 1)))
                        .isInstanceOf(IllegalArgumentException.class);
            }
            if (v.path().size() > 1) {
                List<Digest> swapped = new ArrayList<>(v.path());
                Collections.swap(swapped, 0, 1);
                assertThat(new InclusionProof(v.index(), v.treeSize(), swapped).verifies(leaf, root)).isFalse();
            }
        }
        assertThatThrownBy(() -> new InclusionProof(-1, 4, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InclusionProof(4, 4, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void consistencyProofsRejectAnyFlippedBit() {
        for (TlogVectors.Consistency v : VECTORS.consistency) {
            Digest oldRoot = VECTORS.roots.get((int) v.oldSize());
            Digest newRoot = VECTORS.roots.get((int) v.newSize());
            ConsistencyProof proof = new ConsistencyProof(v.oldSize(), v.newSize(), v.path());
            for (int bit = 0; bit < 256; bit++) {
                assertThat(proof.verifies(flip(oldRoot, bit), newRoot)).isFalse();
                assertThat(proof.verifies(oldRoot, flip(newRoot, bit))).isFalse();
                for (int i = 0; i < v.path().size(); i++) {
                    ConsistencyProof tampered = new ConsistencyProof(v.oldSize(), v.newSize(), with(v.path(), i, flip(v.path().get(i), bit)));
                    assertThat(tampered.verifies(oldRoot, newRoot)).as("bit %d of hash %d", bit, i).isFalse();
                }
            }
        }
    }

    @Test
    void consistencyProofsRejectOtherSizesRootsOrPathShapes() {
        for (TlogVectors.Consistency v : VECTORS.consistency) {
            Digest oldRoot = VECTORS.roots.get((int) v.oldSize());
            Digest newRoot = VECTORS.roots.get((int) v.newSize());
            for (long oldSize = 1; oldSize <= v.newSize(); oldSize++) {
                long other = oldSize;
                Digest otherRoot = VECTORS.roots.get((int) other);
                assertThat(accepted(() -> new ConsistencyProof(other, v.newSize(), v.path()).verifies(otherRoot, newRoot)))
                        .as("old size %d instead of %d", other, v.oldSize()).isEqualTo(other == v.oldSize());
            }
            for (long newSize = v.oldSize(); newSize <= VECTORS.size(); newSize++) {
                long other = newSize;
                Digest otherRoot = VECTORS.roots.get((int) other);
                assertThat(accepted(() -> new ConsistencyProof(v.oldSize(), other, v.path()).verifies(oldRoot, otherRoot)))
                        .as("new size %d instead of %d", other, v.newSize()).isEqualTo(other == v.newSize());
            }
            ConsistencyProof proof = new ConsistencyProof(v.oldSize(), v.newSize(), v.path());
            assertThat(proof.verifies(newRoot, oldRoot)).isFalse();
            assertThatThrownBy(() -> new ConsistencyProof(v.oldSize(), v.newSize(), v.path().subList(1, v.path().size())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hashes");
            List<Digest> longer = new ArrayList<>(v.path());
            longer.add(oldRoot);
            assertThatThrownBy(() -> new ConsistencyProof(v.oldSize(), v.newSize(), longer))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void equalSizesNeedEqualRootsAndAnEmptyPath() {
        Digest root = VECTORS.roots.get(7);
        ConsistencyProof same = new ConsistencyProof(7, 7, List.of());
        assertThat(same.verifies(root, root)).isTrue();
        assertThat(same.verifies(root, VECTORS.roots.get(8))).isFalse();
        assertThatThrownBy(() -> new ConsistencyProof(7, 7, List.of(root))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsistencyProof(0, 7, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsistencyProof(8, 7, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
