package io.datanet.provenance.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datanet.provenance.Digest;
import io.datanet.provenance.anchor.Anchor;
import io.datanet.provenance.anchor.AnchorConflictException;
import io.datanet.provenance.anchor.AnchorReceipt;
import io.datanet.provenance.anchor.AnchorRequest;
import io.datanet.provenance.anchor.LogId;
import io.datanet.provenance.anchor.RecordFact;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Web3jAnchorSinkOnAnvilTest {
    @TempDir
    static Path work;
    static AnvilNode anvil;
    static EvmKey key;
    static String registry;

    @BeforeAll
    static void startNode() throws Exception {
        anvil = AnvilNode.start(work);
        key = EvmKey.ofPrivateKey(anvil.fundedKey());
        registry = Web3jAnchorSink.deployRegistry(anvil.url(), key);
    }

    @AfterAll
    static void stopNode() {
        anvil.close();
    }

    private static Web3jAnchorSink sink(boolean facts) {
        return Web3jAnchorSink.builder(anvil.url(), registry).key(key).pollInterval(Duration.ofMillis(50))
                .publishRecordFacts(facts).build();
    }

    private static LogId newLog(String name) {
        return LogId.ofVerifierKey(name + "+00000000+AQ");
    }

    @Test
    void anchorsOnceAndThenFindsItOnChainInsteadOfSendingAgain() throws Exception {
        try (Web3jAnchorSink sink = sink(false)) {
            LogId log = newLog("once");
            Anchor a = new Anchor(log, 10, SampleRecords.digestOf("root 10"));
            AnchorReceipt first = sink.publish(AnchorRequest.of(a));
            assertThat(first.outcome()).isEqualTo(AnchorReceipt.Outcome.ANCHORED);
            assertThat(first.transaction()).startsWith("0x");
            long block = anvil.blockNumber();
            assertThat(sink.publish(AnchorRequest.of(a)).outcome()).isEqualTo(AnchorReceipt.Outcome.ALREADY_ANCHORED);
            assertThat(anvil.blockNumber()).as("no transaction sent the second time").isEqualTo(block);
            assertThat(sink.latest(log)).contains(a);
            assertThat(sink.find(log, 10)).contains(a);
            assertThat(sink.find(log, 9)).isEmpty();
            assertThat(sink.target()).isEqualTo("eip155:31337/" + registry.toLowerCase());
        }
    }

    @Test
    void theRegistryIsAppendOnly() {
        try (Web3jAnchorSink sink = sink(false)) {
            LogId log = newLog("append-only");
            sink.publish(AnchorRequest.of(new Anchor(log, 20, SampleRecords.digestOf("20"))));
            assertThat(sink.publish(AnchorRequest.of(new Anchor(log, 15, SampleRecords.digestOf("15")))).outcome())
                    .isEqualTo(AnchorReceipt.Outcome.SUPERSEDED);
            assertThatThrownBy(() -> sink.publish(AnchorRequest.of(new Anchor(log, 20, SampleRecords.digestOf("other")))))
                    .isInstanceOf(AnchorConflictException.class).hasMessageContaining("size 20");
            sink.publish(AnchorRequest.of(new Anchor(log, 30, SampleRecords.digestOf("30"))));
            assertThat(sink.anchors(log)).extracting(Anchor::size).containsExactly(20L, 30L);
        }
    }

    @Test
    void anotherAccountCannotAnchorALogItDoesNotOwn() throws Exception {
        LogId log = newLog("owned");
        try (Web3jAnchorSink sink = sink(false)) {
            sink.publish(AnchorRequest.of(new Anchor(log, 1, SampleRecords.digestOf("1"))));
        }
        EvmKey other = EvmKey.ofPrivateKey(anvil.fundedKey());
        try (Web3jAnchorSink intruder = Web3jAnchorSink.builder(anvil.url(), registry).key(other).build()) {
            assertThatThrownBy(() -> intruder.publish(AnchorRequest.of(new Anchor(log, 2, SampleRecords.digestOf("2")))))
                    .hasMessageContaining("anchored by " + key.address());
        }
    }

    @Test
    void eventsModeAnswersWhichModelsUsedADataNetFromTheChainAlone() {
        try (Web3jAnchorSink sink = sink(true)) {
            LogId log = newLog("events");
            List<RecordFact> facts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Digest id = SampleRecords.digestOf("record " + i);
                facts.add(new RecordFact(i, id, "model-" + i + "@v1", i == 1 ? List.of("dn-a") : List.of("dn-a", "dn-b")));
            }
            sink.publish(new AnchorRequest(new Anchor(log, 3, SampleRecords.digestOf("r3")), facts));
            assertThat(sink.usesOf("dn-b")).extracting(PublishedUse::modelRef).containsExactly("model-0@v1", "model-2@v1");
            assertThat(sink.usesOf("dn-a")).hasSize(3);
            assertThat(sink.facts(log, 0, 3)).isEqualTo(facts);
            assertThat(sink.facts(log, 1, 2)).containsExactly(facts.get(1));
        }
    }

    @Test
    void theHistoryIsReadAcrossManyBlocksInWindows() throws Exception {
        try (Web3jAnchorSink sink = Web3jAnchorSink.builder(anvil.url(), registry).key(key).logWindow(3)
                .pollInterval(Duration.ofMillis(50)).build()) {
            LogId log = newLog("windows");
            sink.publish(AnchorRequest.of(new Anchor(log, 1, SampleRecords.digestOf("w1"))));
            anvil.rpc("anvil_mine", "0x7"); // past two windows of 3 blocks
            sink.publish(AnchorRequest.of(new Anchor(log, 2, SampleRecords.digestOf("w2"))));
            assertThat(sink.anchors(log)).extracting(Anchor::size).containsExactly(1L, 2L);
        }
    }
}
