package io.datanet.provenance.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datanet.provenance.InvalidInputException;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.record.CanonicalRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code provenance append FILE}: validates a v1 record written outside the JVM (any JSON formatting),
 * logs its canonical bytes and prints its id. The record is validated before the ledger is opened, so a
 * refused record changes nothing; appending bytes already logged returns the existing entry.
 */
@Command(name = "append", description = "Validate a v1 record from FILE (- for stdin), log its canonical bytes, "
        + "print its id.",
        footer = {"", "--json: {\"id\", \"index\", \"appended\"} (appended is false when the same bytes were already logged)"})
final class AppendCommand implements Callable<Integer> {
    private final CommandContext ctx;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "FILE", description = "the record's JSON file, or - for stdin")
    String file;

    AppendCommand(CommandContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        String source = file.equals("-") ? "stdin" : file;
        CanonicalRecord record = CanonicalRecord.parse(read(), source);
        LedgerEntry entry;
        boolean known;
        try (Ledger ledger = ctx.openOrCreate(common.ledger)) {
            known = ledger.find(record.id()).isPresent();
            entry = ledger.append(record);
        }
        if (common.json) {
            ObjectNode document = ctx.object();
            document.put("id", entry.id());
            document.put("index", entry.index());
            document.put("appended", !known);
            ctx.printJson(document);
        } else {
            ctx.println(entry.id());
        }
        return 0;
    }

    private byte[] read() throws IOException {
        if (file.equals("-")) {
            return ctx.stdin().readAllBytes();
        }
        Path path = Paths.get(file);
        if (!Files.exists(path)) {
            throw new InvalidInputException(file, "", "no such file");
        }
        if (Files.isDirectory(path)) {
            throw new InvalidInputException(file, "", "is a directory, not a record file");
        }
        if (!Files.isReadable(path)) {
            throw new InvalidInputException(file, "", "not readable");
        }
        return Files.readAllBytes(path);
    }
}
