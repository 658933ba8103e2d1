package io.datanet.provenance.ledger;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ledger.internal.SubtreeReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Complete-subtree hashes over a list of leaf hashes, level by level, as a store keeps them. Asking for
 * a subtree that is not complete fails the test; {@link #reads()} counts the calls.
 */
final class InMemorySubtreeReader implements SubtreeReader {
    private final List<List<Digest>> levels = new ArrayList<>();
    private long reads;

    InMemorySubtreeReader(List<Digest> leafHashes) {
        levels.add(List.copyOf(leafHashes));
        for (List<Digest> below = levels.get(0); below.size() > 1; below = levels.get(levels.size() - 1)) {
            List<Digest> level = new ArrayList<>(below.size() / 2);
            for (int i = 0; i + 1 < below.size(); i += 2) {
                level.add(MerkleHash.node(below.get(i), below.get(i + 1)));
            }
            levels.add(level);
        }
    }

    static InMemorySubtreeReader ofRecords(List<byte[]> records) {
        List<Digest> leaves = new ArrayList<>(records.size());
        records.forEach(r -> leaves.add(MerkleHash.leaf(r)));
        return new InMemorySubtreeReader(leaves);
    }

    @Override
    public Digest subtree(int level, long index) {
        reads++;
        if (level >= levels.size() || index < 0 || index >= levels.get(level).size()) {
            throw new AssertionError("asked for an incomplete or missing subtree: level " + level + ", index " + index);
        }
        return levels.get(level).get((int) index);
    }

    List<Digest> leaves() {
        return levels.get(0);
    }

    long reads() {
        return reads;
    }

    void resetReads() {
        reads = 0;
    }
}
