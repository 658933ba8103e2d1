package io.datanet.provenance.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.datanet.provenance.testing.SampleRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real process, as {@code bin/provenance} runs it: {@code main}'s exit codes, stdout bytes untouched by
 * the platform charset (an ASCII locale must not turn the note's em dash into '?'), no library logging on
 * stderr beside the one error line; and the script's message when the jar has not been built.
 */
class TheProcessPrintsExactBytesAndOneErrorLineTest {
    @TempDir
    Path tmp;

    record Outcome(int exitCode, byte[] stdout, String stderr) {}

    private static Outcome java(List<String> jvmOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ProvenanceCli.class.getName());
        command.addAll(List.of(args));
        return exec(new ProcessBuilder(command));
    }

    private static Outcome exec(ProcessBuilder pb) throws Exception {
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        var out = new java.util.concurrent.CompletableFuture<byte[]>();
        Thread reader = new Thread(() -> {
            try {
                out.complete(p.getInputStream().readAllBytes());
            } catch (java.io.IOException e) {
                out.completeExceptionally(e);
            }
        });
        reader.start();
        String err = new String(p.getErrorStream().readAllBytes(), UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Outcome(p.exitValue(), out.get(60, TimeUnit.SECONDS), err);
    }

    @Test
    void rawBytesAndNotesSurviveAnAsciiLocale() throws Exception {
        Path dir = Ledgers.withRecords(tmp.resolve("ledger"), 3, 3);
        List<String> ascii = List.of("-Dfile.encoding=US-ASCII", "-Dsun.stdout.encoding=US-ASCII",
                "-Dsun.stderr.encoding=US-ASCII");
        Outcome raw = java(ascii, "show", "model-2@v2", "--raw", "--ledger", dir.toString());
        assertThat(raw.exitCode()).as(raw.stderr()).isZero();
        assertThat(raw.stdout()).isEqualTo(SampleRecords.canonical(2).bytes());

        Outcome note = java(ascii, "checkpoint", "--ledger", dir.toString());
        assertThat(note.exitCode()).isZero();
        assertThat(note.stdout()).isEqualTo(CliRunner.on(dir, "checkpoint").stdout());
        assertThat(new String(note.stdout(), UTF_8)).contains("\n\u2014 ");
    }

    @Test
    void failuresExitWithTheContractCodeAndOneStderrLine() throws Exception {
        Path corrupt = Files.createDirectory(tmp.resolve("corrupt"));
        byte[] garbage = new byte[8192];
        new Random(1).nextBytes(garbage);
        Files.write(corrupt.resolve("ledger.db"), garbage);
        Outcome bad = java(List.of(), "verify", "--ledger", corrupt.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr().lines()).hasSize(1).first().asString().startsWith("provenance: ");
        assertThat(bad.stdout()).isEmpty();

        Path dir = Ledgers.withRecords(tmp.resolve("ledger"), 2, 2);
        try (var c = Ledgers.jdbc(dir)) {
            c.createStatement().executeUpdate("DELETE FROM records WHERE idx = 1");
        }
        Outcome tampered = java(List.of(), "verify", "--ledger", dir.toString());
        assertThat(tampered.exitCode()).isEqualTo(1);
        assertThat(tampered.stderr().lines()).hasSize(1);

        Outcome usage = java(List.of(), "nonsense");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.stderr()).isEqualTo("provenance: unknown command 'nonsense' (see 'provenance --help')\n");
    }

    private static Path script() {
        Path script = Paths.get("").toAbsolutePath().resolveSibling("bin").resolve("provenance");
        assumeTrue(Files.isRegularFile(script), "bin/provenance beside the module");
        return script;
    }

    @Test
    void theScriptSaysHowToBuildTheJarWhenItIsMissing() throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("bin"));
        Path copy = Files.copy(script(), repo.resolve("bin/provenance"));
        Path link = Files.createSymbolicLink(tmp.resolve("provenance"), copy); // resolved through the link
        for (Path p : List.of(copy, link)) {
            Outcome o = exec(new ProcessBuilder("bash", p.toString(), "log"));
            assertThat(o.exitCode()).isEqualTo(2);
            assertThat(o.stderr().lines()).hasSize(1).first().asString()
                    .contains(repo.resolve("provenance-cli/target/provenance-cli.jar").toString(),
                            "mvn -q package -DskipTests");
        }
    }

    @Test
    void theScriptRunsTheBuiltJar() throws Exception {
        Path script = script();
        assumeTrue(Files.isRegularFile(script.getParent().resolveSibling("provenance-cli/target/provenance-cli.jar")),
                "the shaded jar has been built (mvn package)");
        Path dir = Ledgers.withRecords(tmp.resolve("ledger"), 2, 2);
        Outcome o = exec(new ProcessBuilder("bash", script.toString(), "show", "model-1@v1", "--raw",
                "--ledger", dir.toString()));
        assertThat(o.exitCode()).as(o.stderr()).isZero();
        assertThat(o.stdout()).isEqualTo(SampleRecords.canonical(1).bytes());
    }
}
