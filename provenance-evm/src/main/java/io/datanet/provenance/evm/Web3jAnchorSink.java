package io.datanet.provenance.evm;

import io.datanet.provenance.Digest;
import io.datanet.provenance.anchor.Anchor;
import io.datanet.provenance.anchor.AnchorConflictException;
import io.datanet.provenance.anchor.AnchorException;
import io.datanet.provenance.anchor.AnchorReceipt;
import io.datanet.provenance.anchor.AnchorRequest;
import io.datanet.provenance.anchor.AnchorSink;
import io.datanet.provenance.anchor.LogId;
import io.datanet.provenance.anchor.RecordFact;
import io.datanet.provenance.evm.internal.ProvenanceRegistry;
import io.datanet.provenance.evm.internal.TransactionSender;
import io.datanet.provenance.evm.internal.TransactionSender.Outcome;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.tuples.generated.Tuple4;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * An {@link AnchorSink} on an EVM chain: the {@code ProvenanceRegistry} contract, reached through web3j
 * over JSON-RPC. Root mode sends {@code anchor(logId, size, root)}, one transaction per batch whatever its
 * size; events mode ({@link Builder#publishRecordFacts}) also publishes each record's id, model version and
 * DataNets as events, so {@link #usesOf} answers from the chain alone.
 *
 * <p>{@link #publish} reads the registry first and sends nothing when the anchor is already there; it
 * waits for the configured confirmations on the canonical chain, and re-sends (replacing by nonce) a
 * transaction that was dropped, reorganized away or stuck. Reads need no key.
 */
public final class Web3jAnchorSink implements AnchorSink {
    private static final Logger LOG = LoggerFactory.getLogger(Web3jAnchorSink.class);
    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    private final Web3j web3j;
    private final ProvenanceRegistry registry;
    private final RegistryEvents events;
    private final TransactionSender sender; // null without a key
    private final String target;
    private final boolean facts;
    private final int maxSends;

    private Web3jAnchorSink(Builder b, Web3j web3j, long chainId) {
        this.web3j = web3j;
        String from = b.key == null ? ZERO_ADDRESS : b.key.address();
        this.registry = ProvenanceRegistry.load(b.registry, web3j, new ReadonlyTransactionManager(web3j, from),
                new DefaultGasProvider());
        this.target = "eip155:" + chainId + "/" + b.registry.toLowerCase(java.util.Locale.ROOT);
        this.events = new RegistryEvents(web3j, b.registry, b.fromBlock, b.logWindow, target);
        this.sender = b.key == null ? null : new TransactionSender(web3j, b.key.credentials(), chainId, b.confirmations,
                b.pollInterval, b.receiptTimeout);
        this.facts = b.publishRecordFacts;
        this.maxSends = b.maxSends;
    }

    /** A builder for a sink on the registry at {@code registryAddress}, reached at JSON-RPC {@code rpcUrl}. */
    public static Builder builder(String rpcUrl, String registryAddress) {
        return new Builder(rpcUrl, registryAddress);
    }

    /**
     * Deploys a new registry with {@code key}'s account and waits for one confirmation.
     *
     * @return the registry's address
     * @throws AnchorException if the node cannot be reached or the deployment fails
     */
    public static String deployRegistry(String rpcUrl, EvmKey key) {
        Web3j web3j = Web3j.build(new HttpService(rpcUrl));
        try {
            long chainId = web3j.ethChainId().send().getChainId().longValueExact();
            TransactionSender s = new TransactionSender(web3j, key.credentials(), chainId, 1, Duration.ofMillis(200),
                    Duration.ofMinutes(2));
            Outcome o = s.await(s.send(null, ProvenanceRegistry.BINARY));
            if (o.status() != TransactionSender.Status.CONFIRMED) {
                throw new AnchorException(rpcUrl, "deploying the registry failed: " + o.status() + " " + o.hash(), true);
            }
            return o.receipt().orElseThrow().getContractAddress();
        } catch (IOException | ClientConnectionException e) {
            throw new AnchorException(rpcUrl, "cannot deploy the registry: " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnchorException(rpcUrl, "interrupted while deploying the registry", true, e);
        } finally {
            web3j.shutdown();
        }
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public boolean publishesRecordFacts() {
        return facts;
    }

    @Override
    public synchronized AnchorReceipt publish(AnchorRequest request) {
        if (sender == null) {
            throw new AnchorException(target, "no key: build the sink with a key to anchor", false);
        }
        Anchor a = request.anchor();
        try {
            for (int send = 0; send < maxSends; send++) {
                Optional<AnchorReceipt> done = alreadyOnChain(a, request.facts());
                if (done.isPresent()) {
                    return done.get();
                }
                String hash;
                try {
                    hash = sender.send(registry.getContractAddress(), encode(request));
                } catch (TransactionSender.RevertedException e) {
                    done = alreadyOnChain(a, List.of());
                    if (done.isPresent()) {
                        return done.get();
                    }
                    throw new AnchorException(target, "the registry refuses the anchor of log " + a.logId().hex()
                            + " at size " + a.size() + ": " + e.getMessage(), false, e);
                }
                Outcome o = sender.await(hash);
                switch (o.status()) {
                    case CONFIRMED -> {
                        if (root(a.logId(), a.size()).filter(a.root()::equals).isPresent()) {
                            return new AnchorReceipt(a, AnchorReceipt.Outcome.ANCHORED, hash,
                                    o.receipt().orElseThrow().getBlockNumber().longValueExact());
                        }
                        LOG.warn("anchor transaction {} confirmed but the registry lost it (reorganization); re-sending", hash);
                    }
                    case REVERTED -> {
                        done = alreadyOnChain(a, List.of());
                        if (done.isPresent()) {
                            return done.get();
                        }
                        throw new AnchorException(target, "anchor transaction " + hash + " reverted", false);
                    }
                    case DROPPED -> LOG.warn("anchor transaction {} was dropped by the node; re-sending", hash);
                    case TIMED_OUT -> LOG.warn("anchor transaction {} not confirmed in time; replacing it", hash);
                    default -> throw new IllegalStateException(o.status().name());
                }
            }
            throw new AnchorException(target, "log " + a.logId().hex() + " not anchored at size " + a.size() + " after "
                    + maxSends + " transactions", true);
        } catch (IOException | ClientConnectionException e) {
            throw new AnchorException(target, "cannot reach the node: " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnchorException(target, "interrupted while anchoring", true, e);
        }
    }

    /** What the registry already says about this anchor, if that settles it; throws on a conflict. */
    private Optional<AnchorReceipt> alreadyOnChain(Anchor a, List<RecordFact> facts) throws IOException {
        Optional<Digest> there = root(a.logId(), a.size());
        if (there.isPresent()) {
            if (!there.get().equals(a.root())) {
                throw new AnchorConflictException(target, a, there.get());
            }
            return Optional.of(new AnchorReceipt(a, AnchorReceipt.Outcome.ALREADY_ANCHORED, "", -1));
        }
        Tuple4<BigInteger, byte[], String, BigInteger> head = call(() -> registry.latestAnchor(a.logId().value().bytes()).send());
        long latest = head.component1().longValueExact();
        if (latest > a.size()) {
            return Optional.of(new AnchorReceipt(a, AnchorReceipt.Outcome.SUPERSEDED, "", -1));
        }
        String submitter = head.component3();
        if (latest > 0 && !submitter.equalsIgnoreCase(sender.address())) {
            throw new AnchorException(target, "log " + a.logId().hex() + " is anchored by " + submitter + ", not by "
                    + sender.address(), false);
        }
        if (!facts.isEmpty() && facts.get(0).index() != latest) {
            throw new AnchorException(target, "record facts start at " + facts.get(0).index()
                    + " but the registry's latest anchor is at size " + latest, true);
        }
        return Optional.empty();
    }

    private String encode(AnchorRequest request) {
        Anchor a = request.anchor();
        byte[] logId = a.logId().value().bytes();
        BigInteger size = BigInteger.valueOf(a.size());
        if (request.facts().isEmpty()) {
            return registry.anchor(logId, size, a.root().bytes()).encodeFunctionCall();
        }
        List<byte[]> ids = new ArrayList<>();
        List<String> models = new ArrayList<>();
        List<BigInteger> counts = new ArrayList<>();
        List<String> dataNets = new ArrayList<>();
        for (RecordFact f : request.facts()) {
            if (f.dataNetIds().size() > 255) {
                throw new AnchorException(target, "record " + f.index() + " names more than 255 DataNets", false);
            }
            ids.add(f.recordId().bytes());
            models.add(f.modelRef());
            counts.add(BigInteger.valueOf(f.dataNetIds().size()));
            dataNets.addAll(f.dataNetIds());
        }
        return registry.anchorWithRecords(logId, size, a.root().bytes(), ids, models, counts, dataNets).encodeFunctionCall();
    }

    private Optional<Digest> root(LogId logId, long size) throws IOException {
        byte[] root = call(() -> registry.anchorAt(logId.value().bytes(), BigInteger.valueOf(size)).send());
        return isZero(root) ? Optional.empty() : Optional.of(Digest.of(root));
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Optional<Anchor> find(LogId logId, long size) {
        try {
            return root(logId, size).map(r -> new Anchor(logId, size, r));
        } catch (IOException | ClientConnectionException e) {
            throw new AnchorException(target, "cannot read the registry: " + e.getMessage(), true, e);
        }
    }

    @Override
    public Optional<Anchor> latest(LogId logId) {
        try {
            Tuple4<BigInteger, byte[], String, BigInteger> head = call(() -> registry.latestAnchor(logId.value().bytes()).send());
            long size = head.component1().longValueExact();
            return size == 0 ? Optional.empty() : Optional.of(new Anchor(logId, size, Digest.of(head.component2())));
        } catch (IOException | ClientConnectionException e) {
            throw new AnchorException(target, "cannot read the registry: " + e.getMessage(), true, e);
        }
    }

    @Override
    public List<Anchor> anchors(LogId logId) {
        return events.anchors(logId);
    }

    @Override
    public List<RecordFact> facts(LogId logId, long from, long to) {
        return events.facts(logId, from, to);
    }

    /**
     * Every use of DataNet {@code dataNetId} published on this registry in events mode, oldest first.
     *
     * @throws AnchorException if the node cannot be read
     */
    public List<PublishedUse> usesOf(String dataNetId) {
        return events.usesOf(dataNetId);
    }

    private interface ChainCall<T> {
        T call() throws Exception;
    }

    private <T> T call(ChainCall<T> c) throws IOException {
        try {
            return c.call();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) { // web3j reports HTTP failures and failed calls as runtime exceptions
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        web3j.shutdown();
    }

    @Override
    public String toString() {
        return "Web3jAnchorSink[" + target + (sender == null ? ", read-only" : ", " + sender.address()) + "]";
    }

    /** Settings of a {@link Web3jAnchorSink}. */
    public static final class Builder {
        private final String rpcUrl;
        private final String registry;
        private EvmKey key;
        private int confirmations = 1;
        private Duration pollInterval = Duration.ofMillis(500);
        private Duration receiptTimeout = Duration.ofMinutes(3);
        private boolean publishRecordFacts;
        private long fromBlock;
        private long logWindow = 10_000;
        private int maxSends = 5;

        private Builder(String rpcUrl, String registry) {
            this.rpcUrl = Objects.requireNonNull(rpcUrl, "rpcUrl");
            this.registry = Objects.requireNonNull(registry, "registryAddress");
            if (!registry.matches("0x[0-9a-fA-F]{40}")) {
                throw new IllegalArgumentException("registry address must be 0x and 40 hex characters, got " + registry);
            }
        }

        /** The key that signs anchor transactions; without one the sink only reads. */
        public Builder key(EvmKey key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        /** Blocks a transaction must have (its own included) before an anchor counts (default 1). */
        public Builder confirmations(int blocks) {
            if (blocks < 1) {
                throw new IllegalArgumentException("confirmations must be at least 1, got " + blocks);
            }
            this.confirmations = blocks;
            return this;
        }

        /** How often receipts are polled (default 500 ms; web3j's own default of 15 s is far too slow). */
        public Builder pollInterval(Duration interval) {
            if (interval.toMillis() < 1) {
                throw new IllegalArgumentException("pollInterval must be at least 1 ms, got " + interval);
            }
            this.pollInterval = interval;
            return this;
        }

        /** How long one transaction may stay unconfirmed before it is replaced (default 3 minutes). */
        public Builder receiptTimeout(Duration timeout) {
            if (timeout.toMillis() < 1) {
                throw new IllegalArgumentException("receiptTimeout must be positive, got " + timeout);
            }
            this.receiptTimeout = timeout;
            return this;
        }

        /** Events mode: publish each record's id, model version and DataNets with its anchor (default off). */
        public Builder publishRecordFacts(boolean publish) {
            this.publishRecordFacts = publish;
            return this;
        }

        /** The block to start reading events from (the registry's deployment block; default 0). */
        public Builder fromBlock(long block) {
            if (block < 0) {
                throw new IllegalArgumentException("fromBlock must not be negative, got " + block);
            }
            this.fromBlock = block;
            return this;
        }

        /** The most blocks one {@code eth_getLogs} query spans; nodes cap it (default 10,000). */
        public Builder logWindow(long blocks) {
            if (blocks < 1) {
                throw new IllegalArgumentException("logWindow must be at least 1 block, got " + blocks);
            }
            this.logWindow = blocks;
            return this;
        }

        /** How many transactions one publish may send before giving up until the next retry (default 5). */
        public Builder maxSends(int sends) {
            if (sends < 1) {
                throw new IllegalArgumentException("maxSends must be at least 1, got " + sends);
            }
            this.maxSends = sends;
            return this;
        }

        /**
         * Connects and reads the chain id.
         *
         * @throws AnchorException if the node cannot be reached
         */
        public Web3jAnchorSink build() {
            Web3j web3j = Web3j.build(new HttpService(rpcUrl));
            try {
                long chainId = web3j.ethChainId().send().getChainId().longValueExact();
                return new Web3jAnchorSink(this, web3j, chainId);
            } catch (IOException | RuntimeException e) {
                web3j.shutdown();
                throw new AnchorException(rpcUrl, "cannot reach the node: " + e.getMessage(), true, e);
            }
        }
    }
}
