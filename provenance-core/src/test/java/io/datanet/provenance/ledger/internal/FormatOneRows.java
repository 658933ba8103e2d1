package io.datanet.provenance.ledger.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Writes rows in stored format 1 (raw DEFLATE with the record dictionary as its preset dictionary), which the first
 * schema-4 builds wrote and {@link RecordCodec} no longer does, so that tests can show such rows still read. Written
 * from the format's description, apart from the codec's own code.
 */
final class FormatOneRows {
    private static final byte[] DICTIONARY = dictionary();

    private FormatOneRows() {}

    static byte[] encode(byte[] canonical) {
        Deflater d = new Deflater(3, true);
        try {
            d.setDictionary(DICTIONARY);
            d.setInput(canonical);
            d.finish();
            byte[] out = new byte[canonical.length + 64];
            int at = 0;
            out[at++] = RecordCodec.DEFLATE_V1;
            for (int n = canonical.length; ; n >>>= 7) { // unsigned LEB128
                if (n < 0x80) {
                    out[at++] = (byte) n;
                    break;
                }
                out[at++] = (byte) (n & 0x7f | 0x80);
            }
            while (!d.finished()) {
                at += d.deflate(out, at, out.length - at);
            }
            return Arrays.copyOf(out, at);
        } finally {
            d.end();
        }
    }

    private static byte[] dictionary() {
        try (InputStream in = RecordCodec.class.getResourceAsStream("record-dictionary-v1.txt")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
