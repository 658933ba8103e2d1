package io.datanet.provenance.evm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datanet.provenance.anchor.Anchor;
import io.datanet.provenance.anchor.AnchorReceipt;
import io.datanet.provenance.anchor.AnchorRequest;
import io.datanet.provenance.anchor.AnchorScheduler;
import io.datanet.provenance.anchor.AnchorVerifier;
import io.datanet.provenance.anchor.LogId;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault tests on a real node: the node stopped while a transaction waits, a transaction dropped from the
 * pool, the chain reverted to a block before the anchor. Each time the anchor ends up on chain exactly
 * once, and appends never wait.
 */
class AnchoringSurvivesNodeFaultsTest {
    @TempDir
    Path work;
    AnvilNode anvil;
    EvmKey key;
    String registry;

    @BeforeEach
    void startNode() throws Exception {
        anvil = AnvilNode.start(work.resolve("anvil"));
        key = EvmKey.ofPrivateKey(anvil.fundedKey());
        registry = Web3jAnchorSink.deployRegistry(anvil.url(), key);
    }

    @AfterEach
    void stopNode() {
        anvil.close();
    }

    private Web3jAnchorSink sink(int confirmations) {
        return Web3jAnchorSink.builder(anvil.url(), registry).key(key).confirmations(confirmations)
                .pollInterval(Duration.ofMillis(50)).receiptTimeout(Duration.ofSeconds(20)).build();
    }

    private AnchorScheduler scheduler(Ledger ledger, Web3jAnchorSink sink) {
        return AnchorScheduler.builder(work.resolve("ledger"), sink).ledger(ledger).everyRecords(5)
                .pollInterval(Duration.ofMillis(20)).retryBackoff(Duration.ofMillis(100), Duration.ofMillis(500))
                .closeTimeout(Duration.ofSeconds(2)).start();
    }

    /** Appends records {@code [from, to)}; returns the slowest append in milliseconds. */
    private static long append(Ledger ledger, long from, long to) {
        long slowest = 0;
        for (long i = from; i < to; i++) {
            long t = System.nanoTime();
            ledger.append(SampleRecords.canonical(i));
            slowest = Math.max(slowest, (System.nanoTime() - t) / 1_000_000);
        }
        return slowest;
    }

    private void awaitPendingTransaction() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (Long.decode(anvil.rpc("txpool_status").get("pending").asText()) == 0) {
            assertThat(System.nanoTime()).as("an anchor transaction reaches the pool").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void assertOnChainOnce(Ledger ledger, Web3jAnchorSink sink, long... sizes) {
        LogId id = LogId.ofVerifierKey(ledger.verifierKey());
        assertThat(sink.anchors(id)).extracting(Anchor::size).containsExactly(java.util.Arrays.stream(sizes).boxed()
                .toArray(Long[]::new));
        assertThat(AnchorVerifier.verify(ledger, sink).problems()).isEmpty();
    }

    @Test
    void theNodeStoppedWhileATransactionWaitsThenBack() throws Exception {
        try (Ledger ledger = Ledger.open(work.resolve("ledger")); Web3jAnchorSink sink = sink(1);
             AnchorScheduler anchors = scheduler(ledger, sink)) {
            append(ledger, 0, 5);
            assertThat(anchors.awaitAnchored(5, Duration.ofSeconds(20))).isTrue();
            anvil.rpc("evm_setAutomine", false);
            append(ledger, 5, 10);
            awaitPendingTransaction();
            anvil.stop(); // the pending transaction dies with the node
            long slowest = append(ledger, 10, 15);
            assertThat(slowest).as("appends while the node is down (ms)").isLessThan(2_000);
            Thread.sleep(500);
            assertThat(anchors.anchoredSize()).isEqualTo(5);
            anvil.restart(); // mines on demand again, with the chain as it was
            assertThat(anchors.awaitAnchored(15, Duration.ofSeconds(40))).as(anchors.lastError()).isTrue();
            assertOnChainOnce(ledger, sink, 5, 10, 15);
        }
    }

    @Test
    void aDroppedTransactionIsSentAgain() throws Exception {
        try (Ledger ledger = Ledger.open(work.resolve("ledger")); Web3jAnchorSink sink = sink(1);
             AnchorScheduler anchors = scheduler(ledger, sink)) {
            anvil.rpc("evm_setAutomine", false);
            append(ledger, 0, 5);
            awaitPendingTransaction();
            JsonNode pool = anvil.rpc("txpool_content").get("pending");
            String hash = pool.elements().next().elements().next().get("hash").asText();
            anvil.rpc("anvil_dropTransaction", hash);
            assertThat(anvil.rpc("eth_getTransactionByHash", hash).isNull()).isTrue();
            anvil.rpc("evm_setAutomine", true);
            assertThat(anchors.awaitAnchored(5, Duration.ofSeconds(40))).as(anchors.lastError()).isTrue();
            assertThat(anvil.rpc("eth_getTransactionReceipt", hash).isNull()).as("the dropped one never ran").isTrue();
            assertOnChainOnce(ledger, sink, 5);
        }
    }

    @Test
    void aRevertToABlockBeforeTheAnchorIsFollowedByAnotherSend() throws Exception {
        try (Ledger ledger = Ledger.open(work.resolve("ledger")); Web3jAnchorSink sink = sink(3)) {
            append(ledger, 0, 4);
            var cp = ledger.checkpoint().checkpoint();
            LogId id = LogId.ofVerifierKey(ledger.verifierKey());
            String snapshot = anvil.rpc("evm_snapshot").asText();
            CompletableFuture<AnchorReceipt> publish = CompletableFuture.supplyAsync(
                    () -> sink.publish(AnchorRequest.of(new Anchor(id, cp.size(), cp.root()))));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (sink.latest(id).isEmpty()) { // mined, waiting for 3 confirmations
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(anvil.rpc("evm_revert", snapshot).asBoolean()).isTrue();
            assertThat(sink.latest(id)).as("reverted away").isEmpty();
            while (!publish.isDone()) { // the chain goes on; the sink must notice and send again
                assertThat(System.nanoTime()).isLessThan(deadline + TimeUnit.SECONDS.toNanos(20));
                anvil.rpc("evm_mine");
                Thread.sleep(100);
            }
            AnchorReceipt receipt = publish.get();
            assertThat(receipt.outcome()).isEqualTo(AnchorReceipt.Outcome.ANCHORED);
            assertThat(anvil.rpc("eth_getTransactionReceipt", receipt.transaction()).get("status").asText()).isEqualTo("0x1");
            assertOnChainOnce(ledger, sink, 4);
        }
    }
}
