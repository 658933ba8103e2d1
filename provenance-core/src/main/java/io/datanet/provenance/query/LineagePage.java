package io.datanet.provenance.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datanet.provenance.canonical.CanonicalJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Renders a lineage graph into the self-contained HTML page ({@code lineage-page.html} is the template). */
final class LineagePage {
    private static final String TEMPLATE = loadTemplate();
    /** Characters of a title that fit a box in the page's bold 13 px font. */
    private static final int TITLE_CHARS = 24;

    private LineagePage() {}

    static String render(Lineage lineage, LineageGraph graph) {
        String title = lineage.model().modelRef();
        String summary = (lineage.chain().size() - 1) + " fine-tune ancestor"
                + (lineage.chain().size() == 2 ? "" : "s") + ", " + lineage.dataNets().size() + " DataNet version"
                + (lineage.dataNets().size() == 1 ? "" : "s")
                + (lineage.complete() ? "" : " — incomplete: the ledger lacks record " + lineage.unresolvedParent());
        return fill(Map.of("TITLE", xml(title), "SUMMARY", xml(summary), "SVG", svg(lineage, graph),
                "DATA", data(lineage)));
    }

    /** Replaces each {@code {{NAME}}} of the template in one pass, so values are never scanned for names. */
    private static String fill(Map<String, String> values) {
        StringBuilder out = new StringBuilder(TEMPLATE.length() * 2);
        int at = 0;
        while (true) {
            int open = TEMPLATE.indexOf("{{", at);
            if (open < 0) {
                return out.append(TEMPLATE, at, TEMPLATE.length()).toString();
            }
            int close = TEMPLATE.indexOf("}}", open);
            String value = values.get(TEMPLATE.substring(open + 2, close));
            if (value == null) {
                throw new IllegalStateException("lineage-page.html names an unknown value at " + open);
            }
            out.append(TEMPLATE, at, open).append(value);
            at = close + 2;
        }
    }

