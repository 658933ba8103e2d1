package io.datanet.provenance.query;

import static io.datanet.provenance.query.TestModels.version;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lineage page as a person sees it: rendered by real headless Chromium, every node checked in the
 * screenshot's pixels (not only in the HTML text), then clicked. Screenshots are kept in
 * {@code target/lineage-page/} for a human to look at.
 */
class LineagePageRendersInChromiumTest {
    private static final int[] BACKGROUND = {0xf5, 0xf7, 0xfa};
    private static final Map<String, int[]> FILL = Map.of(
            "model", new int[] {0xdb, 0xe8, 0xff},
            "subject", new int[] {0xb3, 0xcd, 0xfd},
            "datanet", new int[] {0xdf, 0xf3, 0xe3});
    private static final int[] FINE_TUNE_STROKE = {0x3d, 0x5a, 0x80};

    @TempDir
    Path dir;

    @Test
    void everyModelAndDataNetIsVisibleInTheScreenshotAndClickingANodeShowsItsRecord() throws Exception {
        Path out = Path.of("target", "lineage-page");
        Files.createDirectories(out);
        Path page = out.resolve("deep-5.html");
        ModelZoo zoo;
        try (Ledger ledger = Ledger.open(dir.resolve("ledger"), LedgerOptions.defaults().withCheckpointOnClose(false))) {
            zoo = new ModelZoo(ledger);
            Files.writeString(page, LineageExport.toHtml(LineageQueries.on(ledger).lineage("deep@5")),
                    StandardCharsets.UTF_8);
        }
        List<String> chain = List.of("base", "base-ft1", "base-ft2", "deep3", "deep4", "deep5");
        Set<String> expectedNodes = new HashSet<>();
        chain.forEach(m -> expectedNodes.add("m:" + zoo.id(m)));
        for (String dn : List.of("digits@v1", "iris@v1", "iris@v2", "text@v1", "wine@v1")) {
            String[] p = dn.split("@");
            expectedNodes.add("d:" + p[0] + "@" + version(p[0], p[1]));
        }

        try (HeadlessChromium chromium = new HeadlessChromium(dir.resolve("chromium"), 1600, 1000)) {
            chromium.open(page.toAbsolutePath().toUri().toString());
            JsonNode viewport = chromium.script("return [window.innerWidth, window.innerHeight];");
            int viewWidth = viewport.get(0).asInt();
            int viewHeight = viewport.get(1).asInt();
            byte[] png = chromium.screenshot();
            Files.write(out.resolve("deep-5.png"), png);
            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(shot.getWidth()).isEqualTo(viewWidth);
            assertThat(shot.getHeight()).isEqualTo(viewHeight);

            // the graph's own margin is background: the pixel test below can tell a node from no node
            HeadlessChromium.Rect svg = chromium.rect(chromium.find("#lineage-graph").get(0));
            assertThat(share(shot, svg.x() + 2, svg.y() + 2, 30, 30, BACKGROUND)).isGreaterThan(0.99);

            List<String> nodes = chromium.find("#lineage-graph .node");
            Set<String> seen = new HashSet<>();
            List<HeadlessChromium.Rect> modelBoxes = new ArrayList<>();
            for (String node : nodes) {
                String key = chromium.attribute(node, "data-node");
                String cls = chromium.attribute(node, "class");
                HeadlessChromium.Rect r = chromium.rect(node);
                seen.add(key);
                assertThat(r.x()).as("%s inside the viewport", key).isGreaterThanOrEqualTo(0);
                assertThat(r.y()).as("%s inside the viewport", key).isGreaterThanOrEqualTo(0);
                assertThat(r.x() + r.width()).as("%s inside the viewport", key).isLessThanOrEqualTo(viewWidth);
                assertThat(r.y() + r.height()).as("%s inside the viewport", key).isLessThanOrEqualTo(viewHeight);
                int[] fill = FILL.get(cls.contains("subject") ? "subject" : cls.contains("datanet") ? "datanet" : "model");
                double inset = 5;
                double filled = share(shot, r.x() + inset, r.y() + inset, r.width() - 2 * inset, r.height() - 2 * inset, fill);
                double background = share(shot, r.x() + inset, r.y() + inset, r.width() - 2 * inset,
                        r.height() - 2 * inset, BACKGROUND);
                assertThat(filled).as("%s drawn in its fill colour in the screenshot", key).isGreaterThan(0.5);
                assertThat(background).as("%s not background in the screenshot", key).isLessThan(0.02);
                if (key.startsWith("m:")) {
                    modelBoxes.add(r);
                }
            }
            assertThat(seen).isEqualTo(expectedNodes);

            // each fine-tune edge shows as a line between neighbouring model boxes
            modelBoxes.sort((a, b) -> Double.compare(a.x(), b.x()));
            for (int i = 0; i + 1 < modelBoxes.size(); i++) {
                HeadlessChromium.Rect left = modelBoxes.get(i);
                HeadlessChromium.Rect right = modelBoxes.get(i + 1);
                double gap = right.x() - (left.x() + left.width());
                assertThat(share(shot, left.x() + left.width() + gap / 3, left.y() + left.height() / 2 - 2, gap / 3, 4,
                        FINE_TUNE_STROKE)).as("fine-tune edge %d drawn", i).isGreaterThan(0.2);
            }

            // clicking a base model shows its record, whose embedded bytes hash to its id in the browser
            String baseId = zoo.id("base");
            chromium.click(chromium.find("[data-record-id='" + baseId + "']").get(0));
            assertThat(waitForText(chromium, "detail-id", baseId)).isEqualTo(baseId);
            assertThat(waitForText(chromium, "detail-check", "equals the record id")).contains("equals the record id");
            assertThat(text(chromium, "details")).contains("base@1").contains("iris").contains("wine")
                    .contains("run-base-1");
            Files.write(out.resolve("deep-5-clicked-model.png"), chromium.screenshot());

            // clicking a DataNet shows that version and the models that trained on it
            String irisV2 = version("iris", "v2").toString();
            chromium.click(chromium.find("[data-node='d:iris@" + irisV2 + "']").get(0));
            assertThat(waitForText(chromium, "detail-id", "iris")).isEqualTo("iris");
            assertThat(text(chromium, "detail-version")).isEqualTo(irisV2);
            assertThat(text(chromium, "details")).contains("base-ft@2").doesNotContain("base@1");
            Files.write(out.resolve("deep-5-clicked-datanet.png"), chromium.screenshot());
        }
    }

