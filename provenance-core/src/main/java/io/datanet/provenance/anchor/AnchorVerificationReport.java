package io.datanet.provenance.anchor;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The outcome of {@link AnchorVerifier#verify}: whether every anchor the target holds for the log matches
 * the ledger, and whether consistency proofs link every anchor to the current tree.
 *
 * @param logId         the log checked
 * @param target        the anchoring target read
 * @param ledgerSize    the number of records the ledger holds
 * @param anchors       the anchors found on the target, smallest size first (copied)
 * @param problems      what failed, first failure first; empty when everything matches (copied)
 * @param firstBadEntry the index of the first entry shown altered, when one can be named
 */
public record AnchorVerificationReport(LogId logId, String target, long ledgerSize, List<Anchor> anchors,
                                       List<String> problems, OptionalLong firstBadEntry) {
    /** Validates and copies. */
    public AnchorVerificationReport {
        Objects.requireNonNull(logId, "logId");
        Objects.requireNonNull(target, "target");
        anchors = List.copyOf(anchors);
        problems = List.copyOf(problems);
        Objects.requireNonNull(firstBadEntry, "firstBadEntry");
    }

    /** True when the target holds at least one anchor and nothing failed. */
    public boolean ok() {
        return problems.isEmpty() && !anchors.isEmpty();
    }

    /** The largest anchored size, 0 when the log was never anchored. */
    public long anchoredSize() {
        return anchors.isEmpty() ? 0 : anchors.get(anchors.size() - 1).size();
    }

    /** The first problem, a note that nothing is anchored, or {@code "ok"}. */
    public String summary() {
        if (!problems.isEmpty()) {
            return problems.get(0);
        }
        return anchors.isEmpty() ? "log " + logId.hex() + " has no anchor on " + target : "ok";
    }
}
