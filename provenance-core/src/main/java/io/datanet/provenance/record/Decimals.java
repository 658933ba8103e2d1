package io.datanet.provenance.record;

import java.math.BigDecimal;

/** Decimal values in records: non-negative, finite, written without exponent or trailing zeros. */
final class Decimals {
    private Decimals() {}

    static BigDecimal normalize(String what, BigDecimal value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + value.toPlainString());
        }
        BigDecimal v = value.stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }
}
