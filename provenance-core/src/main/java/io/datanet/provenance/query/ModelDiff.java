package io.datanet.provenance.query;

import io.datanet.provenance.ledger.LedgerEntry;
import java.util.List;
import java.util.Objects;

/**
 * What changed between two model versions' records: DataNets added or removed, their versions, licences,
 * weights, partitions and observed counts, the configuration digest, hyperparameters and seed, the
 * fine-tune parent, the model's weights digest, framework and policy verdict. Run ids and run times are
 * left out: they differ between any two runs and say nothing about what the model learnt from.
 *
 * @param a       the first record
 * @param b       the second record
 * @param changes every differing field, sorted by {@link FieldChange#path()}; empty when the two records
 *                agree on everything compared
 */
public record ModelDiff(LedgerEntry a, LedgerEntry b, List<FieldChange> changes) {
    /** Validates and copies the fields. */
    public ModelDiff {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        changes = List.copyOf(changes);
    }

    /** True when nothing compared differs. */
    public boolean identical() {
        return changes.isEmpty();
    }

    /** The changes at or below a JSON Pointer, e.g. {@code /datanets/iris}. */
    public List<FieldChange> changesUnder(String pointer) {
        return changes.stream()
                .filter(c -> c.path().equals(pointer) || c.path().startsWith(pointer + "/"))
                .toList();
    }
}
