package io.datanet.provenance.evm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real anvil node for tests: its binary started directly (so stopping it stops the node, unlike an
 * {@code npx} parent) on 127.0.0.1 at a free port, with {@code --prune-history} (anvil stalls after a
 * few thousand blocks without it) and a state file, so it can be stopped and started again with its chain.
 */
public final class AnvilNode implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path state;
    private final Path log;
    private final int port;
    private Process process;

    private AnvilNode(Path workDir, int port) {
        this.state = workDir.resolve("anvil-state.json");
        this.log = workDir.resolve("anvil.log");
        this.port = port;
    }

    /** Starts a node on a free port, keeping its state and log in {@code workDir}. */
    public static AnvilNode start(Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        for (int attempt = 0; ; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            AnvilNode node = new AnvilNode(workDir, port);
            try {
                node.startProcess();
                return node;
            } catch (IOException e) {
                node.close();
                if (attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    private void startProcess() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(EvmTools.anvil().toString(), "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--prune-history", "--state", state.toString(), "--accounts", "1"));
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("anvil exited at start with " + process.exitValue() + "; see " + log);
            }
            try {
                rpc("eth_chainId");
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IOException("anvil did not answer on port " + port + " within 20 s; see " + log);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops the node (its state is written to the state file) and returns once its process is gone. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy(); // SIGTERM: anvil writes its state and exits
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Starts the node again on the same port with the chain it had when stopped. */
    public void restart() throws IOException, InterruptedException {
        stop();
        startProcess();
    }

    /** A new funded account's private key (hex). */
    public String fundedKey() throws IOException, InterruptedException {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        k[0] = 0x11; // keep it well inside the curve order
        String hex = HexFormat.of().formatHex(k);
        rpc("anvil_setBalance", EvmKey.ofPrivateKey(hex).address(), "0x3635C9ADC5DEA00000"); // 1000 ether
        return hex;
    }

    public JsonNode rpc(String method, Object... params) throws IOException, InterruptedException {
        ObjectNode req = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", method);
        ArrayNode p = req.putArray("params");
        for (Object o : params) {
            p.add(JSON.valueToTree(o));
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(req.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (body.has("error")) {
            throw new IOException(method + ": " + body.get("error"));
        }
        return body.get("result");
    }

    public long blockNumber() throws IOException, InterruptedException {
        return Long.decode(rpc("eth_blockNumber").asText());
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
