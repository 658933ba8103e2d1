package io.datanet.provenance.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.record.DataNetUse;
import io.datanet.provenance.record.ModelInfo;
import io.datanet.provenance.record.ObservedCount;
import io.datanet.provenance.record.PartitionInfo;
import io.datanet.provenance.record.ProvenanceRecord;
import io.datanet.provenance.record.RunStatus;
import io.datanet.provenance.record.Timestamps;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** How records read on a terminal ({@code log} lines, the {@code show} summary) and in {@code log --json}. */
final class RecordText {
    /** Hex characters of ids and DataNet versions shown in {@code log}. */
    static final int PREFIX = 12;

    private RecordText() {}

    /** {@code <id prefix>  <model@version>  <run end>  <datanet@version prefix>, ...} */
    static String logLine(LedgerEntry entry) {
        ProvenanceRecord r = entry.record().record();
        String status = r.run().status() == RunStatus.COMPLETED ? "" : " (" + r.run().status() + ")";
        String datanets = r.datanets().isEmpty() ? "-" : r.datanets().stream()
                .map(d -> d.id() + "@" + d.version().hex().substring(0, PREFIX))
                .collect(Collectors.joining(", "));
        return entry.id().substring(0, PREFIX) + "  " + r.model().ref() + status + "  "
                + Timestamps.format(r.run().endedAt()) + "  " + datanets;
    }

    /** The {@code log --json} object of one entry. */
    static ObjectNode logJson(ObjectNode node, LedgerEntry entry) {
        ProvenanceRecord r = entry.record().record();
        node.put("index", entry.index());
        node.put("id", entry.id());
        node.put("model", r.model().name());
        node.put("version", r.model().version());
        node.put("status", r.run().status().name());
        node.put("endedAt", Timestamps.format(r.run().endedAt()));
        ArrayNode datanets = node.putArray("datanets");
        for (DataNetUse d : r.datanets()) {
            datanets.addObject().put("id", d.id()).put("version", d.version().toString());
        }
        return node;
    }

    /** The readable summary printed by {@code show}. */
    static String summary(LedgerEntry entry) {
        ProvenanceRecord r = entry.record().record();
        ModelInfo m = r.model();
        List<String> lines = new ArrayList<>();
        lines.add("record     " + entry.id());
        lines.add("index      " + entry.index());
        lines.add("model      " + m.ref() + ", " + m.parameterCount() + " parameters");
        if (m.weights() != null) {
            lines.add("weights    " + m.weights().value() + " (" + m.weights().layout() + ", shards of "
                    + m.weights().shardSize() + " bytes)");
        }
        if (m.fileDigest() != null) {
            lines.add("file       " + m.fileDigest());
        }
        if (m.parent() != null) {
            lines.add("parent     " + m.parent());
        }
        lines.add("run        " + r.run().id() + " " + r.run().status() + ", "
                + Timestamps.format(r.run().startedAt()) + " to " + Timestamps.format(r.run().endedAt()));
        lines.add("framework  " + r.framework().name() + " " + r.framework().version() + " (" + r.framework().backend()
                + ")");
        lines.add("config     " + r.config().digest() + ", seed " + r.config().seed());
        r.config().hyperparameters().forEach((k, v) -> lines.add("           " + k + " = " + v));
        lines.add("policy     " + r.policy().verdict() + " for " + r.policy().intendedUse()
                + (r.policy().commercial() ? " (commercial)" : " (non-commercial)"));
        r.policy().reasons().forEach(reason -> lines.add("           " + reason));
        lines.add("datanets   " + (r.datanets().isEmpty() ? "none" : String.valueOf(r.datanets().size())));
        for (DataNetUse d : r.datanets()) {
            lines.add("  " + d.id() + "@" + d.version());
            lines.add("    licence  " + d.license().spdx() + (d.license().commercialUse() ? "" : ", non-commercial")
                    + (d.license().derivativeModels() ? "" : ", no derivative models")
                    + (d.license().attribution() ? ", attribution" : "")
                    + (d.license().shareAlike() ? ", share-alike" : "")
                    + (d.license().prohibitedUses().isEmpty() ? ""
                            : ", prohibits " + String.join(" ", d.license().prohibitedUses())));
            lines.add("    weight   " + d.weight().toPlainString() + ", capture " + d.capture());
            for (PartitionInfo p : d.partitions()) {
                lines.add("    " + p.name() + ": fraction " + p.fraction().toPlainString() + ", " + p.members()
                        + " members, seed " + p.seed());
            }
            for (ObservedCount o : d.observed()) {
                lines.add("    seen " + o.partition() + " epoch " + o.epoch() + ": " + o.samples() + " samples in "
                        + o.batches() + " batches");
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
