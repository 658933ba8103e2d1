package io.datanet.provenance.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command takes: {@code --ledger DIR}, {@code --json} and {@code --help}. */
final class CommonOptions {
    @Option(names = "--ledger", paramLabel = "DIR",
            description = "the ledger directory (default: $PROVENANCE_LEDGER or .provenance)")
    Path ledger;

    @Option(names = "--json", description = "print one JSON document instead of text")
    boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;
}
