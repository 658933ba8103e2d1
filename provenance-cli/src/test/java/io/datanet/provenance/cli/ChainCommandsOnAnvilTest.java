package io.datanet.provenance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datanet.provenance.evm.AnvilNode;
import io.datanet.provenance.evm.EvmKey;
import io.datanet.provenance.evm.EvmTools;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.testing.LedgerForgery;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain commands against a real anvil node: deploy-registry, anchor (twice, as two runs would),
 * verify --anchors, chain-uses, an independent reader (Foundry's cast) agreeing with {@code provenance
 * checkpoint}, and verify --anchors failing, naming the record, once the ledger is rewritten and re-signed.
 */
class ChainCommandsOnAnvilTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path work;
    static AnvilNode anvil;
    static Map<String, String> env;

    @BeforeAll
    static void startNode() throws Exception {
        anvil = AnvilNode.start(work.resolve("anvil"));
        env = Map.of(EvmKey.ENV, anvil.fundedKey());
    }

    @AfterAll
    static void stopNode() {
        anvil.close();
    }

    private static CliRunner.Result cli(String... args) {
        return CliRunner.run(env, new byte[0], args);
    }

    private static void append(Path dir, long from, long to) {
        try (Ledger ledger = Ledger.open(dir)) {
            for (long i = from; i < to; i++) {
                ledger.append(SampleRecords.canonical(i));
            }
        }
    }

    private static String cast(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(EvmTools.cast().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void deployAnchorVerifyReadWithCastAndCatchARewrite() throws Exception {
        CliRunner.Result deployed = cli("deploy-registry", "--rpc", anvil.url());
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        String registry = deployed.out().strip();
        assertThat(registry).matches("0x[0-9a-fA-F]{40}");
        String[] chain = {"--rpc", anvil.url(), "--registry", registry};
        Path dir = work.resolve("ledger");

        append(dir, 0, 6);
        CliRunner.Result first = cli(concat(new String[] {"anchor", "--events", "--ledger", dir.toString()}, chain));
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).startsWith("anchored 6 ");
        append(dir, 6, 9);
        CliRunner.Result second = cli(concat(new String[] {"anchor", "--events", "--json", "--ledger", dir.toString()}, chain));
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(JSON.readTree(second.stdout()).get("size").asLong()).isEqualTo(9);

        CliRunner.Result verified = cli(concat(new String[] {"verify", "--anchors", "--ledger", dir.toString()}, chain));
        assertThat(verified.exitCode()).as(verified.toString()).isZero();
        assertThat(verified.outLines()).contains("ok: 2 anchors on eip155:31337/" + registry.toLowerCase() + ", latest at size 9");

        // an independent client: cast reads the registry; the log id is SHA-256 of `provenance key`
        String key = cli("key", "--ledger", dir.toString()).out().strip();
        String logId = "0x" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        List<String> onChain = cast("call", "--rpc-url", anvil.url(), registry,
                "latestAnchor(bytes32)(uint64,bytes32,address,uint32)", logId).lines().toList();
        List<String> checkpoint = cli("checkpoint", "--ledger", dir.toString()).out().lines().toList();
        assertThat(onChain.get(0)).isEqualTo(checkpoint.get(1)); // tree size
        assertThat(onChain.get(1)).isEqualTo("0x" + HexFormat.of().formatHex(Base64.getDecoder().decode(checkpoint.get(2))));
        assertThat(onChain.get(3)).isEqualTo("2");

        CliRunner.Result uses = cli(concat(new String[] {"chain-uses", "datanet-5", "--json"}, chain));
        assertThat(uses.exitCode()).as(uses.toString()).isZero();
        JsonNode list = JSON.readTree(uses.stdout()).get("uses");
        assertThat(list).extracting(u -> u.get("model").asText()).containsExactly("model-0@v0", "model-5@v5");

        CanonicalRecord edited = CanonicalRecord.of(SampleRecords.record("model-4", "v4", null, "datanet-x"));
        LedgerForgery.replaceRecord(dir, 4, edited);
        assertThat(cli("verify", "--ledger", dir.toString()).exitCode()).as("alone it verifies").isZero();
        CliRunner.Result caught = cli(concat(new String[] {"verify", "--anchors", "--ledger", dir.toString()}, chain));
        assertThat(caught.exitCode()).as(caught.toString()).isEqualTo(1);
        assertThat(caught.errLine()).startsWith("provenance: verification failed: entry 4 was altered")
                .contains(edited.idHex());
    }

    @Test
    void anchorWithTheNodeDownExitsTwoSayingSo() throws Exception {
        Path dir = work.resolve("down");
        append(dir, 0, 2);
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort(); // nothing listens there once closed
        }
        CliRunner.Result r = cli("anchor", "--ledger", dir.toString(), "--rpc", "http://127.0.0.1:" + port,
                "--registry", "0x" + "ab".repeat(20), "--timeout", "2");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLine()).startsWith("provenance: ").contains("cannot reach the node");
        assertThat(r.stderr()).doesNotContain(env.get(EvmKey.ENV));
    }

    @Test
    void anchorWithoutAKeySaysWhichVariableToSet() {
        Path dir = work.resolve("nokey");
        append(dir, 0, 1);
        CliRunner.Result r = CliRunner.run(Map.of(), new byte[0], "anchor", "--ledger", dir.toString(), "--rpc",
                anvil.url(), "--registry", "0x" + "ab".repeat(20));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLine()).contains("$" + EvmKey.ENV).contains("not set");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
