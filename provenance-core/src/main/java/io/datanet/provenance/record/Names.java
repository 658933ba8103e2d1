package io.datanet.provenance.record;

/** Checks for the identifiers that appear in records: non-blank, printable, no surrounding space. */
final class Names {
    private Names() {}

    static String check(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (!value.strip().equals(value)) {
            throw new IllegalArgumentException(what + " must not start or end with white space: \"" + value + "\"");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(what + " must not contain control characters: \"" + value + "\"");
            }
        }
        return value;
    }

    static void checkRecordId(String what, String id) {
        if (id != null && (id.length() != 64 || !io.datanet.provenance.Digest.isLowerHex(id))) {
            throw new IllegalArgumentException(what + " must be a record id (64 lowercase hex): \"" + id + "\"");
        }
    }
}
