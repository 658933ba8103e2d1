package io.datanet.provenance.record;

import com.fasterxml.jackson.databind.JsonNode;
import io.datanet.provenance.Digest;
import io.datanet.provenance.canonical.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record together with its exact canonical bytes and its id, SHA-256 of those bytes. This is the unit
 * the ledger logs: the logged bytes are these bytes, never re-serialized.
 *
 * <p>Parsing canonical bytes and serializing the result gives the same bytes again.
 */
public final class CanonicalRecord {
    private final ProvenanceRecord record;
    private final byte[] bytes;
    private final Digest id;

    private CanonicalRecord(ProvenanceRecord record, byte[] bytes) {
        this.record = record;
        this.bytes = bytes;
        this.id = Digest.sha256(bytes);
    }

    /** The canonical form of a record. */
    public static CanonicalRecord of(ProvenanceRecord record) {
        Objects.requireNonNull(record, "record");
        return new CanonicalRecord(record, CanonicalJson.canonicalize(RecordJson.toJson(record), "record"));
    }

    /**
     * Parses a v1 record from JSON in any formatting and canonicalizes it.
     *
     * @param source names the file or stream in errors
     * @throws io.datanet.provenance.InvalidInputException naming the source and the field at fault (a binary
     *                                                     float, NaN, duplicate key, integer past 2^53, unknown or
     *                                                     missing field, or a value a rule refuses)
     */
    public static CanonicalRecord parse(byte[] json, String source) {
        JsonNode tree = CanonicalJson.parseStrict(json, source);
        ProvenanceRecord record = RecordJson.fromJson(tree, source);
        return of(record);
    }

    /**
     * Reads bytes that a ledger stored as canonical. Unlike {@link #parse}, the id is computed over
     * exactly these bytes, so a stored record that was altered keeps its altered id and fails to verify
     * instead of being silently repaired.
     */
    public static CanonicalRecord ofStoredBytes(byte[] bytes, String source) {
        ProvenanceRecord record = RecordJson.fromJson(CanonicalJson.parseStrict(bytes, source), source);
        return new CanonicalRecord(record, bytes.clone());
    }

    /** The record. */
    public ProvenanceRecord record() {
        return record;
    }

    /** A copy of the canonical bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The number of canonical bytes. */
    public int size() {
        return bytes.length;
    }

    /** The canonical bytes as a string (UTF-8). */
    public String json() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The record id: SHA-256 of the canonical bytes. */
    public Digest id() {
        return id;
    }

    /** The record id as 64 lowercase hex characters. */
    public String idHex() {
        return id.hex();
    }

    /** True when these bytes are exactly the canonical serialization of the parsed record. */
    public boolean isCanonical() {
        return Arrays.equals(bytes, CanonicalJson.canonicalize(RecordJson.toJson(record), "record"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CanonicalRecord c && Arrays.equals(bytes, c.bytes);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "CanonicalRecord[" + id.hex() + " " + record.model().ref() + "]";
    }
}
