package io.datanet.provenance.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.query.FieldChange;
import io.datanet.provenance.query.LineageQueries;
import io.datanet.provenance.query.ModelDiff;
import io.datanet.provenance.query.QueryJson;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code provenance diff A B}: what changed from one model version's record to another's, one line per
 * field: {@code ~} changed, {@code +} only in B, {@code -} only in A. Run ids and times are not compared.
 * Exit 0 whether or not anything differs.
 */
@Command(name = "diff", description = "What changed between two model versions: DataNets and their versions, "
        + "weights, partitions and counts, configuration and hyperparameters, fine-tune parent.",
        footer = {"", "--json: {\"a\": {\"index\", \"id\", \"model\"}, \"b\": {...}, \"identical\", \"changes\": "
                + "[{\"path\" (JSON Pointer), \"kind\" (ADDED|REMOVED|CHANGED), \"before\", \"after\"}]}"})
final class DiffCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CommandContext ctx;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "A", description = "model@version, record id or id prefix")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "model@version, record id or id prefix")
    String b;

    DiffCommand(CommandContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ModelDiff diff;
        try (Ledger ledger = ctx.openExisting(common.ledger)) {
            diff = LineageQueries.on(ledger).diff(a, b);
        }
        if (common.json) {
            ctx.printJson(QueryJson.diff(diff));
            return 0;
        }
        ctx.println("a  " + side(diff.a()));
        ctx.println("b  " + side(diff.b()));
        if (diff.identical()) {
            ctx.println("no differences (run ids and times are not compared)");
        }
        for (FieldChange c : diff.changes()) {
            ctx.println(switch (c.kind()) {
                case CHANGED -> "~ " + c.path() + ": " + c.before() + " -> " + c.after();
                case ADDED -> "+ " + c.path() + ": " + brief(c.after());
                case REMOVED -> "- " + c.path() + ": " + brief(c.before());
            });
        }
        return 0;
    }

    /** A whole DataNet added or removed reads as {@code id@version weight w}; --json keeps every field. */
    private static String brief(String value) {
        if (value.startsWith("{")) {
            try {
                JsonNode node = JSON.readTree(value);
                if (node.has("id") && node.has("version") && node.has("weight")) {
                    return node.get("id").asText() + "@" + node.get("version").asText() + "  weight "
                            + node.get("weight").asText();
                }
            } catch (JsonProcessingException e) {
                return value;
            }
        }
        return value;
    }

    private static String side(LedgerEntry e) {
        return e.record().record().model().ref() + "  " + e.id().substring(0, RecordText.PREFIX) + "  index " + e.index();
    }
}
