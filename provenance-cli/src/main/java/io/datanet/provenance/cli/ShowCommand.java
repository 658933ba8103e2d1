package io.datanet.provenance.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code provenance show REF}: a readable summary of one record; {@code --raw} writes its exact
 * canonical bytes (no trailing newline), so {@code provenance show REF --raw | sha256sum} prints the
 * record id; {@code --json} writes {@code {"index", "id", "record"}} with the canonical record embedded
 * verbatim.
 */
@Command(name = "show", description = "A record: a readable summary, its exact canonical bytes (--raw) or JSON.",
        footer = {"", "--json: {\"index\", \"id\", \"record\"} with the canonical record embedded byte for byte"})
final class ShowCommand implements Callable<Integer> {
    private final CommandContext ctx;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "REF", description = "a record id, an id prefix of at least 8 hex "
            + "characters, or model@version (its newest record)")
    String ref;

    @Option(names = "--raw", description = "print exactly the stored canonical bytes, without a trailing newline")
    boolean raw;

    ShowCommand(CommandContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (raw && common.json) {
            throw new ParameterException(spec.commandLine(), "--raw and --json cannot be combined");
        }
        LedgerEntry entry;
        try (Ledger ledger = ctx.openExisting(common.ledger)) {
            entry = ledger.resolve(ref);
        }
        if (raw) {
            ctx.printRaw(entry.record().bytes());
        } else if (common.json) {
            ObjectNode document = ctx.object();
            document.put("index", entry.index());
            document.put("id", entry.id());
            document.putRawValue("record", new RawValue(entry.record().json()));
            ctx.printJson(document);
        } else {
            ctx.print(RecordText.summary(entry));
        }
        return 0;
    }
}
