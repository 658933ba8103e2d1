package io.datanet.provenance.cli;

import io.datanet.provenance.InvalidInputException;
import io.datanet.provenance.evm.EvmKey;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of the commands that send transactions: the anchoring key and the confirmations to wait
 * for. The key never appears on the command line (where {@code ps} shows it): it comes from an environment
 * variable holding the hex private key, or from an Ethereum keystore file whose password is in an
 * environment variable.
 */
final class KeyOptions {
    /** The environment variable holding a keystore's password. */
    static final String PASSWORD_ENV = "PROVENANCE_EVM_KEYSTORE_PASSWORD";

    @Option(names = "--key-env", paramLabel = "VAR", defaultValue = EvmKey.ENV,
            description = "environment variable holding the anchoring key's hex private key (default: ${DEFAULT-VALUE})")
    String keyEnv;

    @Option(names = "--keystore", paramLabel = "FILE",
            description = "an Ethereum keystore file holding the anchoring key; its password in $" + PASSWORD_ENV)
    Path keystore;

    @Option(names = "--confirmations", paramLabel = "N", defaultValue = "1",
            description = "blocks an anchor transaction needs, its own included (default: ${DEFAULT-VALUE})")
    int confirmations;

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
}