    /** The share of pixels in a CSS-pixel rectangle within 6 of a colour in every channel. */
    private static double share(BufferedImage img, double x, double y, double w, double h, int[] rgb) {
        int matching = 0;
        int total = 0;
        for (int py = (int) Math.ceil(y); py < (int) Math.floor(y + h); py++) {
            for (int px = (int) Math.ceil(x); px < (int) Math.floor(x + w); px++) {
                int p = img.getRGB(px, py);
                int r = (p >> 16) & 0xff;
                int g = (p >> 8) & 0xff;
                int b = p & 0xff;
                total++;
                if (Math.abs(r - rgb[0]) <= 6 && Math.abs(g - rgb[1]) <= 6 && Math.abs(b - rgb[2]) <= 6) {
                    matching++;
                }
            }
        }
        assertThat(total).as("a rectangle of pixels to inspect").isPositive();
        return (double) matching / total;
    }

    private static String text(HeadlessChromium chromium, String id) throws Exception {
        JsonNode t = chromium.script("var e = document.getElementById(arguments[0]); return e ? e.textContent : null;", id);
        return t.isNull() ? null : t.asText();
    }

    private static String waitForText(HeadlessChromium chromium, String id, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            last = text(chromium, id);
            if (last != null && last.contains(expected)) {
                return last;
            }
            Thread.sleep(50);
        }
        return last;
    }
}
