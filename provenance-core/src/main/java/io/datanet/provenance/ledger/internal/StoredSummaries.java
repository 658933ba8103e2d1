package io.datanet.provenance.ledger.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.datanet.provenance.Digest;
import io.datanet.provenance.ledger.EntrySummary;
import io.datanet.provenance.ledger.EntrySummary.DataNetVersion;
import io.datanet.provenance.ledger.LedgerException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link EntrySummary} straight from a stored row (leaf index, position key {@code chk}, record bytes), for the
 * stores' {@code summary}: the id is SHA-256 of the bytes, the row must bind that id to its index (the position key
 * {@link LogVerifier} checks, so bytes edited in the database are refused rather than summarised), and the model
 * reference and DataNet versions are read with a streaming scan (a few microseconds for a 2 KB record, against
 * tens for a full parse). The bytes of every record the ledger accepted are canonical v1 records, so the scan gives
 * exactly what a full parse gives.
 */
public final class StoredSummaries {
    private static final JsonFactory JSON = new JsonFactory();

    private StoredSummaries() {}

    /**
     * The summary of the stored row.
     *
     * @param location names the store in errors
     * @throws LedgerException naming the entry when the row's position key does not match its bytes (the row was
     *                         edited outside the ledger) or the bytes are not a record
     */
    public static EntrySummary read(long index, int chk, byte[] bytes, String location) {
        Digest id = Digest.sha256(bytes);
        checkPosition(index, chk, id, location);
        try {
            return scan(index, id, bytes);
        } catch (IOException | IllegalArgumentException e) {
            throw new LedgerException(location, "entry " + index + " is not a readable record: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a row whose position key ({@code chk}, written with the row) does not bind record {@code id} to leaf
     * {@code index}: a record edited, swapped or moved in the database, even into another valid record, is
     * named here by every read that returns it, not only by {@code verify}.
     *
     * @throws LedgerException naming the entry
     */
    public static void checkPosition(long index, int chk, Digest id, String location) {
        if (Keys.position(index, id) != chk) {
            throw new LedgerException(location, "entry " + index + " does not match its position key: the stored "
                    + "record was altered or moved outside the ledger (run verify)");
        }
    }

    private static EntrySummary scan(long index, Digest id, byte[] bytes) throws IOException {
        String name = null;
        String version = null;
        List<DataNetVersion> uses = new ArrayList<>(2);
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("model") && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String f = p.currentName();
                        p.nextToken();
                        switch (f) {
                            case "name" -> name = p.getValueAsString();
                            case "version" -> version = p.getValueAsString();
                            default -> p.skipChildren();
                        }
                    }
                } else if (field.equals("datanets") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        uses.add(dataNetVersion(p));
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        if (name == null || version == null) {
            throw new IllegalArgumentException("the record names no model name and version");
        }
        return new EntrySummary(index, id, name + "@" + version, uses);
    }

    private static DataNetVersion dataNetVersion(JsonParser p) throws IOException {
        String dn = null;
        String version = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            p.nextToken();
            switch (f) {
                case "id" -> dn = p.getValueAsString();
                case "version" -> version = p.getValueAsString();
                default -> p.skipChildren();
            }
        }
        if (dn == null || version == null) {
            throw new IllegalArgumentException("a datanet names no id and version");
        }
        return new DataNetVersion(dn, Digest.parse(version));
    }
}
