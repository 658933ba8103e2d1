package io.datanet.provenance.ledger.internal;

import io.datanet.provenance.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * How the embedded ledger stores a record's canonical bytes in {@code records.bytes} (schema 4): compressed,
 * decompressed to exactly those bytes on every read. The logged bytes stay the canonical bytes: every hash, id and
 * proof is over the decompressed form, which is never re-serialized.
 *
 * <pre>
 * stored[0] == '{'   the canonical bytes themselves (rows of ledgers before schema 4, and a record that would not
 *                    shrink)
 * stored[0] == 0x01  format 1: the canonical length as an unsigned LEB128 varint, then the bytes as raw DEFLATE
 *                    (RFC 1951) with the preset dictionary {@code record-dictionary-v1.txt} (keys and common values
 *                    of the v1 record; its SHA-256 is pinned below, since changing it would make stored rows
 *                    unreadable: a new dictionary is a new format byte)
 * </pre>
 *
 * A record's ~1.9 KB of canonical JSON stores in ~460 B (ledger of BENCHMARKS.md's scale run): most of what is left
 * is the hex digests. Deflate output is not part of any hash, so another zlib producing other (valid) streams for
 * the same bytes changes nothing but which blob a new row holds.
 */
final class RecordCodec {
    static final byte DEFLATE_V1 = 0x01;
    private static final byte PLAIN = '{';
    private static final String DICTIONARY_RESOURCE = "record-dictionary-v1.txt";
    static final String DICTIONARY_SHA256 = "c12bda7302beb2a01bf000d6d5ec986d3bf971f27009e8ff2f13676f491fa67a";
    /** Deflate level 3: within 5 % of level 6's size on the scale ledger's records, for ~20 % less time. */
    private static final int LEVEL = 3;
    /** The longest record stored compressed (longer ones are stored as they are); far above what a run records. */
    private static final int MAX_LENGTH = 64 << 20;
    private static final byte[] DICTIONARY = loadDictionary();
    /**
     * Idle deflaters and inflaters, reused (a deflater holds ~256 KB of native memory, an inflater ~40 KB) and kept
     * to a few per core rather than one per thread that ever appended or read: an application may append from
     * hundreds of threads.
     */
    private static final int POOLED = 2 * Runtime.getRuntime().availableProcessors() + 2;
    private static final Pool<Deflater> DEFLATERS = new Pool<>(() -> new Deflater(LEVEL, true), Deflater::end);
    private static final Pool<Inflater> INFLATERS = new Pool<>(() -> new Inflater(true), Inflater::end);

    private RecordCodec() {}

    /** The stored form of canonical record bytes: format 1, or the bytes themselves when that is not smaller. */
    static byte[] encode(byte[] canonical) {
        Deflater d = DEFLATERS.take();
        try {
            return encode(canonical, d);
        } finally {
            DEFLATERS.give(d);
        }
    }

    private static byte[] encode(byte[] canonical, Deflater d) {
        if (canonical.length > MAX_LENGTH) {
            return canonical; // stored as it is: decode refuses a format-1 length past MAX_LENGTH
        }
        d.reset();
        d.setDictionary(DICTIONARY);
        d.setInput(canonical);
        d.finish();
        byte[] out = new byte[canonical.length + 16];
        int at = 0;
        out[at++] = DEFLATE_V1;
        for (int n = canonical.length; ; n >>>= 7) {
            if (n < 0x80) {
                out[at++] = (byte) n;
                break;
            }
            out[at++] = (byte) (n & 0x7f | 0x80);
        }
        while (!d.finished()) {
            if (at == out.length) {
                return canonical; // would not shrink
            }
            at += d.deflate(out, at, out.length - at);
        }
        return at < canonical.length ? Arrays.copyOf(out, at) : canonical;
    }

    /** The stored forms of {@code records}' bytes, on all cores when there are many. */
    static byte[][] encodeAll(List<byte[]> canonical) {
        byte[][] out = new byte[canonical.size()][];
        if (canonical.size() < 64) {
            for (int i = 0; i < out.length; i++) {
                out[i] = encode(canonical.get(i));
            }
        } else {
            java.util.stream.IntStream.range(0, out.length).parallel()
                    .forEach(i -> out[i] = encode(canonical.get(i)));
        }
        return out;
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
        if (stored[0] != DEFLATE_V1) {
            throw new IllegalArgumentException("unknown stored format 0x" + Integer.toHexString(stored[0] & 0xff));
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
        Inflater inf = INFLATERS.take();
        try {
            return inflate(stored, at, (int) length, inf);
        } finally {
            INFLATERS.give(inf);
        }
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
