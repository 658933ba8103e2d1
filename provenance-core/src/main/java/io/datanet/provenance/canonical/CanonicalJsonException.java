package io.datanet.provenance.canonical;

import io.datanet.provenance.InvalidInputException;

/**
 * JSON that cannot be canonicalized under our profile of RFC 8785: malformed text, a duplicate key, a
 * binary float, NaN, an integer outside ±(2^53−1) or a lone surrogate. {@link #field()} names the value
 * at fault as a JSON Pointer (RFC 6901) and {@link #source()} the file or stream it came from.
 */
public class CanonicalJsonException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception about the value at {@code pointer} in {@code source}. */
    public CanonicalJsonException(String source, String pointer, String problem) {
        super(source, pointer.isEmpty() ? "/" : pointer, problem);
    }

    /** Creates an exception about malformed text in {@code source}. */
    public CanonicalJsonException(String source, String problem, Throwable cause) {
        super(source, problem, cause);
    }
}
