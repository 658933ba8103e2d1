package io.datanet.provenance.cli;

import static io.datanet.provenance.cli.CliRunner.on;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerOptions;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lineage}, {@code uses} and {@code diff} on a small hand-built ledger: base@1 (iris, wine) is
 * fine-tuned into tuned@1 (text), which is fine-tuned into tuned@2 (no DataNets of its own); other@1 trains
 * on iris alone.
 */
class LineageUsesAndDiffCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path dir;
    CanonicalRecord base;
    CanonicalRecord tuned1;
    CanonicalRecord tuned2;
    CanonicalRecord other;

    @BeforeEach
    void ledger() {
        dir = tmp.resolve("ledger");
        base = CanonicalRecord.of(SampleRecords.record("base", "1", null, "iris", "wine"));
        tuned1 = CanonicalRecord.of(SampleRecords.record("tuned", "1", base.idHex(), "text"));
        tuned2 = CanonicalRecord.of(SampleRecords.record("tuned", "2", tuned1.idHex()));
        other = CanonicalRecord.of(SampleRecords.record("other", "1", null, "iris"));
        try (Ledger ledger = Ledger.open(dir, LedgerOptions.defaults().withCheckpointOnClose(false))) {
            ledger.appendAll(List.of(base, tuned1, tuned2, other));
        }
    }

    private static JsonNode json(CliRunner.Result r) throws Exception {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).as("one JSON document on one line").hasSize(1);
        return JSON.readTree(r.stdout());
    }

    @Test
    void lineagePrintsEveryModelOfTheChainWithItsDataNets() {
        CliRunner.Result r = on(dir, "lineage", "tuned@2");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).isEmpty();
        List<String> lines = r.outLines();
        assertThat(lines.get(0)).isEqualTo("lineage of tuned@2: 2 fine-tune ancestors, 3 DataNet versions");
        assertThat(lines.get(1)).isEqualTo("[0] tuned@2  " + tuned2.idHex().substring(0, 12) + "  index 2");
        assertThat(lines.get(2)).isEqualTo("      no DataNets of its own");
        assertThat(lines.get(3)).isEqualTo("[1] tuned@1  " + tuned1.idHex().substring(0, 12) + "  index 1  base of [0]");
        assertThat(lines.get(4)).isEqualTo("      text@" + SampleRecords.digestOf("version text") + "  weight 0.5  CC-BY-4.0");
        assertThat(lines.get(5)).isEqualTo("        partitions test 0.2 (200), train 0.8 (800)  observed 1600 samples "
                + "in 50 batches over 2 epochs");
        assertThat(lines.get(6)).isEqualTo("[2] base@1  " + base.idHex().substring(0, 12)
                + "  index 0  base of [1]  trained from scratch");
        assertThat(lines).contains("DataNets:", "  iris@" + SampleRecords.digestOf("version iris") + "  trained on by "
                + base.idHex().substring(0, 12));
    }

    @Test
    void lineageJsonNamesEveryAncestorAndDataNetVersion() throws Exception {
        JsonNode doc = json(on(dir, "lineage", "tuned@2", "--json"));
        assertThat(doc.get("model").get("id").asText()).isEqualTo(tuned2.idHex());
        assertThat(doc.get("ancestors")).extracting(n -> n.get("id").asText()).containsExactly(tuned1.idHex(), base.idHex());
        assertThat(doc.get("ancestors").get(1).get("datanets")).extracting(n -> n.get("id").asText())
                .containsExactly("iris", "wine");
        JsonNode iris = doc.get("ancestors").get(1).get("datanets").get(0);
        assertThat(iris.get("weight").asText()).isEqualTo("0.5");
        assertThat(iris.get("partitions").get(1).get("fraction").asText()).isEqualTo("0.8");
        assertThat(iris.get("samplesObserved").asLong()).isEqualTo(1600);
        assertThat(doc.get("complete").asBoolean()).isTrue();
        assertThat(doc.get("datanets")).extracting(n -> n.get("id").asText()).containsExactly("iris", "text", "wine");
    }

    @Test
    void lineageDotAndHtmlDrawTheGraph() throws Exception {
        CliRunner.Result dot = on(dir, "lineage", "tuned@2", "--dot");
        assertThat(dot.exitCode()).as(dot.toString()).isZero();
        assertThat(dot.out()).startsWith("digraph lineage {\n").endsWith("}\n")
                .contains("\"m:" + base.idHex() + "\" -> \"m:" + tuned1.idHex() + "\" [label=\"fine-tune\"");

        Path page = tmp.resolve("lineage.html");
        CliRunner.Result html = on(dir, "lineage", base.idHex().substring(0, 10), "--html", page.toString());
        assertThat(html.exitCode()).as(html.toString()).isZero();
        assertThat(html.out()).isEqualTo("lineage of base@1: " + page + "\n");
        assertThat(Files.readString(page, UTF_8)).startsWith("<!DOCTYPE html>").contains("data-record-id=\"" + base.idHex());
    }

    @Test
    void usesFollowsFineTunesAndPagesThroughEveryAnswerOnce() throws Exception {
        CliRunner.Result text = on(dir, "uses", "iris");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.outLines()).containsExactly(
                base.idHex().substring(0, 12) + "  base@1  index 0  direct " + SampleRecords.digestOf("version iris").hex()
                        .substring(0, 12),
                tuned1.idHex().substring(0, 12) + "  tuned@1  index 1  through " + base.idHex().substring(0, 12),
                tuned2.idHex().substring(0, 12) + "  tuned@2  index 2  through " + base.idHex().substring(0, 12),
                other.idHex().substring(0, 12) + "  other@1  index 3  direct " + SampleRecords.digestOf("version iris").hex()
                        .substring(0, 12));

        List<String> paged = new ArrayList<>();
        String token = null;
        do {
            JsonNode doc = token == null ? json(on(dir, "uses", "iris", "--page-size", "1", "--json"))
                    : json(on(dir, "uses", "iris", "--page-size", "1", "--page", token, "--json"));
            assertThat(doc.get("uses")).hasSize(1);
            paged.add(doc.get("uses").get(0).get("id").asText());
            token = doc.get("nextPageToken").isNull() ? null : doc.get("nextPageToken").asText();
        } while (token != null);
        assertThat(paged).containsExactly(base.idHex(), tuned1.idHex(), tuned2.idHex(), other.idHex());

        CliRunner.Result first = on(dir, "uses", "iris", "--page-size", "3");
        assertThat(first.outLines()).hasSize(4).last().asString().startsWith("next page: provenance uses iris "
                + "--page-size 3 --page ");

        JsonNode text1 = json(on(dir, "uses", "text@" + SampleRecords.digestOf("version text"), "--json"));
        assertThat(text1.get("version").asText()).isEqualTo(SampleRecords.digestOf("version text").toString());
        assertThat(text1.get("uses")).extracting(n -> n.get("model").asText()).containsExactly("tuned@1", "tuned@2");
        assertThat(json(on(dir, "uses", "text@" + SampleRecords.digestOf("other").hex(), "--json")).get("uses")).isEmpty();
    }

    @Test
    void diffPrintsOneLinePerChangedField() throws Exception {
        CliRunner.Result r = on(dir, "diff", "base@1", "other@1");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).containsExactly(
                "a  base@1  " + base.idHex().substring(0, 12) + "  index 0",
                "b  other@1  " + other.idHex().substring(0, 12) + "  index 3",
                "~ /config/digest: " + SampleRecords.digestOf("config base") + " -> " + SampleRecords.digestOf("config other"),
                "- /datanets/wine: wine@" + SampleRecords.digestOf("version wine") + "  weight 0.5",
                "~ /model/name: base -> other",
                "~ /model/weights/digest: " + SampleRecords.digestOf("weights base@1") + " -> "
                        + SampleRecords.digestOf("weights other@1"));
        assertThat(r.outLines()).filteredOn(l -> l.startsWith("~ /datanets/iris")).isEmpty();

        JsonNode doc = json(on(dir, "diff", "tuned@1", "tuned@2", "--json"));
        assertThat(doc.get("identical").asBoolean()).isFalse();
        assertThat(doc.get("changes")).extracting(n -> n.get("path").asText(), n -> n.get("kind").asText())
                .containsExactly(tuple("/datanets/text", "REMOVED"), tuple("/model/parent", "CHANGED"),
                        tuple("/model/version", "CHANGED"), tuple("/model/weights/digest", "CHANGED"));
        assertThat(json(on(dir, "diff", "base@1", base.idHex(), "--json")).get("identical").asBoolean()).isTrue();
        assertThat(on(dir, "diff", "base@1", "base@1").outLines()).contains("no differences (run ids and times are not compared)");
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        for (String[] args : List.of(
                new String[] {"lineage", "nothing@1"},
                new String[] {"lineage", "tuned@2", "--dot", "--json"},
                new String[] {"uses", "iris", "--page-size", "0"},
                new String[] {"uses", "iris", "--page", "bogus"},
                new String[] {"uses", "iris@sha256:1234"},
                new String[] {"diff", "base@1", "nothing@1"},
                new String[] {"diff", "base@1"})) {
            CliRunner.Result r = on(dir, args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.out()).as(r.toString()).isEmpty();
            assertThat(r.errLines()).as(r.toString()).hasSize(1);
            assertThat(r.errLine()).startsWith("provenance: ");
        }
        CliRunner.Result missing = CliRunner.run("lineage", "base@1", "--ledger", tmp.resolve("nowhere").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLine()).contains("no such ledger directory");
    }
}
