package io.datanet.provenance.cli;

import io.datanet.provenance.ProvenanceException;
import io.datanet.provenance.ledger.NoteVerificationException;
import io.datanet.provenance.ledger.ProofVerificationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code provenance} command line: {@code provenance [--verbose] <command> [--ledger DIR] [--json]}.
 *
 * <p>Commands: {@code log}, {@code show}, {@code append}, {@code verify}, {@code checkpoint}, {@code key},
 * {@code proof}, {@code bundle}, {@code lineage}, {@code uses}, {@code diff}, and on an EVM chain
 * {@code deploy-registry}, {@code anchor}, {@code verify --anchors}, {@code chain-uses}. Exit codes: 0 success; 1 failed
 * verification (a tampered record, tree or checkpoint, a proof or signature that does not verify); 2 bad
 * usage or input (unknown command or option, missing argument, an invalid record file, an unknown reference,
 * an unusable ledger directory or database). Every failure is one line on stderr,
 * {@code provenance: <message>}; {@code --verbose} adds the stack trace.
 */
public final class ProvenanceCli {
    /** Success. */
    public static final int OK = 0;
    /** Verification failed: the ledger, a checkpoint or a proof does not verify. */
    public static final int FAILED = 1;
    /** Bad usage or input; nothing stored was changed. */
    public static final int USAGE = 2;

    private ProvenanceCli() {}

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        configureLogging(args);
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command line in-process with the process environment; draws progress bars only when
     * {@code err} is the process's stderr and the process has a terminal.
     *
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System::getenv);
    }

    /**
     * Runs the command line in-process with {@code env} in place of the process environment (it is asked
     * for {@code PROVENANCE_LEDGER} and, by the chain commands, for {@code PROVENANCE_EVM_*} and the key variable).
     *
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Function<String, String> env) {
        return run(args, System.in, out, err, env);
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Function<String, String> env) {
        boolean terminal = err == System.err && System.console() != null;
        CommandContext ctx = new CommandContext(in, out, err, env, terminal);
        Root root = new Root();
        CommandLine cli = new CommandLine(root)
                .addSubcommand(new LogCommand(ctx))
                .addSubcommand(new ShowCommand(ctx))
                .addSubcommand(new AppendCommand(ctx))
                .addSubcommand(new VerifyCommand(ctx))
                .addSubcommand(new CheckpointCommand(ctx))
                .addSubcommand(new KeyCommand(ctx))
                .addSubcommand(new ProofCommand(ctx))
                .addSubcommand(new BundleCommand(ctx))
                .addSubcommand(new LineageCommand(ctx))
                .addSubcommand(new UsesCommand(ctx))
                .addSubcommand(new DiffCommand(ctx))
                .addSubcommand(new DeployRegistryCommand(ctx))
                .addSubcommand(new AnchorCommand(ctx))
                .addSubcommand(new ChainUsesCommand(ctx));
        cli.setExpandAtFiles(false); // "@file" is a file name here, never an argument file
        cli.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cli.setParameterExceptionHandler((e, unused) -> {
            ctx.error(usageMessage(e) + " (see 'provenance " + commandPath(e.getCommandLine()) + "--help')");
            if (root.verbose) {
                e.printStackTrace(err);
            }
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            ctx.error(message(e));
            if (root.verbose) {
                e.printStackTrace(err);
            }
            return exitCode(e);
        });
        return cli.execute(args);
    }

    private static String usageMessage(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u && !u.getCommandLine().getSubcommands().isEmpty()
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            return "unknown command '" + u.getUnmatched().get(0) + "'";
        }
        return e.getMessage();
    }

    private static String commandPath(CommandLine command) {
        StringBuilder path = new StringBuilder();
        for (CommandLine c = command; c != null && c.getParent() != null; c = c.getParent()) {
            path.insert(0, c.getCommandName() + " ");
        }
        return path.toString();
    }

    /** 1 when something failed to verify, 2 for everything else that went wrong. */
    static int exitCode(Throwable e) {
        return e instanceof NoteVerificationException || e instanceof ProofVerificationException ? FAILED : USAGE;
    }

    /** The stderr message: the exception's own when it names what is at fault, otherwise with its type. */
    static String message(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            e = u.getCause();
        }
        if (e instanceof ProvenanceException) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file or directory";
        }
        if (e instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + ": already exists";
        }
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": " + f.getReason();
        }
        if (e instanceof IOException) {
            return "I/O error: " + e.getMessage();
        }
        return "internal error: " + e + " (run with --verbose for the stack trace)";
    }

    /** Quiets library logging unless {@code --verbose}: errors reach the user as the one stderr line. */
    private static void configureLogging(String[] args) {
        String level = Arrays.asList(args).contains("--verbose") ? "debug" : "off";
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        }
        if (System.getProperty("org.slf4j.simpleLogger.logFile") == null) {
            System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        }
    }

    /** The top command: holds {@code --verbose} and lists the commands. */
    @Command(name = "provenance", description = "A training provenance log that cannot be lost, edited or faked.",
            synopsisSubcommandLabel = "COMMAND",
            footer = {"", "Exit codes: 0 success, 1 failed verification, 2 bad usage or input."})
    static final class Root implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "print stack traces with errors")
        boolean verbose;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
        boolean help;

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "missing command");
        }
    }
}
