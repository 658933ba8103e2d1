package io.datanet.provenance.query;

import static io.datanet.provenance.query.TestModels.model;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.record.CanonicalRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A hand-built ledger whose every query answer is known:
 *
 * <pre>
 *   base@1      iris@v1 0.6, wine@v1 0.4
 *   other@1     iris@v1 0.5, digits@v1 0.5      (shares iris@v1 with base: a diamond in DataNet space)
 *   base-ft@1   ← base@1,    text@v1 1
 *   base-ft@2   ← base-ft@1, iris@v2 1          (iris again, at another version)
 *   deep@3      ← base-ft@2, digits@v1 1
 *   deep@4      ← deep@3,    wine@v1 0.7, text@v1 0.3
 *   deep@5      ← deep@4,    text@v1 1           (five fine-tunes below base@1)
 *   other-ft@1  ← other@1 (the first run), text@v1 1
 *   solo@1      text@v1 1
 *   other@1     digits@v1 1                      (other@1 re-trained: this newer record wins)
 * </pre>
 */
final class ModelZoo {
    final Map<String, LedgerEntry> entries = new LinkedHashMap<>();

    ModelZoo(Ledger ledger) {
        CanonicalRecord base = add(ledger, "base", model("base", "1").on("iris", "v1", "0.6").on("wine", "v1", "0.4"));
        CanonicalRecord other = add(ledger, "other", model("other", "1").on("iris", "v1", "0.5").on("digits", "v1", "0.5"));
        CanonicalRecord ft1 = add(ledger, "base-ft1", model("base-ft", "1").parent(base).on("text", "v1", "1"));
        CanonicalRecord ft2 = add(ledger, "base-ft2", model("base-ft", "2").parent(ft1).on("iris", "v2", "1"));
        CanonicalRecord deep3 = add(ledger, "deep3", model("deep", "3").parent(ft2).on("digits", "v1", "1"));
        CanonicalRecord deep4 = add(ledger, "deep4", model("deep", "4").parent(deep3).on("wine", "v1", "0.7")
                .on("text", "v1", "0.3"));
        add(ledger, "deep5", model("deep", "5").parent(deep4).on("text", "v1", "1"));
        add(ledger, "other-ft", model("other-ft", "1").parent(other).on("text", "v1", "1"));
        add(ledger, "solo", model("solo", "1").on("text", "v1", "1"));
        add(ledger, "other-retrained", model("other", "1").run("run-other-1-again").on("digits", "v1", "1"));
    }

    private CanonicalRecord add(Ledger ledger, String name, TestModels.Model model) {
        LedgerEntry e = ledger.append(model.build());
        entries.put(name, e);
        return e.record();
    }

    String id(String name) {
        return entries.get(name).id();
    }

    long index(String name) {
        return entries.get(name).index();
    }
}
