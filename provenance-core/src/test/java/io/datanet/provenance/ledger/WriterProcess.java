package io.datanet.provenance.ledger;

import io.datanet.provenance.testing.AppendingProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM running {@link AppendingProcess} on a ledger, with its stdout lines collected as they
 * arrive. Test helper for the crash and concurrency tests.
 *
 * <p>The child's stdout goes to a file, not a pipe: a line the child wrote before it was killed is then
 * certainly there afterwards. (Read through {@link Process#getInputStream()}, the JDK's process reaper
 * swaps the pipe for a buffer of "stragglers" when the process exits, and a line written just before a
 * SIGKILL was seen to go missing under load, which made a correct ledger look as if it had appended a
 * record nobody started.)
 */
final class WriterProcess implements AutoCloseable {
    /** One acknowledged append: the record with this id is durable at this index. */
    record Ack(long index, String idHex) {}

    /** One started append call of samples {@code [first, first + count)}. */
    record Begin(long first, int count) {}

    private final Process process;
    private final Path stderr;
    private final Path stdout;
    private final List<String> args;

    private WriterProcess(Process process, Path stdout, Path stderr, List<String> args) {
        this.process = process;
        this.args = args;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts {@code AppendingProcess ledgerDir args...} in a new JVM on the test classpath; its stderr goes
     * to {@code stderr}, the native SQLite library it extracts to {@code scratch}.
     */
    static WriterProcess start(Path ledgerDir, Path scratch, Path stderr, String... args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Dorg.sqlite.tmpdir=" + scratch, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", classpath, AppendingProcess.class.getName(), ledgerDir.toString()));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(scratch, "writer-", ".out");
        Process p = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
                .start();
        return new WriterProcess(p, stdout, stderr, List.of(args));
    }

    /** Waits until the process has printed {@code line}; false on timeout or if it exited first. */
    boolean awaitLine(String line, long timeoutMillis) throws InterruptedException {
        return awaitLine(line::equals, timeoutMillis);
    }

    /** Waits until the process has printed a line starting with {@code prefix}; false on timeout or exit. */
    boolean awaitLineStartingWith(String prefix, long timeoutMillis) throws InterruptedException {
        return awaitLine(l -> l.startsWith(prefix), timeoutMillis);
    }

    private boolean awaitLine(Predicate<String> wanted, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (lines().stream().noneMatch(wanted)) {
            if (System.currentTimeMillis() >= deadline || !process.isAlive() && lines().stream().noneMatch(wanted)) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    /** Sends one line to the process's stdin. */
    void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** SIGKILLs the process (on Linux {@link Process#destroyForcibly()} sends SIGKILL) and waits for it to die. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("writer " + process.pid() + " survived SIGKILL for 30 s");
        }
        return finish();
    }

    /** Waits for the process to exit by itself; returns its exit code, or -1 on timeout. */
    int await(long timeoutMillis) throws InterruptedException {
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            return -1;
        }
        return finish();
    }

    private int finish() {
        return process.exitValue(); // everything written before death is in the stdout file
    }

    /** Whether the operating system still knows the process as alive. */
    boolean alive() {
        return ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The arguments after the ledger directory. */
    List<String> args() {
        return args;
    }

    long pid() {
        return process.pid();
    }

    /** The complete lines printed so far (a last line without its newline is still being written). */
    List<String> lines() {
        String text;
        try {
            text = Files.readString(stdout, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1));
    }

    /** The acknowledgements printed so far, in order. */
    List<Ack> acks() {
        List<Ack> acks = new ArrayList<>();
        for (String line : lines()) {
            String[] f = line.split(" ");
            // A process killed while printing may leave a cut-off last line: that ack never arrived.
            if (f.length == 3 && f[0].equals("ACK") && f[2].length() == 64) {
                acks.add(new Ack(Long.parseLong(f[1]), f[2]));
            }
        }
        return acks;
    }

    /** The append calls started so far, in order. */
    List<Begin> begins() {
        List<Begin> begins = new ArrayList<>();
        for (String line : lines()) {
            if (line.startsWith("BEGIN ")) {
                String[] f = line.split(" ");
                begins.add(new Begin(Long.parseLong(f[1]), Integer.parseInt(f[2])));
            }
        }
        return begins;
    }

    /** The last lines of the process's stderr, for failure messages. */
    String stderrTail() {
        try {
            String all = Files.readString(stderr, StandardCharsets.UTF_8);
            return all.length() <= 4000 ? all : all.substring(all.length() - 4000);
        } catch (IOException e) {
            return "(stderr unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
