package io.datanet.provenance.query;

import java.util.Objects;

/**
 * Pictures of a lineage: Graphviz DOT, and a self-contained HTML page.
 *
 * <p>Both show the same graph: every model version of the lineage (the model asked about and its base
 * models through fine-tunes), every DataNet version they trained on directly with its declared weight on
 * the edge, and the fine-tune edges from each base model to the model tuned from it. A parent that the
 * ledger does not hold appears as a dashed "missing record" node, so an incomplete lineage never looks
 * complete. The output is a pure function of the lineage.
 */
public final class LineageExport {
    private LineageExport() {}

    /**
     * The lineage as a Graphviz {@code digraph}: model nodes ({@code "m:<record id>"}, boxes), DataNet
     * nodes ({@code "d:<id>@sha256:<version>"}, ellipses), edges from DataNets to the models trained on
     * them (labelled {@code weight <w>}) and from base models to their fine-tunes (labelled
     * {@code fine-tune}).
     */
    public static String toDot(Lineage lineage) {
        Objects.requireNonNull(lineage, "lineage");
        LineageGraph graph = new LineageGraph(lineage);
        StringBuilder out = new StringBuilder();
        out.append("digraph lineage {\n");
        out.append("  graph [rankdir=LR, labelloc=t, label=").append(quote("Lineage of "
                + lineage.model().modelRef())).append("];\n");
        out.append("  node [fontname=\"Helvetica\", fontsize=11];\n");
        out.append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
        for (LineageGraph.Node n : graph.nodes) {
            String attrs = switch (n.kind()) {
                case MODEL -> "shape=box, style=\"rounded,filled\", fillcolor=\"#dbe8ff\""
                        + (n.model().depth() == 0 ? ", penwidth=2" : "");
                case MISSING_MODEL -> "shape=box, style=\"rounded,dashed\"";
                case DATANET -> "shape=ellipse, style=filled, fillcolor=\"#e3f4e6\"";
            };
            out.append("  ").append(quote(n.key())).append(" [").append(attrs).append(", label=")
                    .append(quote(n.title() + "\n" + n.subtitle())).append("];\n");
        }
        for (LineageGraph.Edge e : graph.edges) {
            out.append("  ").append(quote(e.from())).append(" -> ").append(quote(e.to())).append(" [label=")
                    .append(quote(e.label())).append(e.fineTune() ? ", style=bold" : "").append("];\n");
        }
        out.append("}\n");
        return out.toString();
    }

    /**
     * The lineage as one self-contained HTML page (inline CSS, script and SVG; a content security policy
     * that forbids every network fetch). Clicking a node, or pressing Enter on it, shows its record: for a
     * model its id, log index, parent and exact canonical JSON (the page checks in the browser that the
     * SHA-256 of the embedded bytes is the record id), for a DataNet version its licence, weight,
     * partitions and observed counts in every model that trained on it.
     */
    public static String toHtml(Lineage lineage) {
        Objects.requireNonNull(lineage, "lineage");
        return LineagePage.render(lineage, new LineageGraph(lineage));
    }

    /** A DOT quoted string. */
    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
