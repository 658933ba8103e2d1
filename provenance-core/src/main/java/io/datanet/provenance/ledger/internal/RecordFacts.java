package io.datanet.provenance.ledger.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.record.DataNetUse;
import io.datanet.provenance.record.WeightsDigest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The facts of a record that the ledger's lookup columns and indexes are derived from: model reference,
 * weights digest, fine-tune parent and the DataNets trained on (distinct, in record order). Read either from
 * a parsed record (at append) or straight from stored bytes with a streaming scan (at verification and
 * migration), which is ~50 times cheaper than a full parse and gives the same facts for every record the
 * ledger accepted (the bytes of those are canonical v1 records; bytes that were altered fail their hash check
 * before their facts matter).
 */
record RecordFacts(String modelRef, String weightsDigest, String parent, List<String> dataNets) {
    private static final JsonFactory JSON = new JsonFactory();

    /** The facts of a parsed record. */
    static RecordFacts of(CanonicalRecord record) {
        var model = record.record().model();
        WeightsDigest w = model.weights();
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (DataNetUse use : record.record().datanets()) {
            ids.add(use.id());
        }
        return new RecordFacts(model.ref(), w == null ? null : w.value().toString(), model.parent(),
                List.copyOf(ids));
    }

    /**
     * Scans stored record bytes for the facts: with {@link RecordFactsFastScan} when the bytes are in the strict form
     * it reads, else with Jackson.
     *
     * @throws IllegalArgumentException when the bytes are not a JSON object with a model name and version
     */
    static RecordFacts scan(byte[] bytes) {
        RecordFacts fast = RecordFactsFastScan.scan(bytes);
        return fast != null ? fast : scanWithJackson(bytes);
    }

    /** {@link #scan} by tokenizing with Jackson: what the fast path must agree with, and its fallback. */
    static RecordFacts scanWithJackson(byte[] bytes) {
        String name = null;
        String version = null;
        String weights = null;
        String parent = null;
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        try (JsonParser p = JSON.createParser(bytes)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("model") && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String f = p.currentName();
                        JsonToken v = p.nextToken();
                        switch (f) {
                            case "name" -> name = p.getValueAsString();
                            case "version" -> version = p.getValueAsString();
                            case "parent" -> parent = v == JsonToken.VALUE_NULL ? null : p.getValueAsString();
                            case "weights" -> weights = weightsDigest(p, v);
                            default -> p.skipChildren();
                        }
                    }
                } else if (field.equals("datanets") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String f = p.currentName();
                            p.nextToken();
                            if (f.equals("id")) {
                                ids.add(p.getValueAsString());
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON record: " + e.getMessage(), e);
        }
        if (name == null || version == null) {
            throw new IllegalArgumentException("the record names no model name and version");
        }
        return new RecordFacts(name + "@" + version, weights, parent, List.copyOf(new ArrayList<>(ids)));
    }

    private static String weightsDigest(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String digest = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            p.nextToken();
            if (f.equals("digest")) {
                digest = p.getValueAsString();
            } else {
                p.skipChildren();
            }
        }
        return digest;
    }

    private static void expect(JsonToken got, JsonToken wanted) {
        if (got != wanted) {
            throw new IllegalArgumentException("expected " + wanted + " but found " + got);
        }
    }
}
