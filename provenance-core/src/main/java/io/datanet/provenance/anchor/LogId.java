package io.datanet.provenance.anchor;

import io.datanet.provenance.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The identity of a log on an anchoring target: SHA-256 of the log's verifier key in note format
 * ({@code name+keyhash+base64}, UTF-8). Anyone holding the verifier key computes the same id, so an
 * auditor finds a log's anchors without our code.
 *
 * @param value the SHA-256 value
 */
public record LogId(Digest value) {
    /**
     * Checks the value is present.
     *
     * @throws NullPointerException if it is null
     */
    public LogId {
        Objects.requireNonNull(value, "log id");
    }

    /**
     * The id of the log with this verifier key.
     *
     * @throws IllegalArgumentException if the key is blank
     */
    public static LogId ofVerifierKey(String verifierKey) {
        Objects.requireNonNull(verifierKey, "verifierKey");
        if (verifierKey.isBlank()) {
            throw new IllegalArgumentException("a verifier key must not be blank");
        }
        return new LogId(Digest.sha256(verifierKey.strip().getBytes(StandardCharsets.UTF_8)));
    }

    /** 64 lowercase hex characters. */
    public String hex() {
        return value.hex();
    }

    /** {@code sha256:} and the hex value. */
    @Override
    public String toString() {
        return value.toString();
    }
}
