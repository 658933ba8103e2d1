package io.datanet.provenance.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.record.DataNetUse;
import io.datanet.provenance.record.ObservedCount;
import io.datanet.provenance.record.PartitionInfo;

/**
 * Query results as JSON, for {@code --json} and other tools. The shapes are a contract: fields are only
 * ever added. Decimals (weights, fractions) and seeds are strings, as in records, so no value loses
 * precision in a JSON reader that uses binary floats; digests are {@code sha256:<hex>}, record ids bare hex.
 */
public final class QueryJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private QueryJson() {}

    /**
     * {@code {"model": node, "ancestors": [node...], "complete": bool, "unresolvedParent": id|null,
     * "datanets": [{"id", "version", "trainedBy": [ids]}]}}; a node is {@code {"index", "id", "model",
     * "name", "version", "depth", "parent", "weights", "datanets": [use...]}} and a use carries the DataNet's
     * id, version, licence, weight, capture mode, partitions and observed counts.
     */
    public static ObjectNode lineage(Lineage lineage) {
        ObjectNode root = F.objectNode();
        root.set("model", node(lineage.model()));
        ArrayNode ancestors = root.putArray("ancestors");
        lineage.ancestors().forEach(a -> ancestors.add(node(a)));
        root.put("complete", lineage.complete());
        root.put("unresolvedParent", lineage.unresolvedParent());
        ArrayNode datanets = root.putArray("datanets");
        for (LineageDataNet d : lineage.dataNets()) {
            ObjectNode dn = datanets.addObject();
            dn.put("id", d.id());
            dn.put("version", d.version().toString());
            d.trainedBy().forEach(dn.putArray("trainedBy")::add);
        }
        return root;
    }

    /**
     * {@code {"datanet", "version": digest|null, "ledgerSize", "uses": [{"index", "id", "model", "direct",
     * "versions": [digests], "through": id|null, "superseded"}], "nextPageToken": token|null}}.
     */
    public static ObjectNode uses(UsesPage page) {
        ObjectNode root = F.objectNode();
        root.put("datanet", page.dataNetId());
        root.put("version", page.version() == null ? null : page.version().toString());
        root.put("ledgerSize", page.ledgerSize());
        ArrayNode uses = root.putArray("uses");
        for (ModelUse u : page.uses()) {
            ObjectNode n = uses.addObject();
            n.put("index", u.index());
            n.put("id", u.recordId());
            n.put("model", u.modelRef());
            n.put("direct", u.direct());
            ArrayNode versions = n.putArray("versions");
            u.directVersions().forEach(v -> versions.add(v.toString()));
            n.put("through", u.through());
            n.put("superseded", u.superseded());
        }
        root.put("nextPageToken", page.nextPageToken());
        return root;
    }

    /**
     * {@code {"a": {"index", "id", "model"}, "b": {...}, "identical": bool, "changes": [{"path", "kind",
     * "before", "after"}]}}; {@code before} is null for an added field, {@code after} for a removed one.
     */
    public static ObjectNode diff(ModelDiff diff) {
        ObjectNode root = F.objectNode();
        root.set("a", side(diff.a()));
        root.set("b", side(diff.b()));
        root.put("identical", diff.identical());
        ArrayNode changes = root.putArray("changes");
        for (FieldChange c : diff.changes()) {
            ObjectNode n = changes.addObject();
            n.put("path", c.path());
            n.put("kind", c.kind().name());
            n.put("before", c.before());
            n.put("after", c.after());
        }
        return root;
    }

    private static ObjectNode side(LedgerEntry e) {
        ObjectNode n = F.objectNode();
        n.put("index", e.index());
        n.put("id", e.id());
        n.put("model", e.record().record().model().ref());
        return n;
    }

    private static ObjectNode node(LineageNode node) {
        ObjectNode n = F.objectNode();
        n.put("index", node.index());
        n.put("id", node.recordId());
        n.put("model", node.modelRef());
        n.put("name", node.record().model().name());
        n.put("version", node.record().model().version());
        n.put("depth", node.depth());
        n.put("parent", node.parent());
        n.put("weights", node.record().model().weights() == null ? null
                : node.record().model().weights().value().toString());
        ArrayNode datanets = n.putArray("datanets");
        node.datanets().forEach(d -> datanets.add(use(d)));
        return n;
    }

    private static ObjectNode use(DataNetUse d) {
        ObjectNode n = F.objectNode();
        n.put("id", d.id());
        n.put("version", d.version().toString());
        n.put("license", d.license().spdx());
        n.put("weight", d.weight().toPlainString());
        n.put("capture", d.capture().name());
        ArrayNode partitions = n.putArray("partitions");
        for (PartitionInfo p : d.partitions()) {
            ObjectNode pn = partitions.addObject();
            pn.put("name", p.name());
            pn.put("fraction", p.fraction().toPlainString());
            pn.put("seed", Long.toString(p.seed()));
            pn.put("members", p.members());
            pn.put("membershipDigest", p.membershipDigest().toString());
        }
        ArrayNode observed = n.putArray("observed");
        for (ObservedCount o : d.observed()) {
            ObjectNode on = observed.addObject();
            on.put("partition", o.partition());
            on.put("epoch", o.epoch());
            on.put("samples", o.samples());
            on.put("batches", o.batches());
        }
        n.put("samplesObserved", d.samplesObserved());
        return n;
    }
}
