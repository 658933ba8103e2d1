package io.datanet.provenance.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datanet.provenance.canonical.CanonicalJson;
import io.datanet.provenance.record.CanonicalRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Field-by-field comparison of two records. Each record's canonical JSON is reshaped so that everything
 * identified by a name is keyed by it (DataNets by id, partitions by name, observed counts by partition
 * and epoch), then the two trees are compared: an added or removed key is one change carrying the whole
 * subtree, a differing leaf (or list of strings) is one change.
 */
final class RecordDiff {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private RecordDiff() {}

    static List<FieldChange> between(CanonicalRecord a, CanonicalRecord b) {
        Set<String> multiVersion = new HashSet<>();
        multiVersion.addAll(idsUsedAtSeveralVersions(a));
        multiVersion.addAll(idsUsedAtSeveralVersions(b));
        List<FieldChange> out = new ArrayList<>();
        compare("", reshape(a, multiVersion), reshape(b, multiVersion), out);
        return out;
    }

    private static Set<String> idsUsedAtSeveralVersions(CanonicalRecord r) {
        Map<String, Integer> counts = new HashMap<>();
        r.record().datanets().forEach(d -> counts.merge(d.id(), 1, Integer::sum));
        Set<String> out = new HashSet<>();
        counts.forEach((id, n) -> {
            if (n > 1) {
                out.add(id);
            }
        });
        return out;
    }

    private static ObjectNode reshape(CanonicalRecord r, Set<String> multiVersion) {
        ObjectNode root = (ObjectNode) CanonicalJson.parseStrict(r.bytes(), "record " + r.idHex());
        ObjectNode run = (ObjectNode) root.get("run");
        run.remove(List.of("id", "startedAt", "endedAt"));
        ObjectNode datanets = F.objectNode();
        for (JsonNode d : root.get("datanets")) {
            ObjectNode dn = ((ObjectNode) d).deepCopy();
            String id = dn.get("id").asText();
            String key = multiVersion.contains(id) ? id + "@" + dn.get("version").asText() : id;
            ObjectNode partitions = F.objectNode();
            for (JsonNode p : dn.get("partitions")) {
                ObjectNode pn = ((ObjectNode) p).deepCopy();
                partitions.set(pn.remove("name").asText(), pn);
            }
            dn.set("partitions", partitions);
            ObjectNode observed = F.objectNode();
            for (JsonNode o : dn.get("observed")) {
                ObjectNode on = ((ObjectNode) o).deepCopy();
                String partition = on.remove("partition").asText();
                String epoch = on.remove("epoch").asText();
                ObjectNode byEpoch = observed.has(partition) ? (ObjectNode) observed.get(partition)
                        : observed.putObject(partition);
                byEpoch.set(epoch, on);
            }
            dn.set("observed", observed);
            datanets.set(key, dn);
        }
        root.set("datanets", datanets);
        return root;
    }

    private static void compare(String path, JsonNode a, JsonNode b, List<FieldChange> out) {
        if (a.isObject() && b.isObject()) {
            Set<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = path + "/" + CanonicalJson.escapePointer(name);
                JsonNode x = a.get(name);
                JsonNode y = b.get(name);
                if (x == null) {
                    out.add(new FieldChange(child, FieldChange.Kind.ADDED, null, text(y)));
                } else if (y == null) {
                    out.add(new FieldChange(child, FieldChange.Kind.REMOVED, text(x), null));
                } else {
                    compare(child, x, y, out);
                }
            }
        } else if (!a.equals(b)) {
            out.add(new FieldChange(path, FieldChange.Kind.CHANGED, text(a), text(b)));
        }
    }

    private static String text(JsonNode node) {
        if (node.isValueNode()) {
            return node.asText();
        }
        try {
            return CanonicalJson.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed record subtree could not be written back", e);
        }
    }
}
