package io.datanet.provenance.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Function;

/**
 * What every command needs from the process: its streams, its environment, whether stderr is a
 * terminal, and the ledger the command line names.
 *
 * <p>All text is written as UTF-8 bytes whatever the platform charset, so a signed note's em dash or a
 * record's non-ASCII name reaches stdout intact; {@link #printRaw(byte[])} writes bytes untouched.
 */
final class CommandContext {
    /** The environment variable naming the ledger directory when {@code --ledger} is not given. */
    static final String LEDGER_ENV = "PROVENANCE_LEDGER";
    /** The ledger directory when neither {@code --ledger} nor {@link #LEDGER_ENV} is given. */
    static final String DEFAULT_LEDGER = ".provenance";
    /** The embedded ledger's database file; its presence tells an existing ledger from an empty directory. */
    static final String LEDGER_FILE = "ledger.db";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Function<String, String> env;
    private final boolean terminal;

    CommandContext(InputStream in, PrintStream out, PrintStream err, Function<String, String> env, boolean terminal) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
        this.terminal = terminal;
    }

    InputStream stdin() {
        return in;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /** Writes {@code text} to stdout as UTF-8, exactly (no newline added). */
    void print(String text) {
        printRaw(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes one line to stdout. */
    void println(String line) {
        print(line + "\n");
    }

    /** Writes bytes to stdout untouched. */
    void printRaw(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        out.flush();
    }

    /** A new JSON object for {@link #printJson}. */
    ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Writes one JSON document on one line. */
    void printJson(JsonNode document) {
        try {
            println(JSON.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON output", e);
        }
    }

    /** Writes the one stderr line of an error: {@code provenance: <message>}, newlines folded. */
    void error(String message) {
        byte[] line = ("provenance: " + oneLine(message) + "\n").getBytes(StandardCharsets.UTF_8);
        err.write(line, 0, line.length);
        err.flush();
    }

    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }

    /** The environment variable {@code name} (the process's, or the one a test passes in), or null. */
    String env(String name) {
        return env.apply(name);
    }

    /** A progress bar on stderr when it is a terminal, otherwise one that draws nothing. */
    ProgressBar progress(String label, long total) {
        return terminal ? ProgressBar.onTerminal(err, label, total) : ProgressBar.none();
    }

    /** The ledger directory: {@code --ledger}, else {@code $PROVENANCE_LEDGER}, else {@code ./.provenance}. */
    Path ledgerDirectory(Path option) {
        if (option != null) {
            return option;
        }
        String fromEnv = env.apply(LEDGER_ENV);
        return fromEnv != null && !fromEnv.isBlank() ? Paths.get(fromEnv) : Paths.get(DEFAULT_LEDGER);
    }

    /**
     * Opens an existing ledger. A missing directory, or a readable directory without a ledger database,
     * is refused rather than silently turned into a new ledger with a new key.
     *
     * @throws LedgerException naming the directory
     */
    Ledger openExisting(Path option) {
        Path dir = ledgerDirectory(option);
        if (!Files.exists(dir)) {
            throw new LedgerException(dir.toString(), "no such ledger directory (`provenance append FILE` creates one)");
        }
        if (Files.isDirectory(dir) && Files.isReadable(dir) && Files.isExecutable(dir)
                && !Files.exists(dir.resolve(LEDGER_FILE))) {
            throw new LedgerException(dir.toString(), "not a ledger: it holds no " + LEDGER_FILE
                    + " (`provenance append FILE` creates one)");
        }
        return Ledger.open(dir);
    }

    /**
     * Opens the ledger, creating it (and its signing key) if the directory holds none yet.
     *
     * @throws LedgerException naming the directory or file
     */
    Ledger openOrCreate(Path option) {
        return Ledger.open(ledgerDirectory(option));
    }
}
