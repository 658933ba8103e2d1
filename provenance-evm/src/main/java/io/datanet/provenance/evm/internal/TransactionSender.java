package io.datanet.provenance.evm.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Sends one transaction at a time for one key and waits for it: EIP-1559 fees from the latest block, the
 * gas limit from an estimate, the nonce of the account's last mined transaction (so a re-send replaces a
 * stuck or dropped transaction of ours instead of queueing behind it, with fees raised as replacement
 * rules require), short receipt polling, and confirmations counted on a receipt that is still in the
 * canonical chain. Not thread-safe: the sink serializes calls.
 */
public final class TransactionSender {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionSender.class);
    private static final BigInteger DEFAULT_TIP = BigInteger.valueOf(1_000_000_000L);

    /** How waiting for a transaction ended. */
    public enum Status { CONFIRMED, REVERTED, DROPPED, TIMED_OUT }

    /** The outcome of waiting: the receipt when it was mined. */
    public record Outcome(Status status, String hash, Optional<TransactionReceipt> receipt) {}

    private final Web3j web3j;
    private final Credentials credentials;
    private final long chainId;
    private final int confirmations;
    private final long pollMillis;
    private final long timeoutMillis;
    private BigInteger lastNonce;
    private BigInteger lastTip = BigInteger.ZERO;
    private BigInteger lastMaxFee = BigInteger.ZERO;

    public TransactionSender(Web3j web3j, Credentials credentials, long chainId, int confirmations, Duration poll,
                             Duration timeout) {
        this.web3j = web3j;
        this.credentials = credentials;
        this.chainId = chainId;
        this.confirmations = confirmations;
        this.pollMillis = poll.toMillis();
        this.timeoutMillis = timeout.toMillis();
    }

    /** The sending account's address. */
    public String address() {
        return credentials.getAddress();
    }

    /**
     * Estimates, signs and sends a call of {@code to} with {@code data} ({@code to} null deploys a
     * contract); returns the transaction hash.
     *
     * @throws RevertedException if the node's estimate says the call reverts
     * @throws IOException       if the node cannot be reached or refuses the transaction
     */
    public String send(String to, String data) throws IOException {
        BigInteger nonce = check(web3j.ethGetTransactionCount(address(), DefaultBlockParameterName.LATEST).send())
                .getTransactionCount();
        EthEstimateGas estimate = web3j.ethEstimateGas(new Transaction(address(), null, null, null, to, BigInteger.ZERO,
                data)).send();
        if (estimate.hasError()) {
            throw new RevertedException(estimate.getError().getMessage() + dataOf(estimate.getError()));
        }
        BigInteger gasLimit = estimate.getAmountUsed().multiply(BigInteger.valueOf(5)).divide(BigInteger.valueOf(4))
                .add(BigInteger.valueOf(10_000));
        EthBlock.Block head = check(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()).getBlock();
        BigInteger base = head.getBaseFeePerGas() == null ? BigInteger.ZERO : head.getBaseFeePerGas();
        Response<String> tipResponse = web3j.ethMaxPriorityFeePerGas().send();
        BigInteger tip = tipResponse.hasError() || tipResponse.getResult() == null ? DEFAULT_TIP
                : Numeric.decodeQuantity(tipResponse.getResult());
        BigInteger maxFee = base.multiply(BigInteger.TWO).add(tip);
        if (nonce.equals(lastNonce)) { // a re-send replaces our earlier transaction: raise both fees by at least 12.5 %
            tip = tip.max(bump(lastTip));
            maxFee = maxFee.max(bump(lastMaxFee)).max(tip);
        }
        RawTransaction tx = RawTransaction.createTransaction(chainId, nonce, gasLimit, to == null ? "" : to,
                BigInteger.ZERO, data, tip, maxFee);
        String signed = Numeric.toHexString(TransactionEncoder.signMessage(tx, credentials));
        String hash = Hash.sha3(signed);
        EthSendTransaction sent = web3j.ethSendRawTransaction(signed).send();
        if (sent.hasError() && !sent.getError().getMessage().contains("already known")) {
            throw new IOException("the node refused the transaction: " + sent.getError().getMessage());
        }
        lastNonce = nonce;
        lastTip = tip;
        lastMaxFee = maxFee;
        LOG.debug("sent {} nonce {} gas limit {} max fee {}", hash, nonce, gasLimit, maxFee);
        return hash;
    }

    private static BigInteger bump(BigInteger fee) {
        return fee.add(fee.divide(BigInteger.valueOf(8))).add(BigInteger.ONE);
    }

    private static String dataOf(Response.Error error) {
        return error.getData() == null ? "" : " (" + error.getData() + ")";
    }

    /**
     * Waits until the transaction has the configured confirmations on the canonical chain, reverted,
     * vanished from the node (dropped, or reorganized out and not re-included) or the timeout passed.
     *
     * @throws IOException          if the node cannot be reached
     * @throws InterruptedException if interrupted while waiting
     */
    public Outcome await(String hash) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<TransactionReceipt> receipt = check(web3j.ethGetTransactionReceipt(hash).send()).getTransactionReceipt();
            if (receipt.isPresent()) {
                TransactionReceipt r = receipt.get();
                if (!r.isStatusOK()) {
                    return new Outcome(Status.REVERTED, hash, receipt);
                }
                BigInteger head = check(web3j.ethBlockNumber().send()).getBlockNumber();
                if (head.subtract(r.getBlockNumber()).longValueExact() + 1 >= confirmations) {
                    // still in the canonical chain at that depth? (a reorganization moves or removes it)
                    EthBlock.Block block = check(web3j.ethGetBlockByNumber(
                            org.web3j.protocol.core.DefaultBlockParameter.valueOf(r.getBlockNumber()), false).send()).getBlock();
                    if (block != null && r.getBlockHash().equalsIgnoreCase(block.getHash())) {
                        return new Outcome(Status.CONFIRMED, hash, receipt);
                    }
                }
            } else if (check(web3j.ethGetTransactionByHash(hash).send()).getTransaction().isEmpty()) {
                return new Outcome(Status.DROPPED, hash, Optional.empty());
            }
            Thread.sleep(pollMillis);
        }
        return new Outcome(Status.TIMED_OUT, hash, Optional.empty());
    }

    private static <T extends Response<?>> T check(T response) throws IOException {
        if (response.hasError()) {
            throw new IOException("node error " + response.getError().getCode() + ": " + response.getError().getMessage());
        }
        return response;
    }

    /** The node says the call would revert; the message carries the node's reason. */
    public static final class RevertedException extends IOException {
        private static final long serialVersionUID = 1L;

        RevertedException(String message) {
            super(message);
        }
    }
}
