package io.datanet.provenance.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datanet.provenance.anchor.AnchorVerificationReport;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.VerificationReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code provenance verify}: recomputes every record hash, the tree and every checkpoint's signature and
 * root. Exit 0 and {@code ok: N entries, M checkpoints}; or exit 1, every problem on stdout and the
 * first, which names the entry or checkpoint at fault, as the one stderr line. Never writes: no
 * checkpoint is signed.
 */
@Command(name = "verify", description = "Recompute every record hash, the tree and checkpoint signatures; "
        + "exit 1 naming the first bad entry.",
        footer = {"", "--json: {\"ok\", \"deep\", \"entries\", \"checkpoints\", \"problems\": [text], \"firstBadEntry\": index or null}",
                "with --anchors also \"anchors\": {\"ok\", \"target\", \"logId\", \"anchored\", \"anchoredSize\", "
                        + "\"problems\", \"firstBadEntry\"}"})
final class VerifyCommand implements Callable<Integer> {
    private final CommandContext ctx;

    @Mixin
    CommonOptions common;

    @Mixin
    AnchorVerifyOptions anchorOptions;

    @Option(names = "--deep", description = "also parse every record and check it is a valid v1 record in canonical "
            + "form (catches a history rewritten by a holder of the log key with bytes no writer could produce; "
            + "slower: one JSON parse per record)")
    boolean deep;

    VerifyCommand(CommandContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        VerificationReport report;
        AnchorVerificationReport anchors;
        try (Ledger ledger = ctx.openExisting(common.ledger)) {
            ProgressBar progress = ctx.progress("verify", ledger.size());
            try {
                report = ledger.verify(deep, progress);
            } finally {
                progress.finish();
            }
            anchors = anchorOptions.verify(ctx, ledger);
        }
        if (common.json) {
            ObjectNode document = ctx.object();
            document.put("ok", report.ok());
            document.put("deep", deep);
            document.put("entries", report.entries());
            document.put("checkpoints", report.checkpoints());
            ArrayNode problems = document.putArray("problems");
            report.problems().forEach(problems::add);
            if (report.firstBadEntry().isPresent()) {
                document.put("firstBadEntry", report.firstBadEntry().getAsLong());
            } else {
                document.putNull("firstBadEntry");
            }
            if (anchors != null) {
                AnchorVerifyOptions.json(document, anchors);
            }
            ctx.printJson(document);
        } else if (report.ok()) {
            ctx.println("ok: " + report.entries() + " entries, " + report.checkpoints() + " checkpoints");
        } else {
            ctx.println("FAILED: " + report.problems().size() + " problem" + (report.problems().size() == 1 ? "" : "s")
                    + " in " + report.entries() + " entries, " + report.checkpoints() + " checkpoints");
            report.problems().forEach(ctx::println);
        }
        if (anchors != null && !common.json) {
            AnchorVerifyOptions.text(ctx, anchors);
        }
        if (report.ok() && (anchors == null || anchors.ok())) {
            return 0;
        }
        ctx.error("verification failed: " + (report.ok() ? anchors.summary() : report.summary()));
        return 1;
    }
}
