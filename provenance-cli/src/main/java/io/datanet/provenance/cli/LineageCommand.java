package io.datanet.provenance.cli;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.query.Lineage;
import io.datanet.provenance.query.LineageDataNet;
import io.datanet.provenance.query.LineageExport;
import io.datanet.provenance.query.LineageNode;
import io.datanet.provenance.query.LineageQueries;
import io.datanet.provenance.query.QueryJson;
import io.datanet.provenance.record.CaptureMode;
import io.datanet.provenance.record.DataNetUse;
import io.datanet.provenance.record.ObservedCount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code provenance lineage MODEL@VERSION}: the model version and every base model it was fine-tuned from,
 * transitively, each with the DataNets it trained on (versions, weights, partitions, observed counts);
 * {@code --dot} prints the graph for Graphviz, {@code --html FILE} writes a self-contained page.
 */
@Command(name = "lineage", description = "DataNets, versions, partitions, weights and observed counts of a model "
        + "version and of every base model it was fine-tuned from, transitively.",
        footer = {"", "--json: {\"model\": node, \"ancestors\": [node...] (nearest first), \"complete\", "
                + "\"unresolvedParent\", \"datanets\": [{\"id\", \"version\", \"trainedBy\": [ids]}]}; a node is "
                + "{\"index\", \"id\", \"model\", \"name\", \"version\", \"depth\", \"parent\", \"weights\", "
                + "\"datanets\": [{\"id\", \"version\", \"license\", \"weight\", \"capture\", \"partitions\", "
                + "\"observed\", \"samplesObserved\"}]}"})
final class LineageCommand implements Callable<Integer> {
    private final CommandContext ctx;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "MODEL@VERSION", description = "model@version (its newest record), "
            + "a record id or an id prefix of at least 8 hex characters")
    String ref;

    @Option(names = "--dot", description = "print the lineage graph in Graphviz DOT")
    boolean dot;

    @Option(names = "--html", paramLabel = "FILE", description = "write the lineage graph as a self-contained "
            + "HTML page (no network); click a node to see its record")
    Path html;

    LineageCommand(CommandContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if ((dot ? 1 : 0) + (html != null ? 1 : 0) + (common.json ? 1 : 0) > 1) {
            throw new ParameterException(spec.commandLine(), "--dot, --html and --json cannot be combined");
        }
        Lineage lineage;
        try (Ledger ledger = ctx.openExisting(common.ledger)) {
            lineage = LineageQueries.on(ledger).lineage(ref);
        }
        if (common.json) {
            ctx.printJson(QueryJson.lineage(lineage));
        } else if (dot) {
            ctx.print(LineageExport.toDot(lineage));
        } else if (html != null) {
            try {
                Files.writeString(html, LineageExport.toHtml(lineage), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ctx.println("lineage of " + lineage.model().modelRef() + ": " + html);
        } else {
            ctx.print(text(lineage));
        }
        return 0;
    }

    /** One block per model, the model asked about first, then the DataNets of the whole lineage. */
    static String text(Lineage lineage) {
        List<String> lines = new ArrayList<>();
        lines.add("lineage of " + lineage.model().modelRef() + ": " + lineage.ancestors().size() + " fine-tune ancestor"
                + (lineage.ancestors().size() == 1 ? "" : "s") + ", " + lineage.dataNets().size() + " DataNet version"
                + (lineage.dataNets().size() == 1 ? "" : "s") + (lineage.complete() ? "" : " (incomplete)"));
        for (LineageNode node : lineage.chain()) {
            String base = node.depth() == 0 ? "" : "  base of [" + (node.depth() - 1) + "]";
            String scratch = node.parent() == null ? "  trained from scratch" : "";
            lines.add("[" + node.depth() + "] " + node.modelRef() + "  " + node.recordId().substring(0, RecordText.PREFIX)
                    + "  index " + node.index() + base + scratch);
            if (node.datanets().isEmpty()) {
                lines.add("      no DataNets of its own");
            }
            for (DataNetUse d : node.datanets()) {
                lines.add("      " + d.id() + "@" + d.version() + "  weight " + d.weight().toPlainString()
                        + "  " + d.license().spdx());
                lines.add("        partitions " + d.partitions().stream()
                        .map(p -> p.name() + " " + p.fraction().toPlainString() + " (" + p.members() + ")")
                        .collect(Collectors.joining(", ")) + "  " + observed(d));
            }
        }
        lineage.missingAncestor().ifPresent(id -> lines.add("[" + lineage.chain().size() + "] missing record " + id
                + "  base of [" + (lineage.chain().size() - 1) + "], not in this ledger: the lineage is incomplete"));
        lines.add("DataNets:");
        for (LineageDataNet d : lineage.dataNets()) {
            lines.add("  " + d.ref() + "  trained on by " + d.trainedBy().stream()
                    .map(id -> id.substring(0, RecordText.PREFIX)).collect(Collectors.joining(", ")));
        }
        return String.join("\n", lines) + "\n";
    }

    private static String observed(DataNetUse d) {
        if (d.capture() == CaptureMode.DECLARED_ONLY) {
            return "observed: declared only";
        }
        long batches = d.observed().stream().mapToLong(ObservedCount::batches).sum();
        long epochs = d.observed().stream().mapToInt(ObservedCount::epoch).distinct().count();
        return "observed " + d.samplesObserved() + " samples in " + batches + " batches over " + epochs + " epoch"
                + (epochs == 1 ? "" : "s");
    }
}
