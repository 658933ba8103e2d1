package io.datanet.provenance.split;

import io.datanet.provenance.Digest;
import io.datanet.provenance.record.PartitionInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming tally of a {@link DataNetSplit} over one DataNet's sample keys, offered in the DataNet's
 * order: per partition, how many members and a membership digest, SHA-256 over each member key's UTF-8
 * bytes followed by a line feed, in the order offered. Memory stays constant however many keys pass.
 * Not thread-safe.
 */
public final class PartitionMembership {
    private final DataNetSplit split;
    private final MessageDigest[] digests;
    private final long[] members;

    PartitionMembership(DataNetSplit split) {
        this.split = split;
        int n = split.partitions().size();
        this.digests = new MessageDigest[n];
        this.members = new long[n];
        for (int i = 0; i < n; i++) {
            digests[i] = Digest.newSha256();
        }
    }

    /**
     * Counts one sample and returns the index of its partition in {@link DataNetSplit#partitions()}.
     *
     * @throws IllegalArgumentException if the key contains a line feed, which would make the digest ambiguous
     */
    public int accept(String key) {
        if (key.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a sample key must not contain a line feed: \"" + key + "\"");
        }
        int i = split.indexOf(key);
        digests[i].update(key.getBytes(StandardCharsets.UTF_8));
        digests[i].update((byte) '\n');
        members[i]++;
        return i;
    }

    /** The members counted so far in the partition at {@code index}. */
    public long members(int index) {
        return members[index];
    }

    /**
     * The partitions as recorded: name, fraction, seed, members and membership digest. Finishes the digests;
     * call once, after the last key.
     */
    public List<PartitionInfo> finish() {
        List<PartitionInfo> out = new ArrayList<>(members.length);
        List<String> names = split.partitions();
        for (int i = 0; i < members.length; i++) {
            out.add(new PartitionInfo(names.get(i), split.fraction(names.get(i)), split.seed(), members[i],
                    Digest.finish(digests[i])));
        }
        return out;
    }
}
