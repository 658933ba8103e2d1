package io.datanet.provenance.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datanet.provenance.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;

class EvmKeyNeverShowsTheSecretTest {
    private static final String HEX = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    @TempDir
    Path dir;

    @Test
    void aKeystoreFileOpensWithItsPasswordOnly() throws Exception {
        ECKeyPair pair = ECKeyPair.create(new java.math.BigInteger(HEX, 16));
        Path file = dir.resolve(WalletUtils.generateWalletFile("s3cret-pass", pair, dir.toFile(), false));
        EvmKey key = EvmKey.fromKeystore(file, "s3cret-pass");
        assertThat(key.address()).isEqualTo("0x" + Keys.getAddress(pair));
        assertThatThrownBy(() -> EvmKey.fromKeystore(file, "wrong"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("wrong password")
                .hasMessageNotContaining("s3cret-pass");
        assertThatThrownBy(() -> EvmKey.fromKeystore(dir.resolve("missing.json"), "x"))
                .hasMessageContaining("no such keystore file");
    }

    @Test
    void textFormsShowTheAddressNeverTheKey() {
        EvmKey key = EvmKey.ofPrivateKey("0x" + HEX);
        assertThat(key.toString()).contains(key.address()).doesNotContain(HEX);
        assertThatThrownBy(() -> EvmKey.ofPrivateKey(HEX.substring(2))).hasMessageNotContaining(HEX.substring(2))
                .hasMessageContaining("64 hex characters");
        assertThatThrownBy(() -> EvmKey.fromEnvironment("PROVENANCE_TEST_UNSET_KEY_VARIABLE"))
                .hasMessageContaining("$PROVENANCE_TEST_UNSET_KEY_VARIABLE").hasMessageContaining("not set");
    }
}
