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
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streamed {@code uses} walk on hand-built graphs where it can go wrong: a fine-tune chain deeper than the
 * harness's 20 with a DataNet used again at another version half-way down, a wide base whose children are cut by
 * pages anywhere (some of them direct uses at the other version, one logged before the base: a diamond of owners),
 * pages resumed after appends below the very path a token climbs, tokens naming a record outside their group, and
 * a page reading only the records it returns. Every answer is checked against a brute-force answer computed from
 * the whole log, including the documented order (owners by leaf index, each group depth first, children in log
 * order).
 */
class UsesStreamsGroupsAndResumesByLeafIndexTest {
    @TempDir
    Path dir;
    Ledger ledger;
    LineageQueries queries;
    final List<CanonicalRecord> chain = new ArrayList<>();
    final List<CanonicalRecord> wide = new ArrayList<>();
    CanonicalRecord early;

    @BeforeEach
    void build() {
        ledger = Ledger.open(dir, LedgerOptions.defaults().withCheckpointOnClose(false));
        queries = LineageQueries.on(ledger);
        // a chain of 30: the root trains on x@v1, depth 25 on x@v2 again, the rest on y only
        for (int d = 0; d < 30; d++) {
            TestModels.Model m = model("chain", "d" + d).on("y", "v1", "1");
            if (d == 0) {
                m.on("x", "v1", "1");
            } else {
                m.parent(chain.get(d - 1));
            }
            if (d == 25) {
                m.on("x", "v2", "1");
            }
            chain.add(ledger.append(m.build()).record());
        }
        // a direct use of x@v2 logged before the wide base it fine-tunes from: it owns its own subtree
        CanonicalRecord base = model("wide", "base").on("x", "v1", "1").build();
        early = model("wide-early", "1").parent(base).on("x", "v2", "1").build();
        ledger.append(early);
        ledger.append(model("wide-early-ft", "1").parent(early).build());
        wide.add(ledger.append(base).record());
        for (int c = 0; c < 12; c++) {
            TestModels.Model m = model("wide-child", Integer.toString(c)).parent(base);
            if (c % 4 == 1) {
                m.on("x", c % 8 == 1 ? "v2" : "v1", "1");
            }
            CanonicalRecord child = ledger.append(m.build()).record();
            wide.add(child);
            for (int g = 0; g < c % 3; g++) {
                wide.add(ledger.append(model("wide-grandchild", c + "." + g).parent(child).build()).record());
            }
        }
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void everyPageSizeGivesTheBruteForceAnswersInTheDocumentedOrder() {
        for (Optional<Digest> v : List.of(Optional.<Digest>empty(), Optional.of(version("x", "v1")),
                Optional.of(version("x", "v2")))) {
            List<ModelUse> expected = bruteForce("x", v.orElse(null));
            assertThat(expected).isNotEmpty();
            for (int pageSize : new int[] {1, 2, 3, 7, 50}) {
                assertThat(allPages("x", v, pageSize)).as("%s page size %d", v, pageSize).isEqualTo(expected);
            }
        }
    }

    @Test
    void aDeepChainIsOneGroupAndTheSecondVersionStartsItsOwnBelowDepth25() {
        List<ModelUse> v2 = queries.allUses("x", Optional.of(version("x", "v2")));
        assertThat(v2).extracting(ModelUse::recordId).startsWith(chain.subList(25, 30).stream()
                .map(CanonicalRecord::idHex).toArray(String[]::new));
        assertThat(v2.subList(1, 5)).allSatisfy(u -> assertThat(u.through()).isEqualTo(chain.get(25).idHex()));
        List<ModelUse> all = allPages("x", Optional.empty(), 4);
        assertThat(all.subList(0, 30)).extracting(ModelUse::recordId)
                .containsExactlyElementsOf(chain.stream().map(CanonicalRecord::idHex).toList());
        assertThat(all.get(29).through()).isEqualTo(chain.get(25).idHex());
        assertThat(all.get(25).directVersions()).containsExactly(version("x", "v2"));
        assertThat(all.get(24).through()).isEqualTo(chain.get(0).idHex());
    }

    @Test
    void pagesResumedAfterAppendsBelowTheirPathAnswerForTheFirstSnapshot() {
        List<ModelUse> before = queries.allUses("x", Optional.empty());
        List<ModelUse> paged = new ArrayList<>();
        UsesPage page = queries.uses("x", Optional.empty(), null, 2);
        int round = 0;
        while (true) {
            paged.addAll(page.uses());
            if (page.nextPageToken() == null) {
                break;
            }
            // grow the tree right where the walk stands: below the last answer, beside it, and a new direct use
            CanonicalRecord last = ledger.find(Digest.parseHex(page.uses().get(page.uses().size() - 1).recordId()))
                    .orElseThrow().record();
            ledger.append(model("late-child", Integer.toString(round)).parent(last).build());
            ledger.append(model("late-sibling", Integer.toString(round)).parent(wide.get(0)).on("x", "v1", "1").build());
            ledger.append(model("late-direct", Integer.toString(round++)).on("x", "v2", "1").build());
            page = queries.uses("x", Optional.empty(), page.nextPageToken(), 2);
        }
        assertThat(paged).isEqualTo(before);
        assertThat(queries.allUses("x", Optional.empty())).hasSize(before.size() + 3 * round)
                .isEqualTo(bruteForce("x", null));
    }

    @Test
    void aTokenNamingARecordOutsideItsOwnersGroupIsRefused() {
        long size = ledger.size();
        String q = PageToken.fingerprint("x", null);
        long owner = index(chain.get(0));
        // the early direct use's fine-tune belongs to that use's group, not to the chain's
        long elsewhere = index(ledger.find(Digest.parseHex(bruteForce("x", null).stream()
                .filter(u -> u.modelRef().equals("wide-early-ft@1")).findFirst().orElseThrow().recordId()))
                .orElseThrow().record());
        assertThatThrownBy(() -> queries.uses("x", Optional.empty(), new PageToken(size, owner, elsewhere, q).encode(), 5))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not fit");
        // a chain member is not an owner: its group belongs to the root
        long member = index(chain.get(3));
        assertThatThrownBy(() -> queries.uses("x", Optional.empty(), new PageToken(size, member, member, q).encode(), 5))
                .isInstanceOf(InvalidInputException.class);
        // the chain at depth 25 owns nothing for "every version" (the root owns it), but does for v2
        long d25 = index(chain.get(25));
        assertThatThrownBy(() -> queries.uses("x", Optional.empty(), new PageToken(size, d25, d25, q).encode(), 5))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not fit");
        String q2 = PageToken.fingerprint("x", version("x", "v2"));
        assertThat(queries.uses("x", Optional.of(version("x", "v2")), new PageToken(size, d25, d25, q2).encode(), 5)
                .uses()).hasSize(5);
    }

    @Test
    void aPageReadsOnlyTheRecordsItReturnsEvenInsideALargeGroup() {
        CanonicalRecord hub = ledger.append(model("hub", "1").on("z", "v1", "1").build()).record();
        List<CanonicalRecord> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(model("hub-ft", Integer.toString(i)).parent(hub).build());
        }
        ledger.appendAll(batch);
        AtomicInteger reads = new AtomicInteger();
        Ledger counting = (Ledger) Proxy.newProxyInstance(Ledger.class.getClassLoader(), new Class<?>[] {Ledger.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(ledger, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (result instanceof Optional<?> o && o.isPresent() && o.get() instanceof LedgerEntry) {
                        reads.incrementAndGet();
                    } else if (result instanceof LedgerEntry) {
                        reads.incrementAndGet();
                    } else if (result instanceof List<?> l) {
                        reads.addAndGet(l.size());
                    }
                    return result;
                });
        LineageQueries q = LineageQueries.on(counting);
        UsesPage first = q.uses("z", Optional.empty(), null, 10);
        assertThat(first.uses()).hasSize(10);
        assertThat(reads.get()).as("records read for a first page of 10 in a group of 301").isLessThanOrEqualTo(12);
        reads.set(0);
        UsesPage second = q.uses("z", Optional.empty(), first.nextPageToken(), 10);
        assertThat(second.uses()).extracting(ModelUse::modelRef).first().isEqualTo("hub-ft@9");
        assertThat(reads.get()).as("records read for the second page").isLessThanOrEqualTo(12);
    }

    private long index(CanonicalRecord r) {
        return ledger.find(r.id()).orElseThrow().index();
    }

    private List<ModelUse> allPages(String dn, Optional<Digest> v, int pageSize) {
        List<ModelUse> out = new ArrayList<>();
        String token = null;
        do {
            UsesPage page = queries.uses(dn, v, token, pageSize);
            assertThat(page.uses().size()).isLessThanOrEqualTo(pageSize);
            out.addAll(page.uses());
            token = page.nextPageToken();
        } while (token != null);
        return out;
    }

    /**
     * The answer computed from the whole log: owners (direct uses with no direct-use ancestor logged before them)
     * by leaf index, each followed by its group depth first, children in log order, stopping at direct uses logged
     * before the owner.
     */
    private List<ModelUse> bruteForce(String dn, Digest version) {
        List<LedgerEntry> all = new ArrayList<>();
        ledger.scan(0, ledger.size(), all::add);
        Map<String, LedgerEntry> byId = new HashMap<>();
        Map<String, List<LedgerEntry>> children = new HashMap<>();
        all.forEach(e -> byId.put(e.id(), e));
        for (LedgerEntry e : all) {
            String p = e.record().record().model().parent();
            if (p != null && byId.containsKey(p)) {
                children.computeIfAbsent(p, k -> new ArrayList<>()).add(e);
            }
        }
        children.values().forEach(l -> l.sort(Comparator.comparingLong(LedgerEntry::index)));
        List<ModelUse> out = new ArrayList<>();
        for (LedgerEntry e : all) {
            if (direct(e, dn, version).isEmpty()) {
                continue;
            }
            String nearest = null;
            boolean ownedEarlier = false;
            for (String p = e.record().record().model().parent(); p != null && byId.containsKey(p);
                 p = byId.get(p).record().record().model().parent()) {
                if (!direct(byId.get(p), dn, version).isEmpty()) {
                    nearest = nearest == null ? p : nearest;
                    ownedEarlier |= byId.get(p).index() < e.index();
                }
            }
            if (!ownedEarlier) {
                emit(e, nearest, e.index(), dn, version, children, out);
            }
        }
        return out;
    }

    private void emit(LedgerEntry e, String through, long owner, String dn, Digest version,
                      Map<String, List<LedgerEntry>> children, List<ModelUse> out) {
        List<Digest> direct = direct(e, dn, version);
        String ref = e.record().record().model().ref();
        out.add(new ModelUse(e.index(), e.id(), ref, direct, through, ledger.resolve(ref).index() != e.index()));
        for (LedgerEntry c : children.getOrDefault(e.id(), List.of())) {
            if (c.index() < owner && !direct(c, dn, version).isEmpty()) {
                continue;
            }
            emit(c, direct.isEmpty() ? through : e.id(), owner, dn, version, children, out);
        }
    }

    private static List<Digest> direct(LedgerEntry e, String dn, Digest version) {
        return e.record().record().datanets().stream().filter(d -> d.id().equals(dn)).map(DataNetUse::version)
                .filter(v -> version == null || v.equals(version)).sorted().toList();
    }
}
