package io.datanet.provenance.query;

import static io.datanet.provenance.query.TestModels.model;
import static io.datanet.provenance.query.TestModels.version;
import static org.assertj.core.api.Assertions.assertThat;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerOptions;
import io.datanet.provenance.record.CanonicalRecord;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code uses} page parses no record it returns: what it shows of each answer (id, {@code model@version}, DataNet
 * versions, the id it is used through) comes from {@link Ledger#summary}; the only parsed records are the direct uses
 * {@link Ledger#usesOf} lists. A counting wrapper around the embedded store counts the calls of every method that
 * returns parsed entries, and the entries they return.
 */
class UsesPagesReadSummariesNotRecordsTest {
    /** The ledger methods that parse the records they return, but for {@code usesOf}. */
    private static final Set<String> PARSING = Set.of("get", "find", "resolve", "findByWeights", "children", "scan");

    @TempDir
    Path dir;
    Ledger ledger;
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final AtomicInteger parsedByUsesOf = new AtomicInteger();
    LineageQueries counted;

    @BeforeEach
    void build() {
        ledger = Ledger.open(dir, LedgerOptions.defaults().withCheckpointOnClose(false));
        // 30 direct uses of w at alternating versions, each with fine-tunes used "through" it: a chain of two and two
        // more children, so a page of 100 is mostly answers that are no direct use
        List<CanonicalRecord> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            CanonicalRecord base = model("base", Integer.toString(i)).on("w", i % 2 == 0 ? "v1" : "v2", "1")
                    .on("other", "v1", "1").build();
            batch.add(base);
            CanonicalRecord a = model("tune-a", Integer.toString(i)).parent(base).on("other", "v2", "1").build();
            batch.add(a);
            batch.add(model("tune-a2", Integer.toString(i)).parent(a).build());
            batch.add(model("tune-b", Integer.toString(i)).parent(base).build());
            batch.add(model("tune-c", Integer.toString(i)).parent(base).on("other", "v1", "1").build());
        }
        ledger.appendAll(batch);
        ledger.append(model("base", "0").on("w", "v2", "1").build()); // base@0 re-trained: the first is superseded
        counted = LineageQueries.on((Ledger) Proxy.newProxyInstance(Ledger.class.getClassLoader(),
                new Class<?>[] {Ledger.class}, (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
                    Object result;
                    try {
                        result = method.invoke(ledger, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("usesOf")) {
                        parsedByUsesOf.addAndGet(((List<?>) result).size());
                    }
                    return result;
                }));
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void aFirstPageOf100ParsesNoRecordAndSummarisesEachAnswer() {
        UsesPage page = counted.uses("w", Optional.empty(), null, 100);
        assertThat(page.uses()).hasSize(100);
        assertThat(parses()).as("calls of parsing methods").isZero();
        long direct = page.uses().stream().filter(ModelUse::direct).count();
        assertThat(direct).isEqualTo(20);
        assertThat(parsedByUsesOf.get()).as("records parsed by usesOf: direct uses come from useIndexes").isZero();
        assertThat(count("useIndexes")).as("direct uses read in batches of 8 and 32").isEqualTo(2);
        long throughs = page.uses().stream().filter(u -> u.through() != null).map(ModelUse::through).distinct()
                .filter(t -> page.uses().stream().noneMatch(u -> u.recordId().equals(t))).count();
        assertThat(count("summary")).as("summaries read").isLessThanOrEqualTo(100 + (int) throughs);
        assertThat(page.uses()).filteredOn(u -> u.through() != null).isNotEmpty();
        assertThat(page.uses().get(0).superseded()).isTrue();
        assertThat(page).isEqualTo(LineageQueries.on(ledger).uses("w", Optional.empty(), null, 100));
    }

    @Test
    void aPageWithAVersionFilterReadsVersionsFromSummaries() {
        Digest v2 = version("w", "v2");
        String token = null;
        List<ModelUse> all = new ArrayList<>();
        do {
            UsesPage page = counted.uses("w", Optional.of(v2), token, 25);
            all.addAll(page.uses());
            token = page.nextPageToken();
        } while (token != null);
        assertThat(parses()).as("calls of parsing methods").isZero();
        assertThat(all).filteredOn(ModelUse::direct).allSatisfy(u -> assertThat(u.directVersions()).containsExactly(v2))
                .hasSize(16);
        assertThat(all).hasSize(16 + 15 * 4);
        assertThat(all).extracting(ModelUse::modelRef).contains("tune-a2@3", "tune-b@3").doesNotContain("tune-a@0");
    }

    private int parses() {
        return PARSING.stream().mapToInt(this::count).sum();
    }

    private int count(String method) {
        AtomicInteger n = calls.get(method);
        return n == null ? 0 : n.get();
    }
}
