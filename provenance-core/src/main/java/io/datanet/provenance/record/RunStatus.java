package io.datanet.provenance.record;

/** How a training run ended. */
public enum RunStatus {
    /** The declared training finished and the model was produced. */
    COMPLETED,
    /** Training threw; the record says what had been seen up to then. */
    FAILED,
    /** The run was stopped from outside (closed early, JVM shutdown) before it completed. */
    INTERRUPTED
}
