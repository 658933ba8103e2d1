package io.datanet.provenance.ledger;

import java.util.List;
import java.util.OptionalLong;

/**
 * The outcome of {@link Ledger#verify}: every record hash, the tree, every checkpoint signature and
 * root, and the consistency of successive checkpoints.
 *
 * @param entries      records checked
 * @param checkpoints  signed checkpoints checked
 * @param problems     what failed, first failure first; empty when the ledger verifies
 * @param firstBadEntry the index of the first entry at fault, when an entry can be named
 */
public record VerificationReport(long entries, long checkpoints, List<String> problems, OptionalLong firstBadEntry) {
    /** Copies the list. */
    public VerificationReport {
        problems = List.copyOf(problems);
    }

    /** True when nothing failed. */
    public boolean ok() {
        return problems.isEmpty();
    }

    /** The first problem, or {@code "ok"}. */
    public String summary() {
        return problems.isEmpty() ? "ok" : problems.get(0);
    }
}
