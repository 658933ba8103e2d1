package io.datanet.provenance;

/**
 * Input that is refused: a malformed or lying DataNet manifest, a record that breaks the v1 schema, a
 * reference that names nothing. {@link #source()} names the file, stream or DataNet; {@link #field()}
 * the field at fault as a JSON Pointer (empty when the whole input is at fault). Nothing already
 * recorded is changed when this is thrown.
 */
public class InvalidInputException extends ProvenanceException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final String field;

    /** Creates an exception about {@code field} (a JSON Pointer, may be empty) of {@code source}. */
    public InvalidInputException(String source, String field, String problem) {
        super(source + (field.isEmpty() ? "" : ": " + field) + ": " + problem);
        this.source = source;
        this.field = field;
    }

    /** Creates an exception about {@code source} as a whole, with its cause. */
    public InvalidInputException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.field = "";
    }

    /** The file, stream, DataNet or reference at fault. */
    public String source() {
        return source;
    }

    /** The JSON Pointer of the field at fault; empty when the input as a whole is at fault. */
    public String field() {
        return field;
    }
}
