package io.datanet.provenance.query;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Debian's headless Chromium driven through its ChromeDriver by plain W3C WebDriver (HTTP and JSON, no
 * client library). The machine has no network, so Chromium runs with everything that phones home turned
 * off and a fresh profile. Both programs come from {@code .ci/setup-browser.sh}.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process driver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String session;

    /** Starts ChromeDriver and a headless Chromium with a viewport of {@code width} x {@code height}. */
    HeadlessChromium(Path workDir, int width, int height) throws IOException, InterruptedException {
        for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(p)) {
                fail(p + " is missing: run .ci/setup-browser.sh (as root) to install Debian's chromium and "
                        + "chromium-driver; this test never skips");
            }
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(workDir);
        driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(workDir.resolve("chromedriver.log").toFile()).start();
        base = "http://127.0.0.1:" + port;
        String started = null;
        try {
            waitUntilReady();
            ObjectNode caps = JSON.createObjectNode();
            ObjectNode always = caps.putObject("capabilities").putObject("alwaysMatch");
            always.put("browserName", "chrome");
            ObjectNode options = always.putObject("goog:chromeOptions");
            options.put("binary", CHROMIUM.toString());
            List<String> args = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
                    "--window-size=" + width + "," + height,
                    "--user-data-dir=" + Files.createTempDirectory(workDir, "profile-"));
            args.forEach(options.putArray("args")::add);
            started = call("POST", "/session", caps).get("sessionId").asText();
        } finally {
            if (started == null) {
                stopDriver();
            }
        }
        session = "/session/" + started;
    }

    void open(String url) throws IOException, InterruptedException {
        call("POST", session + "/url", JSON.createObjectNode().put("url", url));
    }

    /** Element references matching a CSS selector, in document order. */
    List<String> find(String css) throws IOException, InterruptedException {
        JsonNode found = call("POST", session + "/elements",
                JSON.createObjectNode().put("using", "css selector").put("value", css));
        List<String> out = new ArrayList<>();
        found.forEach(e -> out.add(e.get(ELEMENT).asText()));
        return out;
    }

    /** The element's rectangle in CSS pixels, relative to the document. */
    Rect rect(String element) throws IOException, InterruptedException {
        JsonNode r = call("GET", session + "/element/" + element + "/rect", null);
        return new Rect(r.get("x").asDouble(), r.get("y").asDouble(), r.get("width").asDouble(), r.get("height").asDouble());
    }

    String attribute(String element, String name) throws IOException, InterruptedException {
        JsonNode v = call("GET", session + "/element/" + element + "/attribute/" + name, null);
        return v.isNull() ? null : v.asText();
    }

    void click(String element) throws IOException, InterruptedException {
        call("POST", session + "/element/" + element + "/click", JSON.createObjectNode());
    }

    /** Runs a script in the page and returns its result. */
    JsonNode script(String body, Object... args) throws IOException, InterruptedException {
        ObjectNode req = JSON.createObjectNode().put("script", body);
        req.set("args", JSON.valueToTree(List.of(args)));
        return call("POST", session + "/execute/sync", req);
    }

    /** A PNG of the viewport. */
    byte[] screenshot() throws IOException, InterruptedException {
        return Base64.getDecoder().decode(call("GET", session + "/screenshot", null).asText());
    }

    /** A rectangle in CSS pixels. */
    record Rect(double x, double y, double width, double height) {}

    private void waitUntilReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                if (call("GET", "/status", null).path("ready").asBoolean()) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!driver.isAlive() || System.nanoTime() > deadline) {
                fail("chromedriver did not become ready (exit " + (driver.isAlive() ? "none" : driver.exitValue()) + ")");
            }
            Thread.sleep(100);
        }
    }

    private JsonNode call(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json; charset=utf-8");
        req.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
        HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode json = JSON.readTree(res.body());
        if (res.statusCode() != 200) {
            throw new IOException("WebDriver " + method + " " + path + " answered " + res.statusCode() + ": "
                    + json.path("value").path("message").asText(res.body()));
        }
        return json.get("value");
    }

    private void stopDriver() {
        driver.descendants().forEach(ProcessHandle::destroy);
        driver.destroy();
    }

    @Override
    public void close() {
        try {
            call("DELETE", session, null);
        } catch (IOException | RuntimeException e) {
            // the browser is going away either way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopDriver();
        }
    }
}
