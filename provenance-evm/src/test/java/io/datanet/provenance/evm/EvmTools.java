package io.datanet.provenance.evm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the tools the tests run: the variable {@code .ci/setup-evm.sh} exports, else the module's own
 * {@code node_modules} (where that script and the Maven build install them), else a clear failure.
 */
public final class EvmTools {
    private EvmTools() {}

    public static Path moduleDir() {
        Path here = Paths.get("").toAbsolutePath();
        if (Files.isDirectory(here.resolve("contracts"))) {
            return here;
        }
        Path sibling = here.resolveSibling("provenance-evm"); // run from another module, e.g. the CLI's tests
        return Files.isDirectory(sibling) ? sibling : here.resolve("provenance-evm");
    }

    public static Path anvil() {
        return find("PROVENANCE_ANVIL", "@foundry-rs/anvil-linux-amd64/bin/anvil");
    }

    public static Path cast() {
        return find("PROVENANCE_CAST", "@foundry-rs/cast-linux-amd64/bin/cast");
    }

    /** solc-js's package directory, or null when it is not installed. */
    public static Path solcJs() {
        Path p = nodeModules().resolve("solc");
        return Files.isRegularFile(p.resolve("package.json")) ? p : null;
    }

    private static Path nodeModules() {
        String env = System.getenv("PROVENANCE_EVM_TOOLS");
        return env != null && !env.isBlank() ? Paths.get(env) : moduleDir().resolve("node_modules");
    }

    private static Path find(String variable, String relative) {
        String env = System.getenv(variable);
        if (env != null && !env.isBlank() && Files.isExecutable(Paths.get(env))) {
            return Paths.get(env);
        }
        Path local = nodeModules().resolve(relative);
        if (Files.isExecutable(local)) {
            return local;
        }
        throw new IllegalStateException(relative.substring(relative.lastIndexOf('/') + 1) + " not found (neither $"
                + variable + " nor " + local + "): run .ci/setup-evm.sh from the repository root, which installs "
                + "anvil, cast and solc-js into provenance-evm/node_modules");
    }
}
