package io.datanet.provenance.query;

import static io.datanet.provenance.query.TestModels.model;
import static io.datanet.provenance.query.TestModels.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerOptions;
import io.datanet.provenance.record.CanonicalRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsesFindsEveryModelTrainedOnADataNetTest {
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
    void everyVersionOfADataNetReachesBothSidesOfTheDiamondAndEveryFineTuneBelowThem() {
        List<ModelUse> uses = queries.allUses("iris", Optional.empty());

        // base@1's group (its fine-tunes by log order), then the first other@1 run's group
        assertThat(uses).extracting(ModelUse::recordId).containsExactly(zoo.id("base"), zoo.id("base-ft1"),
                zoo.id("base-ft2"), zoo.id("deep3"), zoo.id("deep4"), zoo.id("deep5"), zoo.id("other"), zoo.id("other-ft"));
        assertThat(uses).extracting(ModelUse::modelRef, ModelUse::direct, ModelUse::through).containsExactly(
                tuple("base@1", true, null),
                tuple("base-ft@1", false, zoo.id("base")),
                tuple("base-ft@2", true, zoo.id("base")),
                tuple("deep@3", false, zoo.id("base-ft2")),
                tuple("deep@4", false, zoo.id("base-ft2")),
                tuple("deep@5", false, zoo.id("base-ft2")),
                tuple("other@1", true, null),
                tuple("other-ft@1", false, zoo.id("other")));
        assertThat(uses.get(2).directVersions()).containsExactly(version("iris", "v2"));
        assertThat(uses.get(0).directVersions()).containsExactly(version("iris", "v1"));
    }

    @Test
    void aReTrainedModelVersionKeepsItsOlderRunInTheAnswerMarkedSuperseded() {
        List<ModelUse> uses = queries.allUses("iris", Optional.empty());
        assertThat(uses).filteredOn(ModelUse::superseded).extracting(ModelUse::recordId).containsExactly(zoo.id("other"));
        assertThat(queries.allUses("digits", Optional.empty())).extracting(ModelUse::recordId, ModelUse::superseded)
                .containsExactly(tuple(zoo.id("other"), true), tuple(zoo.id("other-ft"), false),
                        tuple(zoo.id("deep3"), false), tuple(zoo.id("deep4"), false), tuple(zoo.id("deep5"), false),
                        tuple(zoo.id("other-retrained"), false));
    }

    @Test
    void aVersionFilterKeepsOnlyThatVersionsUsesAndWhatWasTunedFromThem() {
        assertThat(queries.allUses("iris", Optional.of(version("iris", "v2")))).extracting(ModelUse::recordId)
                .containsExactly(zoo.id("base-ft2"), zoo.id("deep3"), zoo.id("deep4"), zoo.id("deep5"));
        List<ModelUse> v1 = queries.allUses("iris", Optional.of(version("iris", "v1")));
        assertThat(v1).extracting(ModelUse::recordId).containsExactly(zoo.id("base"), zoo.id("base-ft1"),
                zoo.id("base-ft2"), zoo.id("deep3"), zoo.id("deep4"), zoo.id("deep5"), zoo.id("other"), zoo.id("other-ft"));
        // base-ft@2 trained on iris@v2 itself, but for the v1 question it only inherits v1 through base@1
        assertThat(v1.get(2).direct()).isFalse();
        assertThat(v1.get(2).through()).isEqualTo(zoo.id("base"));
        assertThat(queries.allUses("iris", Optional.of(version("iris", "v3")))).isEmpty();
    }

    @Test
    void aDataNetUsedAgainFurtherDownAChainIsAnsweredOnceInItsEarliestUsersGroup() {
        List<ModelUse> text = queries.allUses("text", Optional.empty());
        assertThat(text).extracting(ModelUse::recordId).containsExactly(zoo.id("base-ft1"), zoo.id("base-ft2"),
                zoo.id("deep3"), zoo.id("deep4"), zoo.id("deep5"), zoo.id("other-ft"), zoo.id("solo"));
        assertThat(text).extracting(ModelUse::modelRef, ModelUse::direct, ModelUse::through).containsExactly(
                tuple("base-ft@1", true, null),
                tuple("base-ft@2", false, zoo.id("base-ft1")),
                tuple("deep@3", false, zoo.id("base-ft1")),
                tuple("deep@4", true, zoo.id("base-ft1")),
                tuple("deep@5", true, zoo.id("deep4")),
                tuple("other-ft@1", true, null),
                tuple("solo@1", true, null));
    }

    @Test
    void theTwoSidesOfTheDiamondShareOnlyWhatTheyShare() {
        assertThat(queries.allUses("wine", Optional.empty())).extracting(ModelUse::recordId).containsExactly(
                zoo.id("base"), zoo.id("base-ft1"), zoo.id("base-ft2"), zoo.id("deep3"), zoo.id("deep4"), zoo.id("deep5"));
        assertThat(queries.allUses("nobody-used-this", Optional.empty())).isEmpty();
    }

    @Test
    void aFineTuneLoggedBeforeItsBaseModelIsStillAnsweredExactlyOnce() {
        try (Ledger other = Ledger.open(dir.resolve("out-of-order"), LedgerOptions.defaults().withCheckpointOnClose(false))) {
            CanonicalRecord parent = model("p", "1").on("x", "v1", "1").build();
            CanonicalRecord child = model("c", "1").parent(parent).on("x", "v1", "1").build();
            CanonicalRecord grandchild = model("g", "1").parent(child).on("y", "v1", "1").build();
            other.append(child);
            other.append(grandchild);
            other.append(parent);
            List<ModelUse> uses = LineageQueries.on(other).allUses("x", Optional.empty());
            assertThat(uses).extracting(ModelUse::modelRef, ModelUse::index, ModelUse::through).containsExactly(
                    tuple("c@1", 0L, parent.idHex()), tuple("g@1", 1L, child.idHex()), tuple("p@1", 2L, null));
        }
    }
}
