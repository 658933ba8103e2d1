package io.datanet.provenance.ledger.internal;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictContentType;
import com.github.luben.zstd.ZstdDictDecompress;
import com.github.luben.zstd.ZstdException;
import io.datanet.provenance.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * How the embedded ledger stores a record's canonical bytes in {@code records.bytes} (schema 4): compressed,
 * decompressed to exactly those bytes on every read. The logged bytes stay the canonical bytes: every hash, id and
 * proof is over the decompressed form, which is never re-serialized.
 *
 * <pre>
 * stored[0] == '{'   the canonical bytes themselves (rows of ledgers before schema 4, and a record that would not
 *                    shrink)
 * stored[0] == 0x02  format 2, what new rows get: the canonical length as an unsigned LEB128 varint, then one
 *                    Zstandard frame (RFC 8878; single segment with its content size, no checksum, no dictionary
 *                    id) compressed with {@code record-dictionary-v1.txt} as a raw-content dictionary (the content
 *                    size makes the frame header fully checked: a window size would be a field no decoder reads
 *                    back, so flipping a bit of it would still give the record). The standard tool reads it:
 *                    {@code tail -c +K row | zstd -d -D record-dictionary-v1.txt}, K past the varint.
 * stored[0] == 0x01  format 1, the first rows of schema 4 (read, no longer written): the same varint, then raw
 *                    DEFLATE (RFC 1951, level 3) with the same dictionary as its preset dictionary
 * </pre>
 *
 * The dictionary holds the keys and common values of the v1 record; its SHA-256 is pinned below, since changing it
 * would make stored rows unreadable: a new dictionary is a new format byte. A record's ~1.9 KB of canonical JSON
 * stores in ~480 B (ledger of BENCHMARKS.md's scale run): most of what is left is the hex digests. Compressed output
 * is not part of any hash, so another zstd producing other (valid) frames for the same bytes changes nothing but
 * which blob a new row holds. Format 2 replaced format 1 for speed at about the same size: on the benchmark's
 * 1.25 KB records, ~5.6 µs to compress and ~1.9 µs to decompress one against ~12.4 and ~3.2 µs (the JDK's
 * {@code Deflater} re-hashes the preset dictionary for every record; zstd digests it once).
 */
final class RecordCodec {
    static final byte DEFLATE_V1 = 0x01;
    static final byte ZSTD_V1 = 0x02;
    private static final byte PLAIN = '{';
    private static final String DICTIONARY_RESOURCE = "record-dictionary-v1.txt";
    static final String DICTIONARY_SHA256 = "c12bda7302beb2a01bf000d6d5ec986d3bf971f27009e8ff2f13676f491fa67a";
    /** Zstandard level 3 (format 2): level 1 is as fast on these records and 1 % larger, level 4 6 % smaller and 45 % slower. */
    private static final int ZSTD_LEVEL = 3;
    /** The longest record stored compressed (longer ones are stored as they are); far above what a run records. */
    private static final int MAX_LENGTH = 64 << 20;
    private static final byte[] DICTIONARY = loadDictionary();
    /**
     * Idle (de)compression contexts, reused (each holds native memory: a zstd compression context ~100s of KB, an
     * inflater ~40 KB) and kept to a few per core rather than one per thread that ever appended or read: an application may append from
     * hundreds of threads.
     */
    private static final int POOLED = 2 * Runtime.getRuntime().availableProcessors() + 2;
    private static final Pool<Inflater> INFLATERS = new Pool<>(() -> new Inflater(true), Inflater::end);
    /** The dictionary digested once for compressing and once for decompressing; both are shared by every context. */
    private static final ZstdDictCompress ZSTD_DICT = new ZstdDictCompress(DICTIONARY, 0, DICTIONARY.length,
            ZSTD_LEVEL, ZstdDictContentType.RAW_CONTENT);
    private static final ZstdDictDecompress ZSTD_UNDICT = new ZstdDictDecompress(DICTIONARY, 0, DICTIONARY.length,
            ZstdDictContentType.RAW_CONTENT);
    private static final Pool<ZstdCompressCtx> COMPRESSORS = new Pool<>(RecordCodec::compressor, ZstdCompressCtx::close);
    private static final Pool<ZstdDecompressCtx> DECOMPRESSORS = new Pool<>(
            () -> new ZstdDecompressCtx().loadDict(ZSTD_UNDICT), ZstdDecompressCtx::close);

    private RecordCodec() {}

    /** The stored form of canonical record bytes: format 2, or the bytes themselves when that is not smaller. */
    static byte[] encode(byte[] canonical) {
        if (canonical.length > MAX_LENGTH) {
            return canonical; // stored as it is: decode refuses a longer length
        }
        ZstdCompressCtx c = COMPRESSORS.take();
        try {
            byte[] out = new byte[canonical.length + 16];
            int at = header(out, ZSTD_V1, canonical.length);
            int room = canonical.length - at; // anything longer would not shrink
            if (room < 32) {
                return canonical;
            }
            int n;
            try {
                n = c.compressByteArray(out, at, room, canonical, 0, canonical.length);
            } catch (ZstdException e) {
                if (e.getErrorCode() == Zstd.errDstSizeTooSmall()) {
                    return canonical;
                }
                throw new IllegalStateException("zstd could not compress a record: " + e.getMessage(), e);
            }
            return Arrays.copyOf(out, at + n);
        } finally {
            COMPRESSORS.give(c);
        }
    }

    private static ZstdCompressCtx compressor() {
        return new ZstdCompressCtx().loadDict(ZSTD_DICT).setChecksum(false).setContentSize(true).setDictID(false);
    }

    /** Writes the format byte and the canonical length's varint; returns where the compressed bytes go. */
    private static int header(byte[] out, byte format, int length) {
        int at = 0;
        out[at++] = format;
        for (int n = length; ; n >>>= 7) {
            if (n < 0x80) {
                out[at++] = (byte) n;
                return at;
            }
            out[at++] = (byte) (n & 0x7f | 0x80);
        }
    }

    /**
     * The canonical bytes of a stored row.
     *
     * @throws IllegalArgumentException when the row is neither form, or does not decompress to exactly its length
     *     (a damaged or altered row)
     */
    static byte[] decode(byte[] stored) {
        if (stored.length == 0 || stored[0] == PLAIN) {
            return stored;
        }
        byte format = stored[0];
        if (format != ZSTD_V1 && format != DEFLATE_V1) {
            throw new IllegalArgumentException("unknown stored format 0x" + Integer.toHexString(format & 0xff));
        }
        int at = 1;
        long length = 0;
        for (int shift = 0; ; shift += 7) {
            if (at == stored.length || shift > 28) {
                throw new IllegalArgumentException("stored length is truncated");
            }
            byte b = stored[at++];
            length |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                break;
            }
        }
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("stored length " + length + " is past " + MAX_LENGTH);
        }
        if (format == ZSTD_V1) {
            ZstdDecompressCtx z = DECOMPRESSORS.take();
            try {
                return unzstd(stored, at, (int) length, z);
            } finally {
                DECOMPRESSORS.give(z);
            }
        }
        Inflater inf = INFLATERS.take();
        try {
            return inflate(stored, at, (int) length, inf);
        } finally {
            INFLATERS.give(inf);
        }
    }

    private static byte[] unzstd(byte[] stored, int at, int length, ZstdDecompressCtx z) {
        byte[] out = new byte[length];
        int n;
        try {
            n = z.decompressByteArray(out, 0, length, stored, at, stored.length - at);
        } catch (ZstdException e) {
            throw new IllegalArgumentException("stored bytes do not decompress: " + e.getMessage(), e);
        }
        if (n != length) {
            throw new IllegalArgumentException("stored bytes do not decompress to the " + length + " bytes stored");
        }
        if (length > 0 && out[0] != PLAIN) {
            throw new IllegalArgumentException("stored bytes do not decompress to a JSON object");
        }
        return out;
    }

    private static byte[] inflate(byte[] stored, int at, int length, Inflater inf) {
        inf.reset();
        inf.setDictionary(DICTIONARY);
        inf.setInput(stored, at, stored.length - at);
        byte[] out = new byte[length];
        try {
            int n = 0;
            while (n < out.length && !inf.finished()) {
                int k = inf.inflate(out, n, out.length - n);
                if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                n += k;
            }
            if (n != out.length || !inf.finished() || inf.getRemaining() != 0) {
                throw new IllegalArgumentException("stored bytes do not decompress to the " + length + " bytes stored");
            }
            if (length > 0 && out[0] != PLAIN) {
                throw new IllegalArgumentException("stored bytes do not decompress to a JSON object");
            }
            return out;
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("stored bytes do not decompress: " + e.getMessage(), e);
        }
    }

    /** The canonical bytes of a stored row, or the stored bytes as they are when they do not decode (verify's
     *  view: their hash then fails the id check and the entry is named as altered). */
    static byte[] decodeOrStored(byte[] stored) {
        try {
            return decode(stored);
        } catch (IllegalArgumentException e) {
            return stored;
        }
    }

    /** A bounded stack of idle native (de)compressors; beyond {@link #POOLED} idle ones, a returned one is ended. */
    private static final class Pool<T> {
        private final java.util.concurrent.ConcurrentLinkedDeque<T> idle = new java.util.concurrent.ConcurrentLinkedDeque<>();
        private final java.util.concurrent.atomic.AtomicInteger size = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.function.Supplier<T> create;
        private final java.util.function.Consumer<T> end;

        Pool(java.util.function.Supplier<T> create, java.util.function.Consumer<T> end) {
            this.create = create;
            this.end = end;
        }

        T take() {
            T t = idle.pollFirst();
            if (t == null) {
                return create.get();
            }
            size.decrementAndGet();
            return t;
        }

        void give(T t) {
            if (size.incrementAndGet() <= POOLED) {
                idle.offerFirst(t);
            } else {
                size.decrementAndGet();
                end.accept(t);
            }
        }
    }

    private static byte[] loadDictionary() {
        try (InputStream in = RecordCodec.class.getResourceAsStream(DICTIONARY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DICTIONARY_RESOURCE);
            }
            byte[] dict = in.readAllBytes();
            String sha = Digest.sha256(dict).hex();
            if (!sha.equals(DICTIONARY_SHA256)) {
                throw new IllegalStateException(DICTIONARY_RESOURCE + " has SHA-256 " + sha + ", not the pinned "
                        + DICTIONARY_SHA256 + ": stored records depend on it byte for byte");
            }
            return dict;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DICTIONARY_RESOURCE, e);
        }
    }
}
