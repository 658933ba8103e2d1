package io.datanet.provenance.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datanet.provenance.Digest;
import io.datanet.provenance.record.WeightsDigest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** Recomputes the digest from docs/model-digest.md by hand: headers as literal strings, values as bytes. */
class ParameterDigestFollowsTheDocumentedLayoutTest {

    private static ByteBuffer floats(ByteOrder order, float... values) {
        ByteBuffer b = ByteBuffer.allocateDirect(values.length * 4).order(order);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.flip();
    }

    private static byte[] le(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    /** The documented stream, written out by hand for two parameters. */
    private static byte[] stream() {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes("{\"dtype\":\"float32\",\"name\":\"0_W\",\"order\":\"f\",\"shape\":[2,3]}\n".getBytes(StandardCharsets.UTF_8));
        s.writeBytes(le(1, 2, 3, 4, 5, 6));
        s.writeBytes("{\"dtype\":\"float32\",\"name\":\"0_b\",\"order\":\"c\",\"shape\":[1,3]}\n".getBytes(StandardCharsets.UTF_8));
        s.writeBytes(le(0.5f, -0.5f, 0));
        return s.toByteArray();
    }

    private static Digest shardedReference(byte[] stream, int shardSize) throws Exception {
        MessageDigest outer = MessageDigest.getInstance("SHA-256");
        for (int from = 0; from < stream.length || from == 0; from += shardSize) {
            byte[] shard = Arrays.copyOfRange(stream, from, Math.min(stream.length, from + shardSize));
            outer.update(MessageDigest.getInstance("SHA-256").digest(shard));
            if (stream.length == 0) {
                break;
            }
        }
        return Digest.of(outer.digest());
    }

    private static ParameterDigest.Builder twoParameters(ByteOrder order) {
        // added out of name order, and the bias as an 'f'-ordered row vector: both must not matter
        return ParameterDigest.builder()
                .add("0_b", ElementType.FLOAT32, MemoryOrder.F, new long[] {1, 3}, floats(order, 0.5f, -0.5f, 0))
                .add("0_W", ElementType.FLOAT32, MemoryOrder.F, new long[] {2, 3}, floats(order, 1, 2, 3, 4, 5, 6));
    }

    @Test
    void oneShardIsTheHashOfTheHashOfTheStream() throws Exception {
        ParameterDigest d = twoParameters(ByteOrder.LITTLE_ENDIAN).compute();
        assertThat(d.weights().value()).isEqualTo(shardedReference(stream(), Integer.MAX_VALUE));
        assertThat(d.weights().layout()).isEqualTo(WeightsDigest.LAYOUT_V1);
        assertThat(d.weights().shardSize()).isEqualTo(ParameterDigest.DEFAULT_SHARD_SIZE);
        assertThat(d.parameterCount()).isEqualTo(9);
        assertThat(d.byteCount()).isEqualTo(stream().length);
    }

    @Test
    void shardsCutTheStreamAcrossHeadersAndValues() throws Exception {
        for (int shard : new int[] {1, 7, 16, 61, 64, 1000}) {
            ParameterDigest d = twoParameters(ByteOrder.LITTLE_ENDIAN).shardSize(shard)
                    .pool(new ForkJoinPool(3)).compute();
            assertThat(d.weights().value()).as("shard size %d", shard).isEqualTo(shardedReference(stream(), shard));
            assertThat(d.weights().shardSize()).isEqualTo(shard);
        }
    }

    @Test
    void bigEndianBuffersHashAsTheirLittleEndianValues() {
        assertThat(twoParameters(ByteOrder.BIG_ENDIAN).compute().weights())
                .isEqualTo(twoParameters(ByteOrder.LITTLE_ENDIAN).compute().weights());
    }

    @Test
    void buffersAreNotMovedAndOneChangedValueChangesTheDigest() {
        ByteBuffer w = floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6);
        Digest before = ParameterDigest.builder()
                .add("w", ElementType.FLOAT32, MemoryOrder.C, new long[] {6}, w).compute().weights().value();
        assertThat(w.position()).isZero();
        w.putFloat(20, 6.0001f);
        Digest after = ParameterDigest.builder()
                .add("w", ElementType.FLOAT32, MemoryOrder.C, new long[] {6}, w).compute().weights().value();
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void refusesAMismatchedBufferAndARepeatedName() {
        assertThatThrownBy(() -> ParameterDigest.builder()
                .add("w", ElementType.FLOAT32, MemoryOrder.C, new long[] {2, 2}, floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3)))
                .hasMessageContaining("parameter w").hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> twoParameters(ByteOrder.LITTLE_ENDIAN)
                .add("0_W", ElementType.FLOAT32, MemoryOrder.C, new long[] {0}, ByteBuffer.allocate(0)))
                .hasMessageContaining("0_W is added twice");
    }
}
