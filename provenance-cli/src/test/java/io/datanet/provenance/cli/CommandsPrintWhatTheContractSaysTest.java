package io.datanet.provenance.cli;

import static io.datanet.provenance.cli.CliRunner.on;
import static io.datanet.provenance.cli.CliRunner.run;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.TlogProof;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command's output and exit code on a healthy ledger, in text and in {@code --json}. */
class CommandsPrintWhatTheContractSaysTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path ledger(int n) {
        return Ledgers.withRecords(tmp.resolve("ledger"), n, 4);
    }

    private static JsonNode json(CliRunner.Result r) throws Exception {
        assertThat(r.outLines()).as("one JSON document on one line").hasSize(1);
        return JSON.readTree(r.stdout());
    }

    @Test
    void logPrintsOneLinePerRecordNewestFirst() {
        Path dir = ledger(5);
        CliRunner.Result r = on(dir, "log");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(r.outLines()).hasSize(5);
        CanonicalRecord newest = SampleRecords.canonical(4);
        assertThat(r.outLines().get(0)).isEqualTo(newest.idHex().substring(0, 12) + "  model-4@v4  "
                + "2026-11-25T09:31:07.456Z  datanet-4@" + SampleRecords.digestOf("version datanet-4").hex()
                .substring(0, 12) + ", datanet-9@" + SampleRecords.digestOf("version datanet-9").hex().substring(0, 12));
        for (int i = 0; i < 5; i++) {
            assertThat(r.outLines().get(i)).startsWith(SampleRecords.canonical(4 - i).idHex().substring(0, 12))
                    .contains("model-" + (4 - i) + "@v" + (4 - i));
        }
    }

    @Test
    void logLimitShowsTheNewestRecordsAcrossPages() throws Exception {
        Path dir = ledger(300); // more than one page of the backwards read
        assertThat(on(dir, "log", "--limit", "2").outLines()).hasSize(2)
                .first().asString().contains("model-" + (299 % 97) + "@v299");
        CliRunner.Result all = on(dir, "log");
        assertThat(all.outLines()).hasSize(300);
        assertThat(all.outLines().get(299)).contains("model-0@v0");

        JsonNode doc = json(on(dir, "log", "--limit", "3", "--json"));
        assertThat(doc.get("entries")).hasSize(3);
        JsonNode first = doc.get("entries").get(0);
        assertThat(first.get("index").asLong()).isEqualTo(299);
        assertThat(first.get("id").asText()).isEqualTo(SampleRecords.canonical(299).idHex());
        assertThat(first.get("model").asText()).isEqualTo("model-8");
        assertThat(first.get("version").asText()).isEqualTo("v299");
        assertThat(first.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(first.get("endedAt").asText()).isEqualTo("2026-11-25T09:31:07.456Z");
        assertThat(first.get("datanets").get(0).get("version").asText()).startsWith("sha256:");
    }

    @Test
    void logOfAnEmptyLedgerPrintsNothing() throws Exception {
        Path dir = tmp.resolve("empty");
        Ledger.open(dir).close();
        CliRunner.Result r = on(dir, "log");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(json(on(dir, "log", "--json")).get("entries")).isEmpty();
    }

    @Test
    void showPrintsAReadableSummaryAndJsonWithTheCanonicalRecordEmbedded() throws Exception {
        Path dir = ledger(3);
        CanonicalRecord record = SampleRecords.canonical(1);
        CliRunner.Result r = on(dir, "show", "model-1@v1");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("record     " + record.idHex(), "index      1", "model      model-1@v1",
                "run        run-model-1-v1 COMPLETED", "datanet-1@sha256:", "licence  CC-BY-4.0",
                "seen train epoch 1: 800 samples in 25 batches", "policy     ALLOWED for research");

        JsonNode doc = json(on(dir, "show", record.idHex().substring(0, 10), "--json"));
        assertThat(doc.get("index").asLong()).isEqualTo(1);
        assertThat(doc.get("id").asText()).isEqualTo(record.idHex());
        assertThat(JSON.writeValueAsString(doc.get("record"))).isEqualTo(record.json());
        assertThat(on(dir, "show", record.idHex(), "--json").out()).contains("\"record\":" + record.json() + "}");
    }

    @Test
    void appendPrintsTheIdAndAppendingTheSameBytesAgainLogsNothingNew() throws Exception {
        Path dir = tmp.resolve("new-ledger");
        Path file = tmp.resolve("r.json");
        CanonicalRecord record = SampleRecords.canonical(7);
        Files.write(file, record.bytes());

        CliRunner.Result r = on(dir, "append", file.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(record.idHex() + "\n");
        assertThat(r.stderr()).isEmpty();

        JsonNode again = json(on(dir, "append", file.toString(), "--json"));
        assertThat(again.get("id").asText()).isEqualTo(record.idHex());
        assertThat(again.get("index").asLong()).isZero();
        assertThat(again.get("appended").asBoolean()).isFalse();
        try (Ledger ledger = Ledger.open(dir)) {
            assertThat(ledger.size()).isEqualTo(1);
        }
    }

    @Test
    void appendReadsStdinForDashAndTheLedgerFromTheEnvironment() {
        Path dir = tmp.resolve("from-env");
        CanonicalRecord record = SampleRecords.canonical(3);
        CliRunner.Result r = run(Map.of("PROVENANCE_LEDGER", dir.toString()), record.bytes(), "append", "-");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(record.idHex() + "\n");
        CliRunner.Result shown = run(Map.of("PROVENANCE_LEDGER", dir.toString()), new byte[0], "show", "model-3@v3",
                "--raw");
        assertThat(shown.stdout()).isEqualTo(record.bytes());
    }

    @Test
    void keyAndCheckpointPrintNoteFormatAndJson() throws Exception {
        Path dir = ledger(6);
        CliRunner.Result key = on(dir, "key");
        assertThat(key.exitCode()).isZero();
        assertThat(key.out()).matches("provenance\\.datanet\\.io/log/[0-9a-f]{16}\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]{44}\n");
        String keyLine = key.out().strip();
        JsonNode keyJson = json(on(dir, "key", "--json"));
        assertThat(keyJson.get("verifierKey").asText()).isEqualTo(keyLine);
        assertThat(keyLine).startsWith(keyJson.get("origin").asText() + "+");

        CliRunner.Result cp = on(dir, "checkpoint");
        assertThat(cp.exitCode()).isZero();
        String[] lines = cp.out().split("\n", -1);
        assertThat(lines[0]).isEqualTo(keyJson.get("origin").asText());
        assertThat(lines[1]).isEqualTo("6");
        assertThat(lines[3]).isEmpty();
        assertThat(lines[4]).startsWith("\u2014 " + lines[0] + " ");
        assertThat(cp.out()).endsWith("\n").doesNotEndWith("\n\n");

        JsonNode cpJson = json(on(dir, "checkpoint", "--json"));
        assertThat(cpJson.get("note").asText()).isEqualTo(cp.out());
        assertThat(cpJson.get("size").asLong()).isEqualTo(6);
        assertThat(cpJson.get("root").asText()).isEqualTo(lines[2]);
        assertThat(cpJson.get("signed").asBoolean()).as("the tree did not grow").isFalse();
    }

    @Test
    void checkpointSignsOnlyWhenTheTreeGrew() throws Exception {
        Path dir = ledger(2);
        try (Ledger ledger = Ledger.open(dir, io.datanet.provenance.ledger.LedgerOptions.defaults()
                .withCheckpointOnClose(false))) {
            ledger.append(SampleRecords.canonical(2));
        }
        JsonNode grew = json(on(dir, "checkpoint", "--json"));
        assertThat(grew.get("signed").asBoolean()).isTrue();
        assertThat(grew.get("size").asLong()).isEqualTo(3);
        assertThat(json(on(dir, "checkpoint", "--json")).get("signed").asBoolean()).isFalse();
    }

    @Test
    void verifyPrintsOkAndNeverWrites() throws Exception {
        Path dir = ledger(9);
        try (Ledger ledger = Ledger.open(dir, io.datanet.provenance.ledger.LedgerOptions.defaults()
                .withCheckpointOnClose(false))) {
            ledger.append(SampleRecords.canonical(9)); // not covered by a checkpoint: verify must not sign one
        }
        String before = Ledgers.snapshot(dir);
        CliRunner.Result r = on(dir, "verify");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("ok: 10 entries, 3 checkpoints\n");
        assertThat(r.stderr()).isEmpty();
        JsonNode doc = json(on(dir, "verify", "--json"));
        assertThat(doc.get("ok").asBoolean()).isTrue();
        assertThat(doc.get("entries").asLong()).isEqualTo(10);
        assertThat(doc.get("checkpoints").asLong()).isEqualTo(3);
        assertThat(doc.get("problems")).isEmpty();
        assertThat(doc.get("firstBadEntry").isNull()).isTrue();
        assertThat(Ledgers.snapshot(dir)).isEqualTo(before);
    }

    @Test
    void readOnlyCommandsDoNotCreateALedger() {
        Path dir = tmp.resolve("nothing-here");
        for (String command : new String[] {"log", "verify", "key", "checkpoint"}) {
            CliRunner.Result r = on(dir, command);
            assertThat(r.exitCode()).as(command).isEqualTo(2);
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.errLine()).contains(dir.toString(), "no such ledger directory");
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void proofPrintsATlogProofAndSignsACheckpointWhenTheRecordIsNotCovered() throws Exception {
        Path dir = ledger(5);
        try (Ledger ledger = Ledger.open(dir, io.datanet.provenance.ledger.LedgerOptions.defaults()
                .withCheckpointOnClose(false))) {
            ledger.append(SampleRecords.canonical(5));
            assertThat(ledger.latestCheckpoint().orElseThrow().checkpoint().size()).isEqualTo(5);
        }
        CliRunner.Result covered = on(dir, "proof", "model-2@v2");
        assertThat(covered.exitCode()).as(covered.toString()).isZero();
        assertThat(covered.out()).startsWith("c2sp.org/tlog-proof@v1\nindex 2\n");
        assertThat(TlogProof.parse(covered.out()).signedCheckpointNote()).contains("\n5\n");

        CliRunner.Result fresh = on(dir, "proof", SampleRecords.canonical(5).idHex());
        assertThat(fresh.exitCode()).isZero();
        assertThat(TlogProof.parse(fresh.out()).signedCheckpointNote()).contains("\n6\n");

        JsonNode doc = json(on(dir, "proof", "model-5@v5", "--json"));
        assertThat(doc.get("index").asLong()).isEqualTo(5);
        assertThat(doc.get("treeSize").asLong()).isEqualTo(6);
        assertThat(doc.get("proof").asText()).isEqualTo(fresh.out());
    }

    @Test
    void bundleWritesTheContractLayoutAndRefusesANonEmptyDirectory() throws Exception {
        Path dir = ledger(4);
        Path out = tmp.resolve("audit");
        CliRunner.Result r = on(dir, "bundle", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(out.resolve("checkpoint")).exists();
        assertThat(Files.readString(out.resolve("verifier.key"), UTF_8)).isEqualTo(on(dir, "key").out());
        for (int i = 0; i < 4; i++) {
            assertThat(Files.readAllBytes(out.resolve("records/" + i + ".json")))
                    .isEqualTo(SampleRecords.canonical(i).bytes());
            assertThat(out.resolve("proofs/" + i + ".tlog-proof")).exists();
        }
        try (var files = Files.list(out.resolve("records"))) {
            assertThat(files).hasSize(4);
        }
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial"));
        }

        CliRunner.Result again = on(dir, "bundle", out.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.errLines()).containsExactly("provenance: " + out + ": exists and is not empty; give a new or "
                + "empty directory");

        Path empty = Files.createDirectory(tmp.resolve("empty-dir"));
        JsonNode doc = json(on(dir, "bundle", empty.toString(), "--json"));
        assertThat(doc.get("records").asLong()).isEqualTo(4);
        assertThat(doc.get("size").asLong()).isEqualTo(4);
        assertThat(doc.get("note").asText()).isEqualTo(Files.readString(empty.resolve("checkpoint"), UTF_8));
    }

    @Test
    void aLedgerCopiedWithoutItsSigningKeyCanStillBeAuditedButNotSigned() throws Exception {
        Path dir = ledger(5);
        Files.delete(dir.resolve("log.key"));
        assertThat(on(dir, "verify").out()).isEqualTo("ok: 5 entries, 2 checkpoints\n");
        assertThat(on(dir, "checkpoint").out()).contains("\n5\n");
        assertThat(on(dir, "proof", "model-4@v4").exitCode()).isZero();
        assertThat(on(dir, "bundle", tmp.resolve("b").toString()).exitCode()).isZero();

        try (Ledger ledger = Ledger.open(dir)) {
            ledger.append(SampleRecords.canonical(5));
        }
        CliRunner.Result r = on(dir, "checkpoint");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("provenance: " + dir.resolve("log.key")
                + ": the log signing key is missing; cannot sign a checkpoint");
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        CliRunner.Result r = run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("log", "show", "append", "verify", "checkpoint", "key", "proof", "bundle");
        CliRunner.Result sub = run("show", "--help");
        assertThat(sub.exitCode()).isZero();
        assertThat(sub.out()).contains("--raw", "--ledger", "--json");
    }

    @Test
    void progressIsNeverDrawnWhenStderrIsNotATerminal() {
        Path dir = ledger(20);
        assertThat(on(dir, "verify").stderr()).isEmpty();
        assertThat(on(dir, "bundle", tmp.resolve("b").toString()).stderr()).isEmpty();
    }
}
