package io.datanet.provenance.canonical.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.datanet.provenance.Digest;
import io.datanet.provenance.InvalidInputException;
import io.datanet.provenance.canonical.CanonicalJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads one JSON object field by field, naming the JSON Pointer of whatever is missing, mistyped or
 * unknown. Call {@link #end()} after reading every field: an unknown field is refused, so a document
 * never carries facts that the hash covers but the reader ignored. Not API.
 */
public final class StrictObject {
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");

    private final JsonNode node;
    private final String source;
    private final String pointer;
    private final Set<String> read = new HashSet<>();

    private StrictObject(JsonNode node, String source, String pointer) {
        this.node = node;
        this.source = source;
        this.pointer = pointer;
    }

    /** Reads {@code node}, which must be an object, found at {@code pointer} of {@code source}. */
    public static StrictObject of(JsonNode node, String source, String pointer) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(source, pointer.isEmpty() ? "/" : pointer, "expected a JSON object");
        }
        return new StrictObject(node, source, pointer);
    }

    /** The pointer of a field of this object. */
    public String at(String field) {
        return pointer + "/" + CanonicalJson.escapePointer(field);
    }

    /** An error about a field of this object. */
    public InvalidInputException error(String field, String problem) {
        return new InvalidInputException(source, at(field), problem);
    }

    /** The source this object came from. */
    public String source() {
        return source;
    }

    private JsonNode required(String field) {
        read.add(field);
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw error(field, "required field is missing");
        }
        return v;
    }

    private JsonNode optional(String field) {
        read.add(field);
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    /** A required non-empty string. */
    public String string(String field) {
        JsonNode v = required(field);
        if (!v.isTextual() || v.textValue().isEmpty()) {
            throw error(field, "expected a non-empty string");
        }
        return v.textValue();
    }

    /** An optional string, null when absent. */
    public String optString(String field) {
        JsonNode v = optional(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw error(field, "expected a string");
        }
        return v.textValue();
    }

    /** A required integer within the I-JSON safe range. */
    public long integer(String field) {
        JsonNode v = required(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw error(field, "expected an integer");
        }
        return v.longValue();
    }

    /** A required boolean. */
    public boolean bool(String field) {
        JsonNode v = required(field);
        if (!v.isBoolean()) {
            throw error(field, "expected true or false");
        }
        return v.booleanValue();
    }

    /** An optional boolean with a default. */
    public boolean optBool(String field, boolean fallback) {
        JsonNode v = optional(field);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw error(field, "expected true or false");
        }
        return v.booleanValue();
    }

    /** A required {@code sha256:<hex>} digest. */
    public Digest digest(String field) {
        return parse(field, string(field), Digest::parse);
    }

    /** An optional {@code sha256:<hex>} digest, null when absent. */
    public Digest optDigest(String field) {
        String s = optString(field);
        return s == null ? null : parse(field, s, Digest::parse);
    }

    /** A required decimal string such as {@code "0.25"}. */
    public BigDecimal decimal(String field) {
        String s = string(field);
        if (!DECIMAL.matcher(s).matches()) {
            throw error(field, "expected a decimal string such as \"0.25\", got \"" + s + "\"");
        }
        return new BigDecimal(s);
    }

    /** Converts a string field's value, turning an IllegalArgumentException into a named error. */
    public <T> T parse(String field, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw error(field, e.getMessage());
        }
    }

    /** A required nested object. */
    public StrictObject object(String field) {
        return new StrictObject(checkObject(field, required(field)), source, at(field));
    }

    /** An optional nested object, null when absent. */
    public StrictObject optObject(String field) {
        JsonNode v = optional(field);
        return v == null ? null : new StrictObject(checkObject(field, v), source, at(field));
    }

    private JsonNode checkObject(String field, JsonNode v) {
        if (!v.isObject()) {
            throw error(field, "expected a JSON object");
        }
        return v;
    }

    /** A required array of objects, each read by {@code reader}; an absent field reads as empty when allowed. */
    public <T> List<T> objects(String field, boolean required, Function<StrictObject, T> reader) {
        JsonNode v = required ? required(field) : optional(field);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw error(field, "expected an array");
        }
        List<T> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            out.add(reader.apply(StrictObject.of(v.get(i), source, at(field) + "/" + i)));
        }
        return out;
    }

    /** An optional array of strings (empty when absent). */
    public List<String> strings(String field) {
        JsonNode v = optional(field);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw error(field, "expected an array of strings");
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw new InvalidInputException(source, at(field) + "/" + i, "expected a string");
            }
            out.add(v.get(i).textValue());
        }
        return out;
    }

    /** The field names of this object, in document order. */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Refuses any field that was not read. */
    public void end() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!read.contains(name)) {
                throw error(name, "unknown field");
            }
        }
    }
}
