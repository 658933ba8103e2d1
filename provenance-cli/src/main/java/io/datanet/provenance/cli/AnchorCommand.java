package io.datanet.provenance.cli;

import io.datanet.provenance.anchor.Anchor;
import io.datanet.provenance.anchor.AnchorException;
import io.datanet.provenance.anchor.AnchorScheduler;
import io.datanet.provenance.anchor.LogId;
import io.datanet.provenance.evm.Web3jAnchorSink;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.SignedCheckpoint;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code provenance anchor}: signs a checkpoint of the current tree and anchors it on the registry now,
 * through the ledger's anchor queue (anchors still queued from earlier runs go out first, none twice).
 */
@Command(name = "anchor", description = "Anchor the latest checkpoint on the registry now (queued anchors first).",
        footer = {"", "--json: {\"logId\", \"size\", \"root\" (base64), \"target\"}"})
final class AnchorCommand implements Callable<Integer> {
    private final CommandContext ctx;

    @Mixin
    CommonOptions common;

    @Mixin
    ChainOptions chain;

    @Mixin
    KeyOptions keys;

    @Option(names = "--events", description = "events mode: also publish each record's id, model and DataNets")
    boolean events;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "180",
            description = "how long to wait for the chain; the anchor stays queued after (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    AnchorCommand(CommandContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws InterruptedException {
        Anchor anchored;
        String target;
        try (Ledger ledger = ctx.openExisting(common.ledger);
             Web3jAnchorSink sink = chain.writer(ctx, keys, events)) {
            SignedCheckpoint cp = ProofCommand.covering(ledger, ledger.size());
            try (AnchorScheduler scheduler = AnchorScheduler.builder(ctx.ledgerDirectory(common.ledger), sink)
                    .ledger(ledger).everyRecords(1).pollInterval(Duration.ofMillis(100))
                    .retryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10)).start()) {
                scheduler.anchorNow();
                if (!scheduler.awaitAnchored(cp.checkpoint().size(), Duration.ofSeconds(timeoutSeconds))) {
                    throw new AnchorException(sink.target(), "not anchored within " + timeoutSeconds
                            + " s (it stays queued for the next run): " + scheduler.lastError(), true);
                }
            }
            LogId id = LogId.ofVerifierKey(ledger.verifierKey());
            anchored = sink.latest(id).orElseThrow();
            target = sink.target();
        }
        if (common.json) {
            ctx.printJson(ctx.object().put("logId", anchored.logId().hex()).put("size", anchored.size())
                    .put("root", anchored.root().base64()).put("target", target));
        } else {
            ctx.println("anchored " + anchored.size() + " " + anchored.root().base64() + " log " + anchored.logId().hex());
        }
        return 0;
    }
}
