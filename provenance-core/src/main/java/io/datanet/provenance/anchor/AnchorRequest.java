package io.datanet.provenance.anchor;

import java.util.List;
import java.util.Objects;

/**
 * An anchor to publish, with the facts of the records it adds when the sink publishes them
 * ({@link AnchorSink#publishesRecordFacts()}).
 *
 * @param anchor the log, size and root to anchor
 * @param facts  empty, or the facts of consecutive records ending at index {@code anchor.size() - 1}
 *               (those the target has not anchored yet), in index order (copied)
 */
public record AnchorRequest(Anchor anchor, List<RecordFact> facts) {
    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if the facts are not consecutive or do not end at the anchor's last record
     * @throws NullPointerException     if a field is null
     */
    public AnchorRequest {
        Objects.requireNonNull(anchor, "anchor");
        facts = List.copyOf(facts);
        if (!facts.isEmpty()) {
            long first = facts.get(0).index();
            for (int i = 0; i < facts.size(); i++) {
                if (facts.get(i).index() != first + i) {
                    throw new IllegalArgumentException("record facts must be consecutive: expected index "
                            + (first + i) + ", got " + facts.get(i).index());
                }
            }
            if (first + facts.size() != anchor.size()) {
                throw new IllegalArgumentException("record facts must end at index " + (anchor.size() - 1)
                        + " (the anchor covers " + anchor.size() + " records), they end at "
                        + (first + facts.size() - 1));
            }
        }
    }

    /** A request without record facts (root mode). */
    public static AnchorRequest of(Anchor anchor) {
        return new AnchorRequest(anchor, List.of());
    }
}
