package io.datanet.provenance.query;

import io.datanet.provenance.Digest;
import io.datanet.provenance.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a {@code uses} page ends: the snapshot size, the group being emitted (the leaf index of the
 * direct use that owns it) and the leaf index of the next answer in that group (the owner itself when the
 * group has not started), so the next page resumes without re-reading what was returned. Bound to its
 * query by a short fingerprint, so a token of another DataNet is refused instead of silently misread.
 * The text form is opaque to callers (base64url).
 */
record PageToken(long ledgerSize, long owner, long next, String query) {
    private static final String PREFIX = "u2";

    /** The fingerprint of a query: 8 hex characters of SHA-256 over the DataNet id and version filter. */
    static String fingerprint(String dataNetId, Digest version) {
        String q = dataNetId + "\n" + (version == null ? "*" : version.toString());
        return Digest.sha256(q.getBytes(StandardCharsets.UTF_8)).hex().substring(0, 8);
    }

    String encode() {
        String text = PREFIX + ":" + ledgerSize + ":" + owner + ":" + next + ":" + query;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Decodes a token of the query with this fingerprint.
     *
     * @throws InvalidInputException when the token is malformed, of another query, or from the future
     */
    static PageToken decode(String token, String query, long currentSize) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII).split(":", -1);
        } catch (IllegalArgumentException e) {
            throw invalid(token, "not a page token");
        }
        if (parts.length != 5 || !PREFIX.equals(parts[0])) {
            throw invalid(token, "not a page token");
        }
        long size;
        long owner;
        long next;
        try {
            size = Long.parseLong(parts[1]);
            owner = Long.parseLong(parts[2]);
            next = Long.parseLong(parts[3]);
        } catch (NumberFormatException e) {
            throw invalid(token, "not a page token");
        }
        if (!parts[4].equals(query)) {
            throw invalid(token, "this page token belongs to another query (another DataNet or version)");
        }
        if (size < 0 || size > currentSize || owner < 0 || owner >= size || next < 0 || next >= size) {
            throw invalid(token, "page token does not fit this ledger");
        }
        return new PageToken(size, owner, next, query);
    }

    private static InvalidInputException invalid(String token, String problem) {
        return new InvalidInputException("page token " + token, "", problem);
    }
}
