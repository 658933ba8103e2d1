package io.datanet.provenance.query;

import static io.datanet.provenance.query.TestModels.model;
import static io.datanet.provenance.query.TestModels.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datanet.provenance.Digest;
import io.datanet.provenance.InvalidInputException;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.ledger.LedgerOptions;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.record.DataNetUse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded random forest of fine-tunes over a few DataNets at two versions, with some fine-tunes logged before
 * their base model, checked against a brute-force answer: the direct uses and everything below them.
 */
class UsesPagesCoverEveryAnswerExactlyOnceTest {
    private static final List<String> DATANETS = List.of("a", "b", "c", "d", "e");

    @TempDir
    Path dir;
    Ledger ledger;
    LineageQueries queries;
    List<CanonicalRecord> records = new ArrayList<>();

    @BeforeEach
    void buildRandomForest() {
        ledger = Ledger.open(dir, LedgerOptions.defaults().withCheckpointOnClose(false));
        queries = LineageQueries.on(ledger);
        Random random = new Random(20261125);
        for (int i = 0; i < 160; i++) {
            TestModels.Model m = model("m" + (i % 40), "v" + i);
            if (i > 0 && random.nextInt(10) < 7) {
                m.parent(records.get(random.nextInt(records.size())));
            }
            int n = random.nextInt(3);
            Set<String> picked = new HashSet<>();
            for (int k = 0; k < n; k++) {
                String dn = DATANETS.get(random.nextInt(DATANETS.size()));
                String label = random.nextInt(4) == 0 ? "v2" : "v1";
                if (picked.add(dn + label)) {
                    m.on(dn, label, "1");
                }
            }
            records.add(m.build());
        }
        // log in creation order, except that every 9th record swaps with its successor (a fine-tune may then
        // precede its base model in the log)
        List<CanonicalRecord> order = new ArrayList<>(records);
        for (int i = 0; i + 1 < order.size(); i += 9) {
            CanonicalRecord t = order.get(i);
            order.set(i, order.get(i + 1));
            order.set(i + 1, t);
        }
        ledger.appendAll(order);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void everyPageSizeReturnsExactlyTheBruteForceAnswerWithNoRepeats() {
        for (String dn : DATANETS) {
            for (Optional<Digest> v : List.of(Optional.<Digest>empty(), Optional.of(version(dn, "v1")),
                    Optional.of(version(dn, "v2")))) {
                Map<String, Expected> expected = bruteForce(dn, v.orElse(null));
                List<ModelUse> reference = null;
                // page size 1 cuts inside every group, 3 and 5 at many offsets, the largest reads all at once
                int[] sizes = v.isEmpty() ? new int[] {1, 5, LineageQueries.MAX_PAGE_SIZE}
                        : new int[] {3, LineageQueries.MAX_PAGE_SIZE};
                for (int pageSize : sizes) {
                    List<ModelUse> all = allPages(dn, v, pageSize);
                    assertThat(all).extracting(ModelUse::recordId).as("%s %s page size %d", dn, v, pageSize)
                            .doesNotHaveDuplicates()
                            .containsExactlyInAnyOrderElementsOf(expected.keySet());
                    for (ModelUse u : all) {
                        assertThat(u.directVersions()).as(u.modelRef()).isEqualTo(expected.get(u.recordId()).direct);
                        assertThat(u.through()).as(u.modelRef()).isEqualTo(expected.get(u.recordId()).through);
                    }
                    if (reference == null) {
                        reference = all;
                    }
                    assertThat(all).as("the order does not depend on the page size").isEqualTo(reference);
                }
            }
        }
    }

    @Test
    void pagesKeepAnsweringForTheLogAsItWasAtTheFirstPageWhileOthersAppend() {
        List<ModelUse> before = queries.allUses("a", Optional.empty());
        assertThat(before.size()).isGreaterThan(6);
        UsesPage first = queries.uses("a", Optional.empty(), null, 3);
        // append a new direct use and a fine-tune of an early answer, then read on with the token
        ledger.append(model("late", "1").on("a", "v1", "1").build());
        ledger.append(model("late-ft", "1").parent(ledger.find(Digest.parseHex(before.get(0).recordId()))
                .orElseThrow().record()).build());
        List<ModelUse> paged = new ArrayList<>(first.uses());
        String token = first.nextPageToken();
        while (token != null) {
            UsesPage page = queries.uses("a", Optional.empty(), token, 3);
            assertThat(page.ledgerSize()).isEqualTo(first.ledgerSize());
            paged.addAll(page.uses());
            token = page.nextPageToken();
        }
        assertThat(paged).isEqualTo(before);
        assertThat(queries.allUses("a", Optional.empty())).extracting(ModelUse::modelRef)
                .contains("late@1", "late-ft@1").hasSize(before.size() + 2);
    }

    @Test
    void theLastPageHasNoTokenAndAnExactFitLeavesNoEmptyPage() {
        int total = queries.allUses("b", Optional.empty()).size();
        UsesPage page = queries.uses("b", Optional.empty(), null, total);
        assertThat(page.uses()).hasSize(total);
        assertThat(page.nextPageToken()).isNull();
        assertThat(queries.uses("b", Optional.empty(), null, total - 1).nextPageToken()).isNotNull();
    }

    @Test
    void malformedForeignOrOutOfRangeInputIsRefusedNamingIt() {
        String token = queries.uses("a", Optional.empty(), null, 2).nextPageToken();
        assertThatThrownBy(() -> queries.uses("b", Optional.empty(), token, 2)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("another query");
        assertThatThrownBy(() -> queries.uses("a", Optional.of(version("a", "v1")), token, 2))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> queries.uses("a", Optional.empty(), "not-a-token!", 2))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("page token");
        assertThatThrownBy(() -> queries.uses("a", Optional.empty(), null, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("page size");
        assertThatThrownBy(() -> queries.uses("a", Optional.empty(), null, LineageQueries.MAX_PAGE_SIZE + 1))
                .isInstanceOf(InvalidInputException.class);
    }

    private List<ModelUse> allPages(String dn, Optional<Digest> v, int pageSize) {
        List<ModelUse> out = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            UsesPage page = queries.uses(dn, v, token, pageSize);
            assertThat(page.uses().size()).isLessThanOrEqualTo(pageSize);
            if (page.nextPageToken() != null) {
                assertThat(page.uses()).hasSize(pageSize);
            }
            out.addAll(page.uses());
            token = page.nextPageToken();
            assertThat(++pages).isLessThan(10_000);
        } while (token != null);
        return out;
    }

    private record Expected(List<Digest> direct, String through) {}

    /** Every record that trained on the DataNet, or has an ancestor that did; with its versions and nearest such ancestor. */
    private Map<String, Expected> bruteForce(String dn, Digest version) {
        Map<String, CanonicalRecord> byId = new HashMap<>();
        ledger.scan(0, ledger.size(), (LedgerEntry e) -> byId.put(e.id(), e.record()));
        Map<String, Expected> out = new HashMap<>();
        for (CanonicalRecord r : byId.values()) {
            List<Digest> direct = direct(r, dn, version);
            String through = null;
            for (String p = r.record().model().parent(); p != null && byId.containsKey(p);
                 p = byId.get(p).record().model().parent()) {
                if (!direct(byId.get(p), dn, version).isEmpty()) {
                    through = p;
                    break;
                }
            }
            if (!direct.isEmpty() || through != null) {
                out.put(r.idHex(), new Expected(direct, through));
            }
        }
        return out;
    }

    private static List<Digest> direct(CanonicalRecord r, String dn, Digest version) {
        return r.record().datanets().stream().filter(d -> d.id().equals(dn))
                .map(DataNetUse::version).filter(v -> version == null || v.equals(version)).sorted().toList();
    }
}
