package io.datanet.provenance.evm;

import io.datanet.provenance.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.web3j.crypto.exception.CipherException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;

/**
 * The key that signs anchor transactions: from an environment variable holding the hex private key, or
 * from an encrypted Ethereum keystore (JSON V3) file. Never logged: {@link #toString()} shows the address
 * only. Use a dedicated key per ledger: the sink replaces its own stuck transactions by nonce.
 */
public final class EvmKey {
    /** The environment variable the CLI reads a hex private key from. */
    public static final String ENV = "PROVENANCE_EVM_KEY";

    private final Credentials credentials;

    private EvmKey(Credentials credentials) {
        this.credentials = credentials;
    }

    /**
     * The key held, as 64 hex characters with or without {@code 0x}, in environment variable {@code variable}.
     *
     * @throws InvalidInputException naming the variable (never its value) when it is unset or not a key
     */
    public static EvmKey fromEnvironment(String variable) {
        String value = System.getenv(Objects.requireNonNull(variable, "variable"));
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("$" + variable, "", "not set: it should hold the anchoring key's hex private key");
        }
        return ofHex(value.strip(), "$" + variable);
    }

    /**
     * A key from its hex private key (for tests and tools; prefer the environment or a keystore).
     *
     * @throws InvalidInputException when the text is not 32 bytes of hex
     */
    public static EvmKey ofPrivateKey(String hex) {
        return ofHex(hex.strip(), "private key");
    }

    private static EvmKey ofHex(String hex, String source) {
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (digits.length() != 64 || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new InvalidInputException(source, "", "not a private key (expected 64 hex characters)");
        }
        return new EvmKey(Credentials.create(digits));
    }

    /**
     * The key in an Ethereum keystore file, decrypted with {@code password}.
     *
     * @throws InvalidInputException naming the file when it cannot be read or the password is wrong
     */
    public static EvmKey fromKeystore(Path file, String password) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file.toString(), "", "no such keystore file");
        }
        try {
            return new EvmKey(WalletUtils.loadCredentials(password, file.toFile()));
        } catch (CipherException e) {
            throw new InvalidInputException(file.toString(), "", "cannot decrypt the keystore (wrong password?)");
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(file.toString(), "not a readable Ethereum keystore file", e);
        }
    }

    /** The account address, {@code 0x} and 40 lowercase hex characters. */
    public String address() {
        return credentials.getAddress();
    }

    Credentials credentials() {
        return credentials;
    }

    @Override
    public String toString() {
        return "EvmKey[" + address() + "]";
    }
}
