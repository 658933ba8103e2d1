package io.datanet.provenance.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.datanet.provenance.evm.PublishedUse;
import io.datanet.provenance.evm.Web3jAnchorSink;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code provenance chain-uses DATANET --rpc URL --registry ADDR}: every model version whose record was
 * published on the registry in events mode as trained on the DataNet, read from the chain alone.
 */
@Command(name = "chain-uses", description = "Models trained on a DataNet, from the registry's events (no ledger).",
        footer = {"", "--json: {\"dataNet\", \"uses\": [{\"model\", \"recordId\", \"transaction\", \"block\"}]}"})
final class ChainUsesCommand implements Callable<Integer> {
    private final CommandContext ctx;

    @Mixin
    CommonOptions common;

    @Mixin
    ChainOptions chain;

    @Parameters(index = "0", paramLabel = "DATANET", description = "the DataNet id")
    String dataNet;

    ChainUsesCommand(CommandContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        List<PublishedUse> uses;
        try (Web3jAnchorSink sink = chain.reader(ctx)) {
            uses = sink.usesOf(dataNet);
        }
        if (common.json) {
            var doc = ctx.object().put("dataNet", dataNet);
            ArrayNode list = doc.putArray("uses");
            for (PublishedUse u : uses) {
                list.addObject().put("model", u.modelRef()).put("recordId", u.recordId())
                        .put("transaction", u.transaction()).put("block", u.block());
            }
            ctx.printJson(doc);
        } else {
            for (PublishedUse u : uses) {
                ctx.println(u.modelRef() + "  " + u.recordId().substring(0, 12) + "  block " + u.block());
            }
        }
        return 0;
    }
}
