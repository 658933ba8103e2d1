package io.datanet.provenance.record;

/** The outcome of the licence check made before training. */
public enum PolicyVerdict {
    /** Every DataNet's terms allow the declared use. */
    ALLOWED,
    /** At least one DataNet's terms forbid the declared use; the run was refused before it trained. */
    REFUSED,
    /** No policy was evaluated (for example a record appended from outside the JVM that says so). */
    NOT_EVALUATED
}
