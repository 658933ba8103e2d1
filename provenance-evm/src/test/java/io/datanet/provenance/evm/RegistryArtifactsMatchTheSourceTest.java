package io.datanet.provenance.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.codegen.SolidityFunctionWrapperGenerator;

/**
 * The committed ABI, bytecode and web3j wrapper are exactly what the committed Solidity source gives: the
 * pinned solc-js recompiles it offline (scripts/compile-registry.mjs) and web3j's codegen regenerates the
 * wrapper. To change the contract: edit it, run the script, regenerate the wrapper as below, commit all.
 */
class RegistryArtifactsMatchTheSourceTest {
    static final String WRAPPER = "src/main/java/io/datanet/provenance/evm/internal/ProvenanceRegistry.java";

    @TempDir
    Path out;

    @Test
    void solcJsRecompilesTheSourceToTheCommittedAbiAndBytecode() throws Exception {
        Path module = EvmTools.moduleDir();
        assumeThat(EvmTools.solcJs()).as("solc-js installed by .ci/setup-evm.sh").isNotNull();
        Process p = new ProcessBuilder("node", module.resolve("scripts/compile-registry.mjs").toString(), out.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        for (String file : new String[] {"ProvenanceRegistry.abi.json", "ProvenanceRegistry.bin"}) {
            assertThat(Files.readString(out.resolve(file))).as(file + " (rerun scripts/compile-registry.mjs)")
                    .isEqualTo(Files.readString(module.resolve("contracts").resolve(file)));
        }
    }

    @Test
    void codegenRegeneratesTheCommittedWrapper() throws Exception {
        Path module = EvmTools.moduleDir();
        new SolidityFunctionWrapperGenerator(module.resolve("contracts/ProvenanceRegistry.bin").toFile(),
                module.resolve("contracts/ProvenanceRegistry.abi.json").toFile(), out.toFile(), "ProvenanceRegistry",
                "io.datanet.provenance.evm.internal", true, false, 20).generate();
        assertThat(Files.readString(out.resolve("io/datanet/provenance/evm/internal/ProvenanceRegistry.java")))
                .as("regenerate " + WRAPPER + " with web3j codegen from the committed ABI and bytecode")
                .isEqualTo(Files.readString(module.resolve(WRAPPER)));
    }
}
