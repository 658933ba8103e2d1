package io.datanet.provenance.anchor;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ProvenanceException;
import io.datanet.provenance.ledger.ConsistencyProof;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.ledger.SignedCheckpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Checks a ledger against its anchors: the target is the witness, so this catches a ledger rewritten
 * with its own signing key (edited records, recomputed tree, re-signed checkpoints), which the ledger's
 * own {@link Ledger#verify} cannot.
 *
 * <p>It recomputes the tree from the records themselves (not from stored tree hashes), compares the root
 * at every anchored size with the target's, checks that a consistency proof from the ledger links every
 * anchor to the current tree and to the latest signed checkpoint, and names the altered entry: exactly
 * when the target published record facts (events mode) or anchored one record at a time, otherwise the
 * range between the last matching anchor and the first that differs.
 */
public final class AnchorVerifier {
    private AnchorVerifier() {}

    /**
     * Verifies {@code ledger} against the anchors {@code sink} holds for it.
     *
     * @throws AnchorException if the target cannot be read
     */
    public static AnchorVerificationReport verify(Ledger ledger, AnchorSink sink) {
        LogId logId = LogId.ofVerifierKey(ledger.verifierKey());
        TreeMap<Long, Anchor> bySize = new TreeMap<>();
        for (Anchor a : sink.anchors(logId)) {
            bySize.put(a.size(), a);
        }
        List<String> problems = new ArrayList<>();
        Optional<Anchor> latest = sink.latest(logId);
        if (latest.isPresent()) {
            Anchor listed = bySize.putIfAbsent(latest.get().size(), latest.get());
            if (listed != null && !listed.root().equals(latest.get().root())) {
                problems.add("the target's latest anchor at size " + listed.size() + " disagrees with its own history");
            }
        }
        long n = ledger.size();
        Map<Long, Digest> recomputed = new HashMap<>();
        long[] sizes = bySize.keySet().stream().mapToLong(Long::longValue).filter(s -> s <= n).toArray();
        StreamingRoot tree = new StreamingRoot();
        long[] scanned = {0};
        try {
            ledger.scan(0, n, entry -> {
                tree.add(entry.record().bytes());
                scanned[0]++;
                if (bySize.containsKey(scanned[0])) {
                    recomputed.put(scanned[0], tree.root());
                }
            });
        } catch (ProvenanceException e) {
            problems.add("entry " + scanned[0] + " is unreadable or altered in the store: " + e.getMessage());
            return new AnchorVerificationReport(logId, sink.target(), n, List.copyOf(bySize.values()), problems,
                    OptionalLong.of(scanned[0]));
        }
        Digest current = tree.root();

        long firstBad = -1;
        long lastMatch = 0;
        for (Anchor a : bySize.values()) {
            if (a.size() > n) {
                problems.add("the target anchors size " + a.size() + " but the ledger holds only " + n
                        + " records: the log was truncated");
                continue;
            }
            if (!recomputed.get(a.size()).equals(a.root())) {
                if (firstBad < 0) {
                    firstBad = name(ledger, sink, logId, lastMatch, a, problems);
                }
                continue;
            }
            if (firstBad < 0) {
                lastMatch = a.size();
            }
            ConsistencyProof proof = ledger.proveConsistency(a.size(), n);
            if (!proof.verifies(a.root(), current)) {
                problems.add("no consistency proof links the anchor at size " + a.size()
                        + " to the current tree of " + n + " records (stored tree hashes were altered)");
            }
        }
        Optional<SignedCheckpoint> cp = ledger.latestCheckpoint();
        Map.Entry<Long, Anchor> below = cp.isEmpty() ? null : bySize.floorEntry(cp.get().checkpoint().size());
        if (below != null && firstBad < 0) {
            long cpSize = cp.get().checkpoint().size();
            if (!ledger.proveConsistency(below.getKey(), cpSize).verifies(below.getValue().root(), cp.get().checkpoint().root())) {
                problems.add("the latest signed checkpoint (size " + cpSize + ") is not consistent with the anchor at size "
                        + below.getKey() + ": checkpoints were re-signed over altered records");
            }
        }
        return new AnchorVerificationReport(logId, sink.target(), n, List.copyOf(bySize.values()), problems,
                firstBad < 0 ? OptionalLong.empty() : OptionalLong.of(firstBad));
    }

    /** Describes the altered entries below anchor {@code a}; returns the first one's index (or the range's start). */
    private static long name(Ledger ledger, AnchorSink sink, LogId logId, long from, Anchor a, List<String> problems) {
        String where = "the anchor at size " + a.size() + " on " + sink.target();
        List<RecordFact> facts = sink.facts(logId, from, a.size());
        long first = -1;
        for (RecordFact f : facts) {
            Optional<LedgerEntry> local = ledger.get(f.index());
            String localId = local.map(LedgerEntry::id).orElse("(missing)");
            if (!localId.equals(f.recordId().hex())) {
                problems.add("entry " + f.index() + " was altered since " + where + ": the ledger holds record "
                        + localId + ", the chain published " + f.recordId().hex() + " (" + f.modelRef() + ")");
                first = first < 0 ? f.index() : first;
            }
        }
        if (first >= 0) {
            return first;
        }
        if (a.size() - from == 1) {
            problems.add("entry " + from + " (record " + ledger.get(from).map(LedgerEntry::id).orElse("(missing)")
                    + ") was altered since " + where + ": the ledger's root at that size differs");
        } else {
            problems.add("an entry in " + from + ".." + (a.size() - 1) + " was altered since " + where
                    + ": the ledger's root at that size differs from the anchored root (root-mode anchors "
                    + "narrow it to the records between two anchors)");
        }
        return from;
    }
}
