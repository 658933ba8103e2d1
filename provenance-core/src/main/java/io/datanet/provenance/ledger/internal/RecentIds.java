package io.datanet.provenance.ledger.internal;

import io.datanet.provenance.Digest;
import java.nio.charset.StandardCharsets;

/**
 * The ids of the last {@link #SIZE} entries a verification pass has hashed, so a {@code parent_idx} pointing at a
 * recent entry (fine-tunes mostly follow their parent closely) is checked without reading and hashing that record
 * again. A fixed 4 MiB whatever the log's size; older entries are read back as before.
 */
final class RecentIds {
    static final int SIZE = 1 << 17;
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final byte[] ids = new byte[SIZE * Digest.LENGTH];
    private long start; // ids of entries max(start, end - SIZE)..end-1 are held
    private long end;

    /** Entry {@code idx}'s bytes hash to {@code id}; entries are added in index order. */
    void add(long idx, Digest id) {
        if (idx != end) {
            start = idx; // not the next entry: forget the others
        }
        id.copyTo(ids, slot(idx));
        end = idx + 1;
    }

    /** Whether entry {@code idx}'s id is held. */
    boolean holds(long idx) {
        return idx < end && idx >= start && idx >= end - SIZE;
    }

    /** Whether the id of entry {@code idx}, which must be {@linkplain #holds held}, is {@code hex} (lowercase). */
    boolean is(long idx, String hex) {
        if (hex.length() != 2 * Digest.LENGTH) {
            return false;
        }
        int at = slot(idx);
        for (int i = 0; i < Digest.LENGTH; i++) {
            int b = ids[at + i] & 0xff;
            if (hex.charAt(2 * i) != DIGITS[b >>> 4] || hex.charAt(2 * i + 1) != DIGITS[b & 0xf]) {
                return false;
            }
        }
        return true;
    }

    private static int slot(long idx) {
        return (int) (idx & (SIZE - 1)) * Digest.LENGTH;
    }
}
