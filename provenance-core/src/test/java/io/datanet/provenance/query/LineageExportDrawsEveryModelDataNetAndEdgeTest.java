package io.datanet.provenance.query;

import static io.datanet.provenance.query.TestModels.model;
import static io.datanet.provenance.query.TestModels.version;
import static org.assertj.core.api.Assertions.assertThat;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerOptions;
import io.datanet.provenance.record.CanonicalRecord;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageExportDrawsEveryModelDataNetAndEdgeTest {
    /** A DOT statement: a quoted id, optionally "-> quoted id", then an attribute list. */
    private static final Pattern STATEMENT = Pattern.compile(
            "^\\s*(\"(?:[^\"\\\\]|\\\\.)*\")(?:\\s*->\\s*(\"(?:[^\"\\\\]|\\\\.)*\"))?\\s*\\[(.*)]\\s*;\\s*$");
    private static final Pattern LABEL = Pattern.compile("label=(\"(?:[^\"\\\\]|\\\\.)*\")");

    @TempDir
    Path dir;
    Ledger ledger;
    ModelZoo zoo;
    LineageQueries queries;

    @BeforeEach
    void open() {
        ledger = Ledger.open(dir, LedgerOptions.defaults().withCheckpointOnClose(false));
        zoo = new ModelZoo(ledger);
        queries = LineageQueries.on(ledger);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void dotHasOneNodePerModelAndDataNetVersionAndAnEdgePerFineTuneAndUse() {
        Dot dot = Dot.parse(LineageExport.toDot(queries.lineage("deep@5")));

        String[] models = {"deep5", "deep4", "deep3", "base-ft2", "base-ft1", "base"};
        Set<String> expectedNodes = new LinkedHashSet<>();
        for (String m : models) {
            expectedNodes.add("m:" + zoo.id(m));
        }
        for (String dn : new String[] {"digits@v1", "iris@v1", "iris@v2", "text@v1", "wine@v1"}) {
            String[] p = dn.split("@");
            expectedNodes.add("d:" + p[0] + "@" + version(p[0], p[1]));
        }
        assertThat(dot.nodes.keySet()).containsExactlyInAnyOrderElementsOf(expectedNodes);
        assertThat(dot.nodes.get("m:" + zoo.id("deep5"))).startsWith("deep@5\\n");

        Set<String> expectedEdges = new LinkedHashSet<>();
        for (int i = 0; i + 1 < models.length; i++) {
            expectedEdges.add("m:" + zoo.id(models[i + 1]) + " -> m:" + zoo.id(models[i]) + " fine-tune");
        }
        expectedEdges.add(use("text", "v1", "deep5", "1"));
        expectedEdges.add(use("text", "v1", "deep4", "0.3"));
        expectedEdges.add(use("wine", "v1", "deep4", "0.7"));
        expectedEdges.add(use("digits", "v1", "deep3", "1"));
        expectedEdges.add(use("iris", "v2", "base-ft2", "1"));
        expectedEdges.add(use("text", "v1", "base-ft1", "1"));
        expectedEdges.add(use("iris", "v1", "base", "0.6"));
        expectedEdges.add(use("wine", "v1", "base", "0.4"));
        assertThat(dot.edges).containsExactlyInAnyOrderElementsOf(expectedEdges);
    }

    @Test
    void anIncompleteLineageShowsTheMissingParentAsItsOwnNode() {
        CanonicalRecord elsewhere = model("elsewhere", "1").build();
        ledger.append(model("orphan", "1").parent(elsewhere).on("wine", "v1", "1").build());
        Lineage lineage = queries.lineage("orphan@1");

        Dot dot = Dot.parse(LineageExport.toDot(lineage));
        assertThat(dot.nodes).containsKey("m:" + elsewhere.idHex());
        assertThat(dot.nodes.get("m:" + elsewhere.idHex())).startsWith("missing record");
        assertThat(dot.edges).contains("m:" + elsewhere.idHex() + " -> m:" + lineage.model().recordId() + " fine-tune");
        assertThat(LineageExport.toHtml(lineage)).contains("incomplete").contains("model missing");
    }

    @Test
    void namesThatLookLikeMarkupOrDotSyntaxStayText() {
        String evil = "x\"];<script>alert(1)</script>{{SVG}}";
        ledger.append(model(evil, "1").on("</script><b>", "v1", "1").build());
        Lineage lineage = queries.lineage(evil + "@1");

        Dot dot = Dot.parse(LineageExport.toDot(lineage));
        assertThat(dot.nodes).hasSize(2);
        assertThat(dot.nodes.get("m:" + lineage.model().recordId())).startsWith("x\"];<script>alert(1)</script>{{SVG}}@1\\n#");

        String html = LineageExport.toHtml(lineage);
        assertThat(html).doesNotContain("<script>alert").doesNotContain("</script><b>");
        assertThat(html.split("<script", -1)).hasSize(3); // the data block and the page's own script, nothing else
        assertThat(html.split("<svg", -1)).hasSize(2); // a name spelling a placeholder is not filled in
    }

    @Test
    void theHtmlPageIsSelfContained() {
        String html = LineageExport.toHtml(queries.lineage("deep@5"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("Content-Security-Policy").contains("default-src 'none'");
        // no network: the only URL is the SVG namespace name, which is never fetched
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:").doesNotContain("https:")
                .doesNotContain(" src=").doesNotContain("<link").doesNotContain("@import");
        for (String m : new String[] {"deep5", "deep4", "deep3", "base-ft2", "base-ft1", "base"}) {
            assertThat(html).contains("data-record-id=\"" + zoo.id(m) + "\"");
            assertThat(html).contains(zoo.entries.get(m).record().json().replace("\"", "\\\""));
        }
        assertThat(LineageExport.toHtml(queries.lineage("deep@5"))).isEqualTo(html);
    }

    private String use(String dn, String label, String model, String weight) {
        return "d:" + dn + "@" + version(dn, label) + " -> m:" + zoo.id(model) + " weight " + weight;
    }

    /** Just enough of DOT to check our output: one statement per line inside one digraph. */
    private static final class Dot {
        final Map<String, String> nodes = new LinkedHashMap<>();
        final Set<String> edges = new LinkedHashSet<>();

        static Dot parse(String text) {
            String[] lines = text.split("\n");
            assertThat(lines[0]).isEqualTo("digraph lineage {");
            assertThat(lines[lines.length - 1]).isEqualTo("}");
            Dot dot = new Dot();
            for (int i = 1; i < lines.length - 1; i++) {
                String line = lines[i];
                if (line.matches("\\s*(graph|node|edge) \\[.*];")) {
                    continue;
                }
                Matcher m = STATEMENT.matcher(line);
                assertThat(m.matches()).as("a DOT node or edge statement: %s", line).isTrue();
                Matcher label = LABEL.matcher(m.group(3));
                assertThat(label.find()).as("a label in %s", line).isTrue();
                String from = unquote(m.group(1));
                if (m.group(2) == null) {
                    assertThat(dot.nodes.put(from, unquote(label.group(1)))).as("node %s once", from).isNull();
                } else {
                    String to = unquote(m.group(2));
                    assertThat(dot.nodes).as("edge from a declared node").containsKey(from);
                    assertThat(dot.nodes).as("edge to a declared node").containsKey(to);
                    assertThat(dot.edges.add(from + " -> " + to + " " + unquote(label.group(1)))).isTrue();
                }
            }
            return dot;
        }

        private static String unquote(String quoted) {
            return quoted.substring(1, quoted.length() - 1).replace("\\\"", "\"");
        }
    }
}
