package io.datanet.provenance.cli;

import io.datanet.provenance.InvalidInputException;
import io.datanet.provenance.evm.Web3jAnchorSink;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of the chain commands that name the node and the registry. */
final class ChainOptions {
    @Option(names = "--rpc", paramLabel = "URL", description = "the node's JSON-RPC URL (default: $PROVENANCE_EVM_RPC)")
    String rpc;

    @Option(names = "--registry", paramLabel = "ADDR",
            description = "the ProvenanceRegistry contract address (default: $PROVENANCE_EVM_REGISTRY)")
    String registry;

    @Option(names = "--from-block", paramLabel = "N", defaultValue = "0",
            description = "the block to read registry events from, e.g. its deployment block (default: ${DEFAULT-VALUE})")
    long fromBlock;

    String rpc(CommandContext ctx) {
        return required(rpc, ctx, "PROVENANCE_EVM_RPC", "--rpc URL");
    }

    String registry(CommandContext ctx) {
        return required(registry, ctx, "PROVENANCE_EVM_REGISTRY", "--registry ADDR");
    }

    private static String required(String value, CommandContext ctx, String env, String option) {
        if (value != null && !value.isBlank()) {
            return value;
        }
        String fromEnv = ctx.env(env);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        throw new InvalidInputException(option, "", "required (or set $" + env + ")");
    }

    /** A sink that reads the registry. */
    Web3jAnchorSink reader(CommandContext ctx) {
        return builder(ctx).build();
    }

    /** A sink that anchors with the key {@code keys} names. */
    Web3jAnchorSink writer(CommandContext ctx, KeyOptions keys, boolean events) {
        return builder(ctx).key(keys.key(ctx)).confirmations(keys.confirmations).publishRecordFacts(events).build();
    }

    private Web3jAnchorSink.Builder builder(CommandContext ctx) {
        return Web3jAnchorSink.builder(rpc(ctx), registry(ctx)).fromBlock(fromBlock).pollInterval(Duration.ofMillis(200));
    }
}
