package io.datanet.provenance.ledger;

import io.datanet.provenance.testing.AppendingProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
 */
final class WriterProcess implements AutoCloseable {
    /** One acknowledged append: the record with this id is durable at this index. */
    record Ack(long index, String idHex) {}

    /** One started append call of samples {@code [first, first + count)}. */
    record Begin(long first, int count) {}

    private final Process process;
    private final Path stderr;
    private final Thread reader;
    private final List<String> lines = new ArrayList<>();
    private final List<String> args;

    private WriterProcess(Process process, Path stderr, List<String> args) {
        this.process = process;
        this.args = args;
        this.stderr = stderr;
        this.reader = new Thread(this::readLines, "writer-" + process.pid() + "-stdout");
        reader.setDaemon(true);
        reader.start();
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
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
                .start();
        return new WriterProcess(p, stderr, List.of(args));
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process died; what was read is what it said
        }
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
        synchronized (lines) {
            while (lines.stream().noneMatch(wanted)) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    return false;
                }
                lines.wait(Math.min(left, 100));
            }
            return true;
        }
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

    private int finish() throws InterruptedException {
        reader.join(10_000); // everything written before death is still in the pipe
        return process.exitValue();
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

    /** The lines printed so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
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
