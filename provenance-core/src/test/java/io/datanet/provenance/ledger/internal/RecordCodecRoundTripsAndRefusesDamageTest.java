package io.datanet.provenance.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stored form of records (schema 4): exact bytes back, a fraction of the size, damage refused; format 2 is a
 * standard Zstandard frame, and format 1 rows (the first schema-4 builds) still read.
 */
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
            assertThat(s[0]).isEqualTo(RecordCodec.ZSTD_V1);
            assertThat(RecordCodec.decode(s)).isEqualTo(bytes);
            canonical += bytes.length;
            stored += s.length;
        }
        assertThat(stored).as("stored bytes against %d canonical", canonical).isLessThan(canonical / 2);
    }

    @Test
    void formatOneRowsStillReadByteForByte() {
        for (byte[] bytes : samples()) {
            byte[] s = FormatOneRows.encode(bytes);
            assertThat(s[0]).isEqualTo(RecordCodec.DEFLATE_V1);
            assertThat(RecordCodec.decode(s)).isEqualTo(bytes);
        }
    }

    /** A ledger whose rows the first schema-4 builds wrote (format 1) reads, verifies and grows with format 2 rows. */
    @Test
    void aLedgerWithFormatOneRowsReadsVerifiesAndGrows(@TempDir Path dir) throws Exception {
        List<CanonicalRecord> records = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            records.add(SampleRecords.canonical(i));
        }
        try (Ledger ledger = Ledger.open(dir)) {
            ledger.appendAll(records.subList(0, 40));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
             PreparedStatement set = c.prepareStatement("UPDATE records SET bytes = ? WHERE idx = ?")) {
            for (int i = 0; i < 40; i++) {
                set.setBytes(1, FormatOneRows.encode(records.get(i).bytes()));
                set.setInt(2, i);
                assertThat(set.executeUpdate()).isEqualTo(1);
            }
        }
        try (Ledger ledger = Ledger.open(dir)) {
            ledger.appendAll(records.subList(40, 60));
            for (int i = 0; i < 60; i++) {
                assertThat(ledger.get(i).orElseThrow().record().bytes()).as("entry %d", i)
                        .isEqualTo(records.get(i).bytes());
            }
            assertThat(ledger.verify(n -> { }).ok()).isTrue();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT idx, substr(bytes, 1, 1) FROM records ORDER BY idx")) {
            while (rs.next()) {
                assertThat(rs.getBytes(2)).as("row %d", rs.getInt(1))
                        .containsExactly(rs.getInt(1) < 40 ? RecordCodec.DEFLATE_V1 : RecordCodec.ZSTD_V1);
            }
        }
    }

    /**
     * A known answer from outside our code: {@code zstd -3 --no-check --no-dictID -D record-dictionary-v1.txt}
     * (zstd 1.5 command line) of the JSON below, behind format 2's header; ours start the same way.
     */
    @Test
    void aFrameWrittenByTheZstdToolWithTheDictionaryReadsAsFormatTwo() {
        String json = "{\"datanets\":[{\"digest\":\"sha256:" + "ab".repeat(32) + "\",\"id\":\"dn-iris\","
                + "\"partitions\":{\"train\":{\"digest\":\"sha256:" + "cd".repeat(32) + "\",\"samples\":120}}}],"
                + "\"model\":{\"name\":\"iris-mlp\",\"version\":\"v1\"},\"schema\":\"datanet-provenance/v1\"}";
        byte[] canonical = json.getBytes(StandardCharsets.UTF_8);
        assertThat(canonical).hasSize(312);
        byte[] frame = java.util.HexFormat.of().parseHex("28b52ffd603800a50200f87b6162646e2d69726973227b63643132307d7d2d"
                + "6d6c706e65742d7631227d1100f785118a6000fdc2c0b908804979647901ec9411a49903ad21b8b09c848b648a70caae13952c"
                + "48bc61390925c8481091c515");
        byte[] row = new byte[3 + frame.length];
        row[0] = RecordCodec.ZSTD_V1;
        row[1] = (byte) (312 & 0x7f | 0x80); // 312 as LEB128: 0xb8 0x02
        row[2] = (byte) (312 >>> 7);
        System.arraycopy(frame, 0, row, 3, frame.length);
        assertThat(RecordCodec.decode(row)).isEqualTo(canonical);
        byte[] ours = RecordCodec.encode(canonical);
        assertThat(Arrays.copyOf(ours, 3)).isEqualTo(Arrays.copyOf(row, 3));
        assertThat(Arrays.copyOfRange(ours, 3, 8)).as("the zstd frame magic and header descriptor")
                .isEqualTo(Arrays.copyOf(frame, 5));
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
        flipEachByteOf(bytes, RecordCodec.encode(bytes));
        flipEachByteOf(bytes, FormatOneRows.encode(bytes));
    }

    private static void flipEachByteOf(byte[] bytes, byte[] stored) {
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
        refusesTruncatedAndPadded(RecordCodec.encode(SampleRecords.canonical(1).bytes()));
        refusesTruncatedAndPadded(FormatOneRows.encode(SampleRecords.canonical(1).bytes()));
    }

    private static void refusesTruncatedAndPadded(byte[] stored) {
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
