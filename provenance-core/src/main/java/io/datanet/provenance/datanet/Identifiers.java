package io.datanet.provenance.datanet;

import java.util.Comparator;
import java.util.Objects;

/** The rules for DataNet ids, file paths and names, and the path order the version is computed in. */
final class Identifiers {
    /** The manifest's file name, reserved at the top of a DataNet directory. */
    static final String MANIFEST = "datanet.json";

    /** Unsigned UTF-8 byte order, which for well-formed strings is Unicode code point order. */
    static final Comparator<String> UTF8_ORDER = Identifiers::compareUtf8;

    private Identifiers() {}

    static void checkText(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(what + " must not contain control characters: \"" + value + "\"");
            }
        }
    }

    /** A DataNet id: a letter or digit, then letters, digits, '.', '_', '-' or '/'; at most 200 characters. */
    static String checkDataNetId(String id) {
        Objects.requireNonNull(id, "datanet id");
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._/-]{0,199}")) {
            throw new IllegalArgumentException("datanet id must be 1 to 200 characters, a letter or digit then"
                    + " letters, digits, '.', '_', '-' or '/': \"" + id + "\"");
        }
        return id;
    }

    /**
     * Why {@code path} is not a normalized DataNet path, or null when it is one: relative, '/'-separated,
     * no empty, '.' or '..' segments, no hidden (dot) segments, no backslash or control characters,
     * well-formed Unicode, and not the manifest itself.
     */
    static String pathProblem(String path) {
        if (path == null || path.isEmpty()) {
            return "a file path must not be empty";
        }
        if (path.startsWith("/")) {
            return "file path \"" + path + "\" must be relative (no leading '/')";
        }
        if (path.equals(MANIFEST)) {
            return "file path \"" + path + "\" is reserved for the manifest";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' || Character.isISOControl(c)) {
                return "file path \"" + path + "\" must use '/' separators and no control characters";
            }
            boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < path.length()
                    && Character.isLowSurrogate(path.charAt(i + 1));
            if (pairedHigh) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "file path \"" + path + "\" is not well-formed Unicode (lone surrogate)";
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                return "file path \"" + path + "\" has an empty segment";
            }
            if (segment.equals("..") || segment.equals(".")) {
                return "file path \"" + path + "\" has a '" + segment + "' segment; paths must be normalized";
            }
            if (segment.startsWith(".")) {
                return "file path \"" + path + "\" has a hidden segment \"" + segment
                        + "\"; hidden files are not part of a DataNet";
            }
        }
        return null;
    }

    /** True when some segment of the '/'-separated path starts with '.'. */
    static boolean isHidden(String path) {
        return path.startsWith(".") || path.contains("/.");
    }

    private static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
