package io.datanet.provenance.query;

import io.datanet.provenance.record.DataNetUse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The complete lineage of one model version: its record, and its base models through every fine-tune,
 * transitively, each with the DataNets it trained on directly.
 *
 * <p>{@code chain} starts with the model asked about (depth 0) and follows {@code model.parent} to the
 * model that was trained from scratch. When a parent record id names no record in the ledger, the chain
 * ends at the model that names it and {@link #unresolvedParent()} gives that id: the lineage is then
 * known to be incomplete, never silently cut short.
 *
 * @param chain             the model asked about, then its ancestors, nearest first; depth {@code i} at
 *                          position {@code i}
 * @param unresolvedParent  the parent record id that the ledger does not hold, or null when the chain
 *                          reaches a model trained from scratch
 */
public record Lineage(List<LineageNode> chain, String unresolvedParent) {
    /** Validates and copies the fields. */
    public Lineage {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a lineage holds at least the model asked about");
        }
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).depth() != i) {
                throw new IllegalArgumentException("lineage node " + i + " has depth " + chain.get(i).depth());
            }
        }
    }

    /** The model version asked about. */
    public LineageNode model() {
        return chain.get(0);
    }

    /** Its ancestors through fine-tunes, nearest first; empty for a model trained from scratch. */
    public List<LineageNode> ancestors() {
        return chain.subList(1, chain.size());
    }

    /** True when every ancestor named by a parent link is in the ledger. */
    public boolean complete() {
        return unresolvedParent == null;
    }

    /** The parent record id the ledger does not hold, when the lineage is incomplete. */
    public Optional<String> missingAncestor() {
        return Optional.ofNullable(unresolvedParent);
    }

    /**
     * Every DataNet version the model depends on, directly or through an ancestor, sorted by id then
     * version, each with the records that trained on it.
     */
    public List<LineageDataNet> dataNets() {
        Map<String, List<String>> trainedBy = new LinkedHashMap<>();
        Map<String, DataNetUse> first = new LinkedHashMap<>();
        for (LineageNode node : chain) {
            for (DataNetUse use : node.datanets()) {
                String key = use.id() + "@" + use.version();
                first.putIfAbsent(key, use);
                trainedBy.computeIfAbsent(key, k -> new ArrayList<>()).add(node.recordId());
            }
        }
        List<LineageDataNet> out = new ArrayList<>();
        first.forEach((key, use) -> out.add(new LineageDataNet(use.id(), use.version(), trainedBy.get(key))));
        out.sort(Comparator.comparing(LineageDataNet::id).thenComparing(LineageDataNet::version));
        return List.copyOf(out);
    }
}
