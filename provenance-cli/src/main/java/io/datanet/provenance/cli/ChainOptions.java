package io.datanet.provenance.cli;

import io.datanet.provenance.InvalidInputException;
import io.datanet.provenance.evm.EvmKey;
import io.datanet.provenance.evm.Web3jAnchorSink;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options of the chain commands: the node, the registry and the anchoring key. The key never appears
 * on the command line (where {@code ps} shows it): it comes from an environment variable holding the hex
 * private key, or from an Ethereum keystore file whose password is in an environment variable.
 */
final class ChainOptions {
    /** The environment variable holding a keystore's password. */
    static final String PASSWORD_ENV = "PROVENANCE_EVM_KEYSTORE_PASSWORD";

    @Option(names = "--rpc", paramLabel = "URL", description = "the node's JSON-RPC URL (default: $PROVENANCE_EVM_RPC)")
    String rpc;

    @Option(names = "--registry", paramLabel = "ADDR",
            description = "the ProvenanceRegistry contract address (default: $PROVENANCE_EVM_REGISTRY)")
    String registry;

    @Option(names = "--key-env", paramLabel = "VAR", defaultValue = EvmKey.ENV,
            description = "environment variable holding the anchoring key's hex private key (default: ${DEFAULT-VALUE})")
    String keyEnv;

    @Option(names = "--keystore", paramLabel = "FILE",
            description = "an Ethereum keystore file holding the anchoring key; its password in $" + PASSWORD_ENV)
    Path keystore;

    @Option(names = "--confirmations", paramLabel = "N", defaultValue = "1",
            description = "blocks an anchor transaction needs, its own included (default: ${DEFAULT-VALUE})")
    int confirmations;

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

    EvmKey key(CommandContext ctx) {
        if (keystore != null) {
            String password = ctx.env(PASSWORD_ENV);
            if (password == null) {
                throw new InvalidInputException("$" + PASSWORD_ENV, "", "not set: it should hold the keystore's password");
            }
            return EvmKey.fromKeystore(keystore, password);
        }
        String hex = ctx.env(keyEnv);
        if (hex == null || hex.isBlank()) {
            throw new InvalidInputException("$" + keyEnv, "", "not set: it should hold the anchoring key's hex private "
                    + "key (or give --keystore FILE)");
        }
        try {
            return EvmKey.ofPrivateKey(hex);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("$" + keyEnv, "", "not a private key (expected 64 hex characters)");
        }
    }

    /** A sink on the registry; with the key when {@code signing}. */
    Web3jAnchorSink sink(CommandContext ctx, boolean signing, boolean events) {
        Web3jAnchorSink.Builder b = Web3jAnchorSink.builder(rpc(ctx), registry(ctx)).confirmations(confirmations)
                .fromBlock(fromBlock).pollInterval(Duration.ofMillis(200)).publishRecordFacts(events);
        if (signing) {
            b.key(key(ctx));
        }
        return b.build();
    }
}
