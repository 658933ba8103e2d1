package io.datanet.provenance.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Runs the command line in-process, as a user would type it, and captures exactly what it printed. */
final class CliRunner {
    private CliRunner() {}

    /** What one run printed and returned. */
    record Result(int exitCode, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, UTF_8);
        }

        List<String> outLines() {
            return out().isEmpty() ? List.of() : Arrays.asList(out().split("\n"));
        }

        /** Stderr's lines; a carriage return (a progress bar redraw) also ends a line here. */
        List<String> errLines() {
            return stderr.lines().toList();
        }

        /** The one stderr line of a failure. */
        String errLine() {
            return errLines().get(0);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out() + "\n--- stderr\n" + stderr;
        }
    }

    static Result run(String... args) {
        return run(Map.of(), new byte[0], args);
    }

    /** Runs {@code args} against the ledger in {@code ledger}. */
    static Result on(Path ledger, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--ledger");
        all.add(ledger.toString());
        return run(all.toArray(new String[0]));
    }

    static Result run(Map<String, String> env, byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, UTF_8); PrintStream e = new PrintStream(err, true, UTF_8)) {
            code = ProvenanceCli.run(args, new ByteArrayInputStream(stdin), o, e, env::get);
        }
        return new Result(code, out.toByteArray(), err.toString(UTF_8));
    }
}
