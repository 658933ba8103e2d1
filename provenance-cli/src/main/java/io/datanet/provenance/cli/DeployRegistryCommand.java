package io.datanet.provenance.cli;

import io.datanet.provenance.evm.EvmKey;
import io.datanet.provenance.evm.Web3jAnchorSink;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code provenance deploy-registry --rpc URL}: deploys a ProvenanceRegistry contract and prints its address. */
@Command(name = "deploy-registry", description = "Deploy the ProvenanceRegistry contract; print its address.",
        footer = {"", "--json: {\"registry\", \"deployer\"}"})
final class DeployRegistryCommand implements Callable<Integer> {
    private final CommandContext ctx;

    @Mixin
    CommonOptions common;

    @Mixin
    ChainOptions chain;

    @Mixin
    KeyOptions keys;

    DeployRegistryCommand(CommandContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        EvmKey key = keys.key(ctx);
        String address = Web3jAnchorSink.deployRegistry(chain.rpc(ctx), key);
        if (common.json) {
            ctx.printJson(ctx.object().put("registry", address).put("deployer", key.address()));
        } else {
            ctx.println(address);
        }
        return 0;
    }
}
