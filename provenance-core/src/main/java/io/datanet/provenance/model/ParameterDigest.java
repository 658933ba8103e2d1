package io.datanet.provenance.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datanet.provenance.Digest;
import io.datanet.provenance.canonical.CanonicalJson;
import io.datanet.provenance.record.WeightsDigest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The digest of a model's parameters in the framework-independent layout
 * {@value WeightsDigest#LAYOUT_V1}, documented byte for byte in {@code docs/model-digest.md}:
 *
 * <ol>
 *   <li>parameters sorted by name (Unicode code point order);</li>
 *   <li>for each, a header — the RFC 8785 JSON of {@code {"dtype","name","order","shape"}} and a line
 *       feed — then its values, little-endian, in the stated memory order;</li>
 *   <li>that byte stream cut into shards of {@code shardSize} bytes (the last may be shorter; an empty
 *       stream is one empty shard), each hashed with SHA-256;</li>
 *   <li>the digest is SHA-256 over the concatenated shard digests.</li>
 * </ol>
 *
 * <p>Values are hashed straight from the buffers given (direct buffers stay off-heap: no copy of the
 * model is made), shards in parallel on the common fork-join pool. Only a buffer whose byte order is
 * big-endian is copied, to swap it.
 */
public final class ParameterDigest {
    /** The shard size used unless another is set: 8 MiB, small enough to spread a 100 MB model over cores. */
    public static final long DEFAULT_SHARD_SIZE = 8L << 20;

    private final WeightsDigest weights;
    private final long parameterCount;
    private final long byteCount;

    private ParameterDigest(WeightsDigest weights, long parameterCount, long byteCount) {
        this.weights = weights;
        this.parameterCount = parameterCount;
        this.byteCount = byteCount;
    }

    /** A builder to which parameters are added in any order. */
    public static Builder builder() {
        return new Builder();
    }

    /** The digest, its layout and shard size, as recorded. */
    public WeightsDigest weights() {
        return weights;
    }

    /** The total number of scalar values over all parameters. */
    public long parameterCount() {
        return parameterCount;
    }

    /** The length of the hashed byte stream (headers and values). */
    public long byteCount() {
        return byteCount;
    }

    @Override
    public String toString() {
        return "ParameterDigest[" + weights.value() + ", " + parameterCount + " parameters, " + byteCount + " bytes]";
    }

    /** The header line of one parameter: its canonical JSON and a line feed. */
    static byte[] header(String name, ElementType type, MemoryOrder order, long[] shape) {
        ObjectNode h = JsonNodeFactory.instance.objectNode();
        h.put("dtype", type.label());
        h.put("name", name);
        h.put("order", order.label());
        var dims = h.putArray("shape");
        for (long d : shape) {
            dims.add(d);
        }
        byte[] json = CanonicalJson.canonicalize(h, "parameter " + name);
        byte[] line = Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return line;
    }

    private record Parameter(String name, byte[] header, ByteBuffer values, long count) {}

    /** Collects parameters; {@link #compute()} hashes them. Not thread-safe. */
    public static final class Builder {
        private static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
            int c = Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
            return Integer.signum(c);
        };
        private final List<Parameter> parameters = new ArrayList<>();
        private final Set<String> names = new HashSet<>();
        private long shardSize = DEFAULT_SHARD_SIZE;
        private ForkJoinPool pool;

        private Builder() {}

        /**
         * Adds a parameter. The buffer's remaining bytes are its values, {@code buffer.order()} saying their
         * byte order (set it to {@link ByteOrder#nativeOrder()} for a framework's native memory). The buffer
         * itself is not modified; it must stay unchanged until {@link #compute()} returns.
         *
         * @param order the memory order of the values; a tensor with at most one dimension longer than one is
         *              recorded as {@link MemoryOrder#C} whatever is given, since both orders are the same bytes
         * @throws IllegalArgumentException naming the parameter when the name repeats, a dimension is negative,
         *                                  or the buffer does not hold exactly shape × element size bytes
         */
        public Builder add(String name, ElementType type, MemoryOrder order, long[] shape, ByteBuffer values) {
            Objects.requireNonNull(name, "parameter name");
            Objects.requireNonNull(type, "element type of " + name);
            Objects.requireNonNull(order, "memory order of " + name);
            Objects.requireNonNull(values, "values of " + name);
            if (!names.add(name)) {
                throw new IllegalArgumentException("parameter " + name + " is added twice");
            }
            long count = 1;
            int longDims = 0;
            for (long d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("parameter " + name + " has a negative dimension: "
                            + Arrays.toString(shape));
                }
                count = Math.multiplyExact(count, d);
                longDims += d > 1 ? 1 : 0;
            }
            long expected = Math.multiplyExact(count, type.bytes());
            if (values.remaining() != expected) {
                throw new IllegalArgumentException("parameter " + name + " of shape " + Arrays.toString(shape) + " "
                        + type.label() + " needs " + expected + " bytes, the buffer holds " + values.remaining());
            }
            MemoryOrder effective = longDims <= 1 ? MemoryOrder.C : order;
            ByteBuffer le = values.order() == ByteOrder.LITTLE_ENDIAN || type.bytes() == 1
                    ? values.slice() : swapped(values, type.bytes());
            parameters.add(new Parameter(name, header(name, type, effective, shape.clone()), le, count));
            return this;
        }

        /**
         * Sets the shard size in bytes (default {@link #DEFAULT_SHARD_SIZE}); it is recorded, and the digest
         * depends on it.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder shardSize(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("shard size must be positive, got " + bytes);
            }
            this.shardSize = bytes;
            return this;
        }

        /** Hashes shards on this pool instead of the common pool (e.g. a one-thread pool to measure one core). */
        public Builder pool(ForkJoinPool pool) {
            this.pool = Objects.requireNonNull(pool, "pool");
            return this;
        }

        /** Hashes the parameters. The buffers' positions are not changed. */
        public ParameterDigest compute() {
            List<Parameter> sorted = parameters.stream().sorted(Comparator.comparing(Parameter::name, CODE_POINT_ORDER))
                    .toList();
            List<ByteBuffer> segments = new ArrayList<>(2 * sorted.size());
            long count = 0;
            for (Parameter p : sorted) {
                segments.add(ByteBuffer.wrap(p.header()));
                segments.add(p.values());
                count += p.count();
            }
            long[] starts = new long[segments.size() + 1];
            for (int i = 0; i < segments.size(); i++) {
                starts[i + 1] = starts[i] + segments.get(i).remaining();
            }
            long total = starts[segments.size()];
            int shards = (int) Math.max(1, (total + shardSize - 1) / shardSize);
            byte[][] digests = new byte[shards][];
            Runnable hashAll = () -> IntStream.range(0, shards).parallel()
                    .forEach(s -> digests[s] = hashShard(segments, starts, s * shardSize, Math.min(total, (s + 1) * shardSize)));
            if (pool == null || shards == 1) {
                hashAll.run();
            } else {
                pool.submit(hashAll).join();
            }
            MessageDigest outer = Digest.newSha256();
            for (byte[] d : digests) {
                outer.update(d);
            }
            return new ParameterDigest(new WeightsDigest(Digest.finish(outer), WeightsDigest.LAYOUT_V1, shardSize),
                    count, total);
        }

        private static byte[] hashShard(List<ByteBuffer> segments, long[] starts, long from, long to) {
            MessageDigest md = Digest.newSha256();
            int i = Arrays.binarySearch(starts, from);
            i = i >= 0 ? i : -i - 2;
            for (; i < segments.size() && starts[i] < to; i++) {
                long lo = Math.max(from, starts[i]) - starts[i];
                long hi = Math.min(to, starts[i + 1]) - starts[i];
                if (hi > lo) {
                    md.update(segments.get(i).duplicate().position((int) lo).limit((int) hi));
                }
            }
            return md.digest();
        }

        private static ByteBuffer swapped(ByteBuffer values, int width) {
            ByteBuffer src = values.slice();
            ByteBuffer out = ByteBuffer.allocate(src.remaining());
            for (int i = 0; i < src.remaining(); i += width) {
                for (int b = width - 1; b >= 0; b--) {
                    out.put(src.get(i + b));
                }
            }
            return out.flip();
        }
    }
}