    private static String svg(Lineage lineage, LineageGraph g) {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"lineage-graph\" width=\"").append(g.width)
                .append("\" height=\"").append(g.height).append("\" viewBox=\"0 0 ").append(g.width).append(' ')
                .append(g.height).append("\" role=\"group\" aria-label=\"").append(xml("lineage of "
                        + lineage.model().modelRef())).append("\">\n");
        s.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
                + "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>\n");
        s.append("<g class=\"edges\">\n");
        for (LineageGraph.Edge e : g.edges) {
            edge(s, g.node(e.from()), g.node(e.to()), e, g.lanesTop);
        }
        s.append("</g>\n<g class=\"nodes\">\n");
        for (LineageGraph.Node n : g.nodes) {
            node(s, n);
        }
        s.append("</g>\n</svg>");
        return s.toString();
    }

    private static void edge(StringBuilder s, LineageGraph.Node from, LineageGraph.Node to, LineageGraph.Edge e,
                             int lanesTop) {
        String path;
        int lx;
        int ly;
        String anchor = "middle";
        if (e.fineTune()) {
            int y = from.y() + from.height() / 2;
            path = "M" + (from.x() + from.width()) + " " + y + " H" + (to.x() - 2);
            lx = (from.x() + from.width() + to.x()) / 2;
            ly = y - 8;
        } else if (e.lane() < 0) {
            // up the gutter left of the column into the model's bottom
            int cy = from.y() + from.height() / 2;
            int bottom = to.y() + to.height();
            path = "M" + from.x() + " " + cy + " H" + (to.x() - 16) + " V" + (bottom + 18) + " L"
                    + (to.x() + 18) + " " + (bottom + 2);
            lx = from.x() - 20;
            ly = cy - 5;
            anchor = "end";
        } else {
            // out of the right side, down to its lane, across, and up the model's gutter
            int cy = from.y() + from.height() / 2 - 6 + 12 * e.slot();
            int out = from.x() + from.width() + 10 + 4 * e.slot();
            int lane = lanesTop + LineageGraph.LANE * e.lane();
            int bottom = to.y() + to.height();
            path = "M" + (from.x() + from.width()) + " " + cy + " H" + out + " V" + lane + " H" + (to.x() - 16)
                    + " V" + (bottom + 18) + " L" + (to.x() + 18) + " " + (bottom + 2);
            lx = from.x() + from.width() + 3;
            ly = cy - 4;
            anchor = "start";
        }
        String cls = e.fineTune() ? "edge fine-tune" : "edge trained-on";
        s.append("<g class=\"").append(cls).append("\" data-from=\"").append(xml(e.from())).append("\" data-to=\"")
                .append(xml(e.to())).append("\"><path d=\"").append(path).append("\" marker-end=\"url(#arrow)\"/>")
                .append("<text x=\"").append(lx).append("\" y=\"").append(ly).append("\" text-anchor=\"")
                .append(anchor).append("\">").append(xml(e.fineTune() ? e.label() : e.label().replace("weight ", "")))
                .append("</text></g>\n");
    }

    private static void node(StringBuilder s, LineageGraph.Node n) {
        String kind = switch (n.kind()) {
            case MODEL -> n.model().depth() == 0 ? "model subject" : "model";
            case MISSING_MODEL -> "model missing";
            case DATANET -> "datanet";
        };
        s.append("<g class=\"node ").append(kind).append("\" data-node=\"").append(xml(n.key())).append('"');
        if (n.model() != null) {
            s.append(" data-record-id=\"").append(n.model().recordId()).append('"');
        }
        if (n.dataNetId() != null) {
            s.append(" data-datanet-id=\"").append(xml(n.dataNetId())).append("\" data-version=\"")
                    .append(n.version()).append('"');
        }
        s.append(" tabindex=\"0\" role=\"button\"><title>").append(xml(n.title() + " — " + n.subtitle()))
                .append("</title>");
        s.append("<rect x=\"").append(n.x()).append("\" y=\"").append(n.y()).append("\" width=\"").append(n.width())
                .append("\" height=\"").append(n.height()).append("\" rx=\"8\"/>");
        int cx = n.centerX();
        s.append("<text class=\"title\" x=\"").append(cx).append("\" y=\"").append(n.y() + n.height() / 2 - 3)
                .append("\" text-anchor=\"middle\">").append(xml(fit(n))).append("</text>");
        s.append("<text class=\"sub\" x=\"").append(cx).append("\" y=\"").append(n.y() + n.height() / 2 + 14)
                .append("\" text-anchor=\"middle\">").append(xml(n.subtitle())).append("</text></g>\n");
    }

    /** Model records keyed by id with their exact canonical text, for the details panel and its id check. */
    private static String data(Lineage lineage) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("model", lineage.model().recordId());
        if (lineage.unresolvedParent() != null) {
            root.put("missing", lineage.unresolvedParent());
        }
        ObjectNode records = root.putObject("records");
        for (LineageNode n : lineage.chain()) {
            ObjectNode r = records.putObject(n.recordId());
            r.put("ref", n.modelRef());
            r.put("index", n.index());
            r.put("depth", n.depth());
            r.put("canonical", n.entry().record().json());
        }
        try {
            // safe inside <script type="application/json">: no '<', '>' or '&' survives outside an escape
            return CanonicalJson.mapper().writeValueAsString(root)
                    .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                    .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lineage data could not be written as JSON", e);
        }
    }

    /** The box's title within {@link #TITLE_CHARS}; a model keeps its version, the name gives way first. */
    private static String fit(LineageGraph.Node n) {
        if (n.model() == null || n.title().length() <= TITLE_CHARS) {
            return ellipsize(n.title(), TITLE_CHARS);
        }
        String version = "@" + ellipsize(n.model().record().model().version(), TITLE_CHARS / 2);
        return ellipsize(n.model().record().model().name(), TITLE_CHARS - version.length()) + version;
    }

    private static String ellipsize(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** Escapes text for XML/HTML content and double-quoted attributes. */
    static String xml(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String loadTemplate() {
        try (InputStream in = LineagePage.class.getResourceAsStream("lineage-page.html")) {
            if (in == null) {
                throw new IllegalStateException("lineage-page.html is missing from the provenance-core jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading lineage-page.html from the provenance-core jar", e);
        }
    }
}
