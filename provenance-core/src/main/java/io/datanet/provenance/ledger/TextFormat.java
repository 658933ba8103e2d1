package io.datanet.provenance.ledger;

import java.util.Base64;

/**
 * The line-level rules shared by signed notes, checkpoints and tlog-proof files: which characters a
 * note may hold, what a key name is, and the strict forms of decimals and base64 that these formats
 * use. Strict means one spelling per value, so that a parsed file formats back to the same bytes.
 */
final class TextFormat {
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();
    private static final int SHOWN_CHARACTERS = 80;

    private TextFormat() {}

    /**
     * Why {@code text} cannot appear in a signed note (a C2SP signed note is valid UTF-8 with no
     * control character other than newline), or {@code null} when it can.
     */
    static String invalidNoteCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n') {
                return String.format("control character U+%04X at offset %d", (int) c, i);
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return "unpaired surrogate (not valid UTF-8) at offset " + i;
                }
            }
        }
        return null;
    }

    /** Why {@code line} cannot be one line of a note, or {@code null} when it can. */
    static String invalidLine(String line) {
        int newline = line.indexOf('\n');
        return newline >= 0 ? "newline at offset " + newline : invalidNoteCharacter(line);
    }

    /** A key name of the signed-note format: non-empty, valid, without Unicode spaces or {@code +}. */
    static boolean isValidKeyName(String name) {
        if (name == null || name.isEmpty() || invalidLine(name) != null) {
            return false;
        }
        return name.codePoints().noneMatch(cp -> cp == '+' || cp == 0x85
                || Character.isWhitespace(cp) || Character.isSpaceChar(cp));
    }

    /**
     * Parses a non-negative ASCII decimal without sign or leading zeros ({@code 0} itself is allowed).
     *
     * @return the value, or -1 when {@code text} is not such a decimal or does not fit in a long
     */
    static long parseDecimal(String text) {
        if (text.isEmpty() || text.length() > 19 || (text.length() > 1 && text.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException overflow) {
            return -1;
        }
    }

    /**
     * Decodes standard padded base64 (RFC 4648 §4) in its canonical spelling only.
     *
     * @return the bytes, or {@code null} when {@code text} is not canonical base64
     */
    static byte[] decodeBase64(String text) {
        byte[] bytes;
        try {
            bytes = BASE64_DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return BASE64.encodeToString(bytes).equals(text) ? bytes : null;
    }

    /** Standard padded base64. */
    static String base64(byte[] bytes) {
        return BASE64.encodeToString(bytes);
    }

    /** A line quoted for an error message, shortened when long. */
    static String quote(String line) {
        String shown = line.length() <= SHOWN_CHARACTERS ? line : line.substring(0, SHOWN_CHARACTERS) + "...";
        return '"' + shown.replace("\n", "\\n") + '"';
    }
}
