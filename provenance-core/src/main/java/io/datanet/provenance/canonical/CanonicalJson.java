package io.datanet.provenance.canonical;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * RFC 8785 (JSON Canonicalization Scheme) for provenance data.
 *
 * <p>Two layers: {@link #canonicalize(String, String)} is plain RFC 8785 for any I-JSON text (it is the
 * reference implementation by the RFC's authors, {@code org.erdtman.jcs}, behind a duplicate-key
 * check); {@link #parseStrict(byte[], String)} and {@link #canonicalize(JsonNode, String)} add the
 * profile every hashed provenance document follows: no binary floats at all (fractions, weights and
 * rates are decimal strings), integers within ±(2^53−1), no duplicate keys, no lone surrogates. Under
 * that profile the canonical bytes are a pure function of the data, so the same facts always hash the
 * same.
 */
public final class CanonicalJson {
    /** The largest integer an I-JSON number holds exactly: 2^53 − 1. */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    private static final BigInteger MAX = BigInteger.valueOf(MAX_SAFE_INTEGER);
    private static final BigInteger MIN = MAX.negate();

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonMapper WRITER = JsonMapper.builder().build();

    private CanonicalJson() {}

    /** The mapper used for strict parsing; share it, do not reconfigure it. */
    public static JsonMapper mapper() {
        return WRITER;
    }

    /**
     * Parses JSON under the provenance profile.
     *
     * @param source names the file or stream in error messages
     * @throws CanonicalJsonException naming the source and JSON Pointer of the first violation
     */
    public static JsonNode parseStrict(byte[] json, String source) {
        JsonNode tree;
        try (JsonParser parser = STRICT.createParser(json)) {
            tree = STRICT.readTree(parser);
        } catch (JsonProcessingException e) {
            throw new CanonicalJsonException(source, "not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr(), e);
        } catch (IOException e) {
            throw new CanonicalJsonException(source, "cannot read JSON: " + e.getMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new CanonicalJsonException(source, "", "empty document");
        }
        checkProfile(tree, source, "");
        return tree;
    }

    /**
     * The RFC 8785 canonical bytes of a tree that follows the provenance profile.
     *
     * @throws CanonicalJsonException naming the JSON Pointer of the first value outside the profile
     */
    public static byte[] canonicalize(JsonNode tree, String source) {
        checkProfile(tree, source, "");
        try {
            return new JsonCanonicalizer(WRITER.writeValueAsString(tree)).getEncodedUTF8();
        } catch (IOException e) {
            throw new CanonicalJsonException(source, "cannot canonicalize: " + e.getMessage(), e);
        }
    }

    /**
     * Plain RFC 8785 canonicalization of any I-JSON text, floats included; duplicate keys are refused.
     *
     * @throws CanonicalJsonException when the text is not JSON or repeats a key
     */
    public static byte[] canonicalize(String json, String source) {
        try (JsonParser parser = STRICT.createParser(json)) {
            while (parser.nextToken() != null) {
                parser.skipChildren(); // full scan so duplicate keys are detected
            }
        } catch (IOException e) {
            throw new CanonicalJsonException(source, "not valid JSON: " + e.getMessage(), e);
        }
        try {
            return new JsonCanonicalizer(json).getEncodedUTF8();
        } catch (IOException | RuntimeException e) {
            throw new CanonicalJsonException(source, "cannot canonicalize: " + e.getMessage(), e);
        }
    }

    /**
     * Checks the profile in two steps: a walk that builds no JSON Pointers (a stored record is read on every query
     * answer, and building a pointer string per field was a sixth of a parse), and only when it finds a value
     * outside the profile the walk below, which names it.
     */
    private static void checkProfile(JsonNode node, String source, String pointer) {
        if (!conforms(node)) {
            explainProfile(node, source, pointer);
            // the two walks test the same rules; should they ever disagree, refuse rather than pass
            throw new CanonicalJsonException(source, pointer, "a value is outside the profile");
        }
    }

    private static boolean conforms(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (!wellFormed(field.getKey()) || !conforms(field.getValue())) {
                        return false;
                    }
                }
                return true;
            }
            case ARRAY -> {
                for (int i = 0; i < node.size(); i++) {
                    if (!conforms(node.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            case STRING -> {
                return wellFormed(node.textValue());
            }
            case NUMBER -> {
                if (!node.isIntegralNumber()) {
                    return false;
                }
                BigInteger v = node.bigIntegerValue();
                return v.compareTo(MAX) <= 0 && v.compareTo(MIN) >= 0;
            }
            case BOOLEAN, NULL -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** True when the string has no lone surrogate. */
    private static boolean wellFormed(String s) {
        return loneSurrogate(s) < 0;
    }

    /** The index of the first lone surrogate in {@code s}, or -1. */
    private static int loneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static void explainProfile(JsonNode node, String source, String pointer) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String child = pointer + "/" + escapePointer(field.getKey());
                    checkString(field.getKey(), source, child);
                    explainProfile(field.getValue(), source, child);
                }
            }
            case ARRAY -> {
                for (int i = 0; i < node.size(); i++) {
                    explainProfile(node.get(i), source, pointer + "/" + i);
                }
            }
            case STRING -> checkString(node.textValue(), source, pointer);
            case NUMBER -> {
                if (!node.isIntegralNumber()) {
                    throw new CanonicalJsonException(source, pointer,
                            "binary floating-point number " + node.asText()
                                    + " is not allowed; write fractions as decimal strings");
                }
                BigInteger v = node.bigIntegerValue();
                if (v.compareTo(MAX) > 0 || v.compareTo(MIN) < 0) {
                    throw new CanonicalJsonException(source, pointer,
                            "integer " + v + " is outside ±(2^53−1); write it as a decimal string");
                }
            }
            case BOOLEAN, NULL -> { }
            default -> throw new CanonicalJsonException(source, pointer,
                    "unsupported JSON value of type " + node.getNodeType());
        }
    }

    private static void checkString(String s, String source, String pointer) {
        int at = loneSurrogate(s);
        if (at >= 0) {
            throw new CanonicalJsonException(source, pointer, "lone surrogate U+" + Integer.toHexString(s.charAt(at)));
        }
    }

    /** Escapes a key for use in a JSON Pointer (RFC 6901). */
    public static String escapePointer(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
