package io.datanet.provenance.record;

/** How a DataNet's counts were obtained. */
public enum CaptureMode {
    /** Counted batch by batch from what the model was actually fed. */
    OBSERVED,
    /** The data came through an iterator we could not see into: only what was declared is recorded. */
    DECLARED_ONLY
}
