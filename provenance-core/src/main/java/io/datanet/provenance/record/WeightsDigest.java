package io.datanet.provenance.record;

import io.datanet.provenance.Digest;
import java.util.Objects;

/**
 * The digest of a model's parameters: the value, the byte layout it was computed over, and the shard
 * size used to hash large models in parallel (the digest is the SHA-256 over the shard digests, so the
 * shard size is part of what anyone needs to recompute it).
 *
 * @param value     the digest
 * @param layout    the name of the documented byte layout, e.g. {@link #LAYOUT_V1}
 * @param shardSize bytes per shard, positive
 */
public record WeightsDigest(Digest value, String layout, long shardSize) {
    /** Our framework-independent parameter layout, documented in {@code docs/model-digest.md}. */
    public static final String LAYOUT_V1 = "io.datanet.provenance/params/v1";

    /** Validates the fields. */
    public WeightsDigest {
        Objects.requireNonNull(value, "weights digest value");
        Names.check("weights digest layout", layout);
        if (shardSize <= 0) {
            throw new IllegalArgumentException("weights digest shardSize must be positive, got " + shardSize);
        }
    }
}
