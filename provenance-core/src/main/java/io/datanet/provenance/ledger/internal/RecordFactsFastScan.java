package io.datanet.provenance.ledger.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A byte-level scan for {@link RecordFacts} over the strict form stored records are in (RFC 8785: no whitespace,
 * ASCII here), several times cheaper than tokenizing with Jackson. It accepts only a subset of JSON on which it gives
 * exactly what {@link RecordFacts#scan} gives; on anything else (whitespace, escapes, non-ASCII bytes, a value of an
 * unexpected type, deep nesting, malformed or unusual syntax) it returns null and the caller scans with Jackson, so
 * the facts, and the error for bytes that are not a record, are the same either way.
 */
final class RecordFactsFastScan {
    private static final int MAX_DEPTH = 64;
    private static final int MAX_LENGTH = 1 << 20;
    private static final int MAX_NUMBER = 100;

    /** Thrown to give up on the fast path; carries no stack trace. */
    private static final class GiveUp extends RuntimeException {
        GiveUp() {
            super(null, null, false, false);
        }
    }

    private static final GiveUp GIVE_UP = new GiveUp();

    private final byte[] b;
    private int pos;

    private RecordFactsFastScan(byte[] bytes) {
        this.b = bytes;
    }

    /** The facts, or null when the fast path does not apply (scan with Jackson instead). */
    static RecordFacts scan(byte[] bytes) {
        if (bytes.length > MAX_LENGTH) {
            return null;
        }
        try {
            return new RecordFactsFastScan(bytes).record();
        } catch (GiveUp | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    private RecordFacts record() {
        String name = null;
        String version = null;
        String weights = null;
        String parent = null;
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        expect('{');
        if (b[pos] == '}') {
            throw GIVE_UP; // let Jackson say what is missing
        }
        do {
            int key = keyStart();
            int keyEnd = pos - 2; // after the closing quote and the colon
            if (is(key, keyEnd, "model") && b[pos] == '{') {
                pos++;
                if (b[pos] == '}') {
                    pos++;
                } else {
                    do {
                        int f = keyStart();
                        int fEnd = pos - 2;
                        if (is(f, fEnd, "name")) {
                            name = stringOrNull();
                        } else if (is(f, fEnd, "version")) {
                            version = stringOrNull();
                        } else if (is(f, fEnd, "parent")) {
                            parent = stringOrNull();
                        } else if (is(f, fEnd, "weights")) {
                            weights = weights();
                        } else {
                            skipValue(1);
                        }
                    } while (separator('}'));
                }
            } else if (is(key, keyEnd, "datanets") && b[pos] == '[') {
                pos++;
                if (b[pos] == ']') {
                    pos++;
                } else {
                    do {
                        if (b[pos] != '{') {
                            throw GIVE_UP;
                        }
                        pos++;
                        if (b[pos] == '}') {
                            pos++;
                        } else {
                            do {
                                int f = keyStart();
                                if (is(f, pos - 2, "id")) {
                                    String id = stringOrNull();
                                    if (id == null) {
                                        throw GIVE_UP;
                                    }
                                    ids.add(id);
                                } else {
                                    skipValue(2);
                                }
                            } while (separator('}'));
                        }
                    } while (separator(']'));
                }
            } else {
                skipValue(0);
            }
        } while (separator('}'));
        if (name == null || version == null) {
            throw GIVE_UP; // Jackson's path gives the error
        }
        return new RecordFacts(name + "@" + version, weights, parent, List.copyOf(new ArrayList<>(ids)));
    }

    private String weights() {
        if (b[pos] != '{') {
            skipValue(1);
            return null;
        }
        pos++;
        String digest = null;
        if (b[pos] == '}') {
            pos++;
            return null;
        }
        do {
            int f = keyStart();
            if (is(f, pos - 2, "digest")) {
                digest = stringOrNull();
            } else {
                skipValue(2);
            }
        } while (separator('}'));
        return digest;
    }

    /** Reads {@code "key":} and returns where the key's characters start. */
    private int keyStart() {
        if (b[pos] != '"') {
            throw GIVE_UP;
        }
        int start = pos + 1;
        skipString();
        expect(':');
        return start;
    }

    /** After a member or element: true at a comma (another follows), false at {@code close} (consumed). */
    private boolean separator(char close) {
        byte c = b[pos++];
        if (c == ',') {
            return true;
        }
        if (c == close) {
            return false;
        }
        throw GIVE_UP;
    }

    private String stringOrNull() {
        if (b[pos] == 'n') {
            literal("null");
            return null;
        }
        if (b[pos] != '"') {
            throw GIVE_UP;
        }
        int start = pos + 1;
        skipString();
        return new String(b, start, pos - 1 - start, StandardCharsets.US_ASCII);
    }

    private void skipValue(int depth) {
        if (depth > MAX_DEPTH) {
            throw GIVE_UP;
        }
        byte c = b[pos];
        switch (c) {
            case '"' -> skipString();
            case '{' -> {
                pos++;
                if (b[pos] == '}') {
                    pos++;
                    return;
                }
                do {
                    keyStart();
                    skipValue(depth + 1);
                } while (separator('}'));
            }
            case '[' -> {
                pos++;
                if (b[pos] == ']') {
                    pos++;
                    return;
                }
                do {
                    skipValue(depth + 1);
                } while (separator(']'));
            }
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    /** Skips a string from its opening quote past its closing one: printable ASCII only, no escapes. */
    private void skipString() {
        int i = pos + 1;
        byte c;
        while ((c = b[i]) != '"') {
            if (c < 0x20 || c == '\\' || c == 0x7f) { // bytes >= 0x80 are negative
                throw GIVE_UP;
            }
            i++;
        }
        pos = i + 1;
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (b[pos + i] != word.charAt(i)) {
                throw GIVE_UP;
            }
        }
        pos += word.length();
        terminated();
    }

    /** {@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?} */
    private void number() {
        int start = pos;
        if (b[pos] == '-') {
            pos++;
        }
        if (b[pos] == '0') {
            pos++;
        } else {
            digits();
        }
        if (b[pos] == '.') {
            pos++;
            digits();
        }
        if (b[pos] == 'e' || b[pos] == 'E') {
            pos++;
            if (b[pos] == '+' || b[pos] == '-') {
                pos++;
            }
            digits();
        }
        if (pos - start > MAX_NUMBER) {
            throw GIVE_UP;
        }
        terminated();
    }

    private void digits() {
        int start = pos;
        while (b[pos] >= '0' && b[pos] <= '9') {
            pos++;
        }
        if (pos == start) {
            throw GIVE_UP;
        }
    }

    /** A scalar must be followed by a separator (canonical form has no whitespace). */
    private void terminated() {
        byte c = b[pos];
        if (c != ',' && c != '}' && c != ']') {
            throw GIVE_UP;
        }
    }

    private void expect(char c) {
        if (b[pos++] != c) {
            throw GIVE_UP;
        }
    }

    private boolean is(int from, int to, String key) {
        if (to - from != key.length()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (b[from + i] != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
