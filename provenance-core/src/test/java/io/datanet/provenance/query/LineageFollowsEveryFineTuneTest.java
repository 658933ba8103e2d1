package io.datanet.provenance.query;

import static io.datanet.provenance.query.TestModels.model;
import static io.datanet.provenance.query.TestModels.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.ledger.LedgerOptions;
import io.datanet.provenance.ledger.RecordNotFoundException;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.record.DataNetUse;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageFollowsEveryFineTuneTest {
    @TempDir
    Path dir;
    Ledger ledger;
    ModelZoo zoo;
    LineageQueries queries;

    @BeforeEach
    void open() {
        ledger = Ledger.open(dir, LedgerOptions.defaults().withCheckpointOnClose(false));
        zoo = new ModelZoo(ledger);
        queries = LineageQueries.on(ledger);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void aChainOfFiveFineTunesReachesTheModelTrainedFromScratch() {
        Lineage lineage = queries.lineage("deep@5");

        assertThat(lineage.chain()).extracting(LineageNode::recordId).containsExactly(zoo.id("deep5"), zoo.id("deep4"),
                zoo.id("deep3"), zoo.id("base-ft2"), zoo.id("base-ft1"), zoo.id("base"));
        assertThat(lineage.chain()).extracting(LineageNode::depth).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(lineage.chain()).extracting(LineageNode::modelRef)
                .containsExactly("deep@5", "deep@4", "deep@3", "base-ft@2", "base-ft@1", "base@1");
        assertThat(lineage.model().recordId()).isEqualTo(zoo.id("deep5"));
        assertThat(lineage.ancestors()).hasSize(5);
        assertThat(lineage.complete()).isTrue();
        assertThat(lineage.unresolvedParent()).isNull();
    }

    @Test
    void eachModelCarriesExactlyItsOwnDataNetsWithVersionsWeightsPartitionsAndCounts() {
        Lineage lineage = queries.lineage("deep@5");
        Map<String, List<String>> expected = Map.of(
                "deep@5", List.of("text@v1=1"),
                "deep@4", List.of("text@v1=0.3", "wine@v1=0.7"),
                "deep@3", List.of("digits@v1=1"),
                "base-ft@2", List.of("iris@v2=1"),
                "base-ft@1", List.of("text@v1=1"),
                "base@1", List.of("iris@v1=0.6", "wine@v1=0.4"));
        for (LineageNode node : lineage.chain()) {
            assertThat(node.datanets()).extracting(d -> d.id() + "@" + label(d) + "=" + d.weight().toPlainString())
                    .as(node.modelRef()).containsExactlyElementsOf(expected.get(node.modelRef()));
        }
        DataNetUse iris = lineage.chain().get(5).datanets().get(0);
        assertThat(iris.partitions()).extracting(p -> p.name(), p -> p.fraction(), p -> p.members())
                .containsExactly(tuple("test", new BigDecimal("0.2"), 200L), tuple("train", new BigDecimal("0.8"), 800L));
        assertThat(iris.observed()).extracting(o -> o.partition(), o -> o.epoch(), o -> o.samples())
                .containsExactly(tuple("train", 0, 800L), tuple("train", 1, 800L));
    }

    @Test
    void theDataNetsOfTheWholeLineageAreEveryVersionWithTheRecordsThatTrainedOnIt() {
        Lineage lineage = queries.lineage("deep@5");
        assertThat(lineage.dataNets()).extracting(LineageDataNet::ref, LineageDataNet::trainedBy).containsExactlyInAnyOrder(
                tuple("digits@" + version("digits", "v1"), List.of(zoo.id("deep3"))),
                tuple("iris@" + version("iris", "v1"), List.of(zoo.id("base"))),
                tuple("iris@" + version("iris", "v2"), List.of(zoo.id("base-ft2"))),
                tuple("text@" + version("text", "v1"), List.of(zoo.id("deep5"), zoo.id("deep4"), zoo.id("base-ft1"))),
                tuple("wine@" + version("wine", "v1"), List.of(zoo.id("deep4"), zoo.id("base"))));
        assertThat(lineage.dataNets()).extracting(LineageDataNet::id).isSorted();
    }

    @Test
    void aModelTrainedFromScratchHasNoAncestors() {
        Lineage lineage = queries.lineage("solo@1");
        assertThat(lineage.chain()).extracting(LineageNode::recordId).containsExactly(zoo.id("solo"));
        assertThat(lineage.ancestors()).isEmpty();
        assertThat(lineage.dataNets()).extracting(LineageDataNet::id).containsExactly("text");
    }

    @Test
    void aReTrainedModelVersionResolvesToItsNewestRecordWhileFineTunesKeepTheRunTheyStartedFrom() {
        assertThat(queries.lineage("other@1").chain()).extracting(LineageNode::recordId)
                .containsExactly(zoo.id("other-retrained"));
        assertThat(queries.lineage("other@1").model().datanets()).extracting(DataNetUse::id).containsExactly("digits");
        assertThat(queries.lineage("other-ft@1").chain()).extracting(LineageNode::recordId)
                .containsExactly(zoo.id("other-ft"), zoo.id("other"));
        assertThat(queries.lineage("other-ft@1").dataNets()).extracting(LineageDataNet::id)
                .containsExactly("digits", "iris", "text");
    }

    @Test
    void recordIdsAndIdPrefixesWorkAsReferences() {
        assertThat(queries.lineage(zoo.id("deep3")).model().modelRef()).isEqualTo("deep@3");
        assertThat(queries.lineage(zoo.id("other").substring(0, 10)).model().recordId()).isEqualTo(zoo.id("other"));
        assertThat(queries.lineage(zoo.id("deep3")).chain()).hasSize(4);
    }

    @Test
    void unknownReferencesAreRefusedNamingThem() {
        assertThatThrownBy(() -> queries.lineage("nothing@1")).isInstanceOf(RecordNotFoundException.class)
                .hasMessageContaining("nothing@1");
        assertThatThrownBy(() -> queries.lineage("deadbeef")).isInstanceOf(RecordNotFoundException.class);
    }

    @Test
    void aParentTheLedgerLacksEndsTheChainAndIsReportedNotHidden() {
        CanonicalRecord elsewhere = model("elsewhere", "1").on("iris", "v1", "1").build();
        ledger.append(model("orphan", "1").parent(elsewhere).on("wine", "v1", "1").build());

        Lineage lineage = queries.lineage("orphan@1");
        assertThat(lineage.chain()).extracting(LineageNode::modelRef).containsExactly("orphan@1");
        assertThat(lineage.complete()).isFalse();
        assertThat(lineage.unresolvedParent()).isEqualTo(elsewhere.idHex());
        assertThat(lineage.missingAncestor()).contains(elsewhere.idHex());
    }

    @Test
    void aLedgerThatLoopsParentLinksIsReportedInsteadOfWalkedForever() {
        // Only a store that returns records under ids that are not their hashes, or whose parent indexes are
        // corrupt, can loop; simulate one (its index answers loop as its ids do).
        String claimedParent = "ab".repeat(32);
        CanonicalRecord a = model("a", "1").parent(claimedParent).on("iris", "v1", "1").build();
        CanonicalRecord b = model("b", "1").parent(a).on("iris", "v1", "1").build();
        LedgerEntry ea = new LedgerEntry(0, a);
        LedgerEntry eb = new LedgerEntry(1, b);
        Map<String, LedgerEntry> byId = Map.of(claimedParent, eb, a.idHex(), ea);
        Ledger lying = (Ledger) Proxy.newProxyInstance(Ledger.class.getClassLoader(), new Class<?>[] {Ledger.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "resolve" -> ea;
                    case "find" -> Optional.ofNullable(byId.get(((Digest) args[0]).hex()));
                    case "size" -> 2L;
                    case "get" -> Optional.of((long) args[0] == 0 ? ea : eb);
                    case "usesOf" -> (long) args[1] < 0 ? List.of(ea, eb) : List.of();
                    case "useIndexes" -> (long) args[1] < 0 ? new long[] {0L, 1L} : new long[0];
                    case "children" -> List.of();
                    case "parentIndex" -> 1L - (long) args[0];
                    case "childIndexes" -> new long[] {1L - (long) args[0]};
                    case "usesDataNet" -> true;
                    case "superseded" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });

        assertThatThrownBy(() -> LineageQueries.on(lying).lineage("a@1")).isInstanceOf(LineageCycleException.class)
                .hasMessageContaining(a.idHex());
        assertThatThrownBy(() -> LineageQueries.on(lying).uses("iris", Optional.empty(), null, 10))
                .isInstanceOf(LineageCycleException.class);
    }

    private static String label(DataNetUse d) {
        for (String label : List.of("v1", "v2")) {
            if (d.version().equals(version(d.id(), label))) {
                return label;
            }
        }
        return d.version().toString();
    }
}
