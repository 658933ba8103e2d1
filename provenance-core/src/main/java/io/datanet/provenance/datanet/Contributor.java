package io.datanet.provenance.datanet;

/**
 * Someone who contributed files to a DataNet. Files name their contributor by {@link #id()}, which is
 * what attribution and {@link DataNet#bytesByContributor()} count by.
 *
 * @param id   a stable identifier (an account, a key fingerprint, an e-mail address): non-blank, no
 *             surrounding white space, no control characters
 * @param name the name to credit: non-blank, no control characters
 */
public record Contributor(String id, String name) {
    /**
     * Validates both fields.
     *
     * @throws IllegalArgumentException naming the field and value when either is blank or malformed
     * @throws NullPointerException if either is null
     */
    public Contributor {
        Identifiers.checkText("contributor id", id);
        Identifiers.checkText("contributor " + id + " name", name);
        if (!id.strip().equals(id)) {
            throw new IllegalArgumentException("contributor id must not start or end with white space: \"" + id + "\"");
        }
    }
}
