package io.datanet.provenance.query;

import io.datanet.provenance.record.DataNetUse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lineage as a laid-out graph, shared by the DOT and HTML exports. Models stand in one row, the oldest
 * base model on the left and the model asked about on the right, joined by fine-tune edges; each DataNet
 * version stands in a column below the oldest model that trained on it, with an edge (labelled with the
 * declared weight) to every model of the lineage that trained on it. A parent the ledger lacks is drawn
 * as a dashed "missing" model.
 *
 * <p>Edges are routed so that none passes through a box: a DataNet feeds the model above it through the
 * gutter left of their column; a DataNet that a later model also trained on leaves by its right side,
 * drops to its own lane below all DataNets, runs right, and climbs that model's gutter.
 */
final class LineageGraph {
    static final int MARGIN = 44;
    static final int COLUMN = 250;
    static final int BOX_WIDTH = 190;
    static final int MODEL_HEIGHT = 58;
    static final int DATANET_HEIGHT = 50;
    static final int ROW = 68;
    static final int FIRST_DATANET_Y = MARGIN + MODEL_HEIGHT + 64;
    static final int LANE = 12;

    enum Kind { MODEL, MISSING_MODEL, DATANET }

    /** A box: its key (unique in the graph), what it stands for and where it is drawn. */
    record Node(String key, Kind kind, String title, String subtitle, int x, int y, int width, int height,
                LineageNode model, String dataNetId, String version) {
        int centerX() {
            return x + width / 2;
        }
    }

    /**
     * An edge: a fine-tune ({@code from} the base model to the fine-tuned one) or a DataNet trained on. A
     * DataNet edge to a model in another column has a {@code lane} (its row below the DataNets, from 0) and
     * a {@code slot} (how many such edges leave its DataNet before it); both are -1 for other edges.
     */
    record Edge(String from, String to, boolean fineTune, String label, int lane, int slot) {}

    final List<Node> nodes = new ArrayList<>();
    final List<Edge> edges = new ArrayList<>();
    final int width;
    final int height;
    /** The y of lane 0, the first row below every DataNet. */
    final int lanesTop;

    LineageGraph(Lineage lineage) {
        List<LineageNode> oldestFirst = new ArrayList<>(lineage.chain());
        java.util.Collections.reverse(oldestFirst);
        int column = 0;
        if (lineage.unresolvedParent() != null) {
            String id = lineage.unresolvedParent();
            nodes.add(new Node("m:" + id, Kind.MISSING_MODEL, "missing record", shortId(id),
                    x(column++), MARGIN, BOX_WIDTH, MODEL_HEIGHT, null, null, null));
        }
        Map<String, Node> dataNets = new LinkedHashMap<>();
        Map<Integer, Integer> rowsUsed = new HashMap<>();
        Map<String, Integer> slots = new HashMap<>();
        int lanes = 0;
        for (LineageNode model : oldestFirst) {
            int col = column++;
            Node box = new Node("m:" + model.recordId(), Kind.MODEL, model.modelRef(),
                    "#" + model.index() + " · " + shortId(model.recordId()), x(col), MARGIN, BOX_WIDTH,
                    MODEL_HEIGHT, model, null, null);
            nodes.add(box);
            if (model.parent() != null) {
                edges.add(new Edge("m:" + model.parent(), box.key(), true, "fine-tune", -1, -1));
            }
            for (DataNetUse use : model.datanets()) {
                String key = "d:" + use.id() + "@" + use.version();
                Node dn = dataNets.get(key);
                if (dn == null) {
                    int row = rowsUsed.merge(col, 1, Integer::sum) - 1;
                    dn = new Node(key, Kind.DATANET, use.id(), use.version().toString().substring(0, 19) + "…",
                            x(col), FIRST_DATANET_Y + row * ROW, BOX_WIDTH, DATANET_HEIGHT, null, use.id(),
                            use.version().toString());
                    dataNets.put(key, dn);
                }
                String label = "weight " + use.weight().toPlainString();
                if (dn.x() == box.x()) {
                    edges.add(new Edge(key, box.key(), false, label, -1, -1));
                } else {
                    edges.add(new Edge(key, box.key(), false, label, lanes++, slots.merge(key, 1, Integer::sum) - 1));
                }
            }
        }
        nodes.addAll(dataNets.values());
        int rows = rowsUsed.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        width = MARGIN * 2 + (column - 1) * COLUMN + BOX_WIDTH;
        lanesTop = FIRST_DATANET_Y + Math.max(0, rows - 1) * ROW + DATANET_HEIGHT + LANE;
        height = rows == 0 ? MARGIN * 2 + MODEL_HEIGHT : lanesTop + Math.max(0, lanes - 1) * LANE + MARGIN;
    }

    Node node(String key) {
        return nodes.stream().filter(n -> n.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalStateException("edge to unknown node " + key));
    }

    private static int x(int column) {
        return MARGIN + column * COLUMN;
    }

    static String shortId(String recordId) {
        return recordId.substring(0, 12);
    }
}
