package io.datanet.provenance.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code provenance log}: one line per record, newest first. Reads the log backwards a page at a time,
 * so {@code --limit} costs what it shows, not the size of the ledger.
 */
@Command(name = "log", description = "One line per record, newest first: id prefix, model@version, run end time, "
        + "DataNets as id@version-prefix.",
        footer = {"", "--json: {\"entries\": [{\"index\", \"id\", \"model\", \"version\", \"status\", \"endedAt\", \"datanets\": [{\"id\", \"version\"}]}]}, newest first"})
final class LogCommand implements Callable<Integer> {
    private static final int PAGE = 256;
    private final CommandContext ctx;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--limit", paramLabel = "N", description = "show at most the N newest records")
    Long limit;

    LogCommand(CommandContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (limit != null && limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, got " + limit);
        }
        long wanted = limit == null ? Long.MAX_VALUE : limit;
        ObjectNode document = ctx.object();
        ArrayNode entries = document.putArray("entries");
        try (Ledger ledger = ctx.openExisting(common.ledger)) {
            long to = ledger.size();
            long shown = 0;
            while (to > 0 && shown < wanted) {
                long from = Math.max(0, to - Math.min(PAGE, wanted - shown)); // --limit 3 reads 3 records
                List<LedgerEntry> page = new ArrayList<>((int) (to - from));
                ledger.scan(from, to, page::add);
                for (int i = page.size() - 1; i >= 0 && shown < wanted; i--, shown++) {
                    if (common.json) {
                        RecordText.logJson(entries.addObject(), page.get(i));
                    } else {
                        ctx.println(RecordText.logLine(page.get(i)));
                    }
                }
                to = from;
            }
        }
        if (common.json) {
            ctx.printJson(document);
        }
        return 0;
    }
}
