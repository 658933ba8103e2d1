package io.datanet.provenance.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datanet.provenance.testing.SampleRecords;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored form of records (schema 4): exact bytes back, a fraction of the size, and damage refused. */
class RecordCodecRoundTripsAndRefusesDamageTest {

    private static List<byte[]> samples() {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            out.add(SampleRecords.canonical(i).bytes());
        }
        return out;
    }

    @Test
    void everySampleRecordComesBackByteForByteFromAStoredFormUnderHalfItsSize() {
        long canonical = 0;
        long stored = 0;
        for (byte[] bytes : samples()) {
            byte[] s = RecordCodec.encode(bytes);
            assertThat(s[0]).isEqualTo(RecordCodec.DEFLATE_V1);
            assertThat(RecordCodec.decode(s)).isEqualTo(bytes);
            canonical += bytes.length;
            stored += s.length;
        }
        assertThat(stored).as("stored bytes against %d canonical", canonical).isLessThan(canonical / 2);
    }

    @Test
    void theBatchEncoderGivesWhatTheSingleOneGives() {
        List<byte[]> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(SampleRecords.canonical(i % 40).bytes());
        }
        byte[][] stored = RecordCodec.encodeAll(many);
        for (int i = 0; i < many.size(); i++) {
            assertThat(RecordCodec.decode(stored[i])).isEqualTo(many.get(i));
        }
    }

    @Test
    void manyThreadsSharingThePooledCompressorsEachGetTheirOwnBytesBack() throws Exception {
        List<byte[]> samples = samples();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int offset = t;
                done.add(pool.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < 300; i++) {
                        byte[] bytes = samples.get((i + offset) % samples.size());
                        assertThat(RecordCodec.decode(RecordCodec.encode(bytes))).isEqualTo(bytes);
                        checked++;
                    }
                    return checked;
                }));
            }
            for (var f : done) {
                assertThat(f.get()).isEqualTo(300);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void bytesThatWouldNotShrinkAndRowsOfOlderLedgersAreStoredAndReadAsTheyAre() {
        byte[] tiny = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(RecordCodec.encode(tiny)).isSameAs(tiny);
        byte[] unicode = "{\"a\":\"\u00e9\u4e2d\ud83d\ude00\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(RecordCodec.decode(RecordCodec.encode(unicode))).isEqualTo(unicode);
        byte[] plain = SampleRecords.canonical(3).bytes();
        assertThat(RecordCodec.decode(plain)).isSameAs(plain);
        byte[] huge = new byte[(64 << 20) + 1]; // past the longest length format 1 holds
        Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        assertThat(RecordCodec.encode(huge)).isSameAs(huge);
    }

    @Test
    void aFlippedByteAnywhereInAStoredRowNeverReadsAsTheRecord() {
        byte[] bytes = SampleRecords.canonical(7).bytes();
        byte[] stored = RecordCodec.encode(bytes);
        int refused = 0;
        for (int i = 0; i < stored.length; i++) {
            byte[] damaged = stored.clone();
            damaged[i] ^= 0x04;
            try {
                assertThat(RecordCodec.decode(damaged)).as("flip at %d", i).isNotEqualTo(bytes);
            } catch (IllegalArgumentException e) {
                refused++;
            }
            assertThat(RecordCodec.decodeOrStored(damaged)).as("flip at %d", i).isNotEqualTo(bytes);
        }
        assertThat(refused).as("flips refused outright of %d", stored.length).isPositive();
    }

    @Test
    void truncatedPaddedAndUnknownRowsAreRefusedWithTheReason() {
        byte[] stored = RecordCodec.encode(SampleRecords.canonical(1).bytes());
        assertThatThrownBy(() -> RecordCodec.decode(Arrays.copyOf(stored, stored.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not decompress");
        assertThatThrownBy(() -> RecordCodec.decode(Arrays.copyOf(stored, stored.length + 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not decompress");
        assertThatThrownBy(() -> RecordCodec.decode(new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> RecordCodec.decode(new byte[] {9, 1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown stored format 0x9");
        byte[] longer = stored.clone();
        longer[1]++; // the stored length no longer matches what the stream holds
        assertThatThrownBy(() -> RecordCodec.decode(longer)).isInstanceOf(IllegalArgumentException.class);
    }
}
