package io.datanet.provenance.model;

/**
 * The element type of a parameter tensor, named in the parameter header of the
 * {@link io.datanet.provenance.record.WeightsDigest#LAYOUT_V1} layout.
 */
public enum ElementType {
    /** IEEE 754 binary16. */
    FLOAT16("float16", 2),
    /** bfloat16 (the upper half of binary32). */
    BFLOAT16("bfloat16", 2),
    /** IEEE 754 binary32. */
    FLOAT32("float32", 4),
    /** IEEE 754 binary64. */
    FLOAT64("float64", 8),
    /** Signed 8-bit integer. */
    INT8("int8", 1),
    /** Unsigned 8-bit integer. */
    UINT8("uint8", 1),
    /** Signed 16-bit integer. */
    INT16("int16", 2),
    /** Signed 32-bit integer. */
    INT32("int32", 4),
    /** Signed 64-bit integer. */
    INT64("int64", 8),
    /** One byte per element, 0 or 1. */
    BOOL("bool", 1);

    private final String label;
    private final int bytes;

    ElementType(String label, int bytes) {
        this.label = label;
        this.bytes = bytes;
    }

    /** The name written in parameter headers, e.g. {@code float32}. */
    public String label() {
        return label;
    }

    /** The size of one element in bytes. */
    public int bytes() {
        return bytes;
    }
}
