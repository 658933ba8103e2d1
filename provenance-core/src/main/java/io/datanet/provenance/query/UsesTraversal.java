package io.datanet.provenance.query;

import io.datanet.provenance.Digest;
import io.datanet.provenance.InvalidInputException;
import io.datanet.provenance.ledger.EntrySummary;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.RecordNotFoundException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code uses} query over one snapshot (the first {@code snapshot} entries) of the log.
 *
 * <p>The answers are the direct uses of the DataNet and all their fine-tune descendants. Each answer is
 * emitted exactly once, in the group of its <em>owner</em>: among the direct uses that are it or its
 * ancestors, the one with the lowest leaf index. Groups come in the owners' log order (the order of
 * {@link Ledger#usesOf}); inside a group the owner comes first, then the fine-tunes below it in depth-first
 * pre-order, children in log order. A direct use owns a group exactly when none of its ancestors is a direct
 * use logged before it, and a group's walk down the fine-tune tree stops at direct uses logged before its
 * owner, whose groups hold what lies below them. Every decision depends only on the snapshot, so a page can
 * end anywhere and the next resumes from (owner, next answer).
 *
 * <p>Cost: ownership and the walk down read leaf indexes only ({@link Ledger#parentIndex},
 * {@link Ledger#usesDataNet}, {@link Ledger#childIndexes}), and direct uses come from {@link Ledger#useIndexes}; no
 * record is parsed. What an answer shows (id, {@code model@version}, DataNet versions, the id of the ancestor it is
 * used {@code through}) and, with a version filter, the versions of direct-use candidates come from
 * {@link Ledger#summary}, a streaming read of the stored bytes. A group is streamed,
 * so a page costs its own answers and the path down to them, whatever the size of the group. What a page looks up
 * is remembered for that page only: direct uses that share a base model walk the shared chain once.
 */
final class UsesTraversal {
    private static final long NONE = -1;

    private final Ledger ledger;
    private final String dataNetId;
    private final Digest version;
    private final long snapshot;
    private final String query;
    private final Map<Long, Long> parents = new HashMap<>();
    private final Map<Long, Boolean> direct = new HashMap<>();
    private final Map<Long, Ancestry> ancestry = new HashMap<>();
    private final Map<Long, EntrySummary> summaries = new HashMap<>();

    UsesTraversal(Ledger ledger, String dataNetId, Digest version, long snapshot) {
        this.ledger = ledger;
        this.dataNetId = dataNetId;
        this.version = version;
        this.snapshot = snapshot;
        this.query = PageToken.fingerprint(dataNetId, version);
    }

    /** One page starting at {@code start} (null: the first page). */
    UsesPage page(PageToken start, int pageSize) {
        List<ModelUse> out = new ArrayList<>(Math.min(pageSize, 1024));
        long after = NONE;
        if (start != null) {
            long owner = start.owner();
            if (!direct(owner)) {
                throw invalid(start, "page token names no direct use of " + dataNetId);
            }
            if (ancestry(owner).minDirect() < owner) {
                throw invalid(start, "page token does not fit this ledger");
            }
            GroupWalk walk = GroupWalk.resume(this, owner, start.next(), () -> invalid(start,
                    "page token does not fit this ledger"));
            PageToken next = fill(walk, out, pageSize);
            if (next != null) {
                return finish(out, next);
            }
            after = owner;
        }
        // direct uses come from the DataNet-use index alone (no record read), in growing batches: a first page
        // whose first owner's group fills it reads few of them, a long scan of direct uses owned earlier makes few
        // round trips
        int batchSize = Math.min(8, pageSize + 1);
        while (true) {
            long[] batch = ledger.useIndexes(dataNetId, after, batchSize);
            for (long index : batch) {
                if (index >= snapshot) {
                    return finish(out, null);
                }
                after = index;
                if (!direct(index) || ancestry(index).minDirect() < index) {
                    continue;
                }
                if (out.size() == pageSize) {
                    return finish(out, new PageToken(snapshot, index, index, query));
                }
                PageToken next = fill(GroupWalk.start(this, index), out, pageSize);
                if (next != null) {
                    return finish(out, next);
                }
            }
            if (batch.length < batchSize) {
                return finish(out, null);
            }
            batchSize = Math.min(1024, batchSize * 4);
        }
    }

    /** Emits the walk's answers until the page is full; returns the token of the next answer, or null when the group ended. */
    private PageToken fill(GroupWalk walk, List<ModelUse> out, int pageSize) {
        while (walk.hasNext()) {
            if (out.size() == pageSize) {
                return new PageToken(snapshot, walk.owner(), walk.peek(), query);
            }
            long index = walk.next();
            out.add(use(index, walk.through()));
        }
        return null;
    }

    private UsesPage finish(List<ModelUse> uses, PageToken next) {
        return new UsesPage(dataNetId, version, uses, next == null ? null : next.encode(), snapshot);
    }

    private ModelUse use(long index, long through) {
        EntrySummary e = summary(index);
        String throughId = through == NONE ? null : summary(through).id();
        return new ModelUse(index, e.id(), e.modelRef(), directVersions(e), throughId, ledger.superseded(index));
    }

    /** The versions of the DataNet that this record trained on directly and that the query asks about. */
    private List<Digest> directVersions(EntrySummary e) {
        List<Digest> out = new ArrayList<>(1);
        for (EntrySummary.DataNetVersion use : e.dataNets()) {
            if (use.id().equals(dataNetId) && (version == null || version.equals(use.version()))) {
                out.add(use.version());
            }
        }
        return out;
    }

    /** The summary of the entry at {@code index}, read once per page. */
    EntrySummary summary(long index) {
        return summaries.computeIfAbsent(index, ledger::summary);
    }

    /** The id of an entry on a parent cycle, for the error: parsed (a store that loops is not a fast path). */
    String cycleId(long index) {
        EntrySummary known = summaries.get(index);
        return known != null ? known.id() : ledger.get(index).orElseThrow(
                () -> new RecordNotFoundException(Long.toString(index), "no entry at this index")).id();
    }

    /** Whether the entry trained directly on the DataNet (at the asked version): an index probe, a summary for a version. */
    boolean direct(long index) {
        if (index < 0 || index >= snapshot) {
            return false;
        }
        return direct.computeIfAbsent(index, i -> ledger.usesDataNet(i, dataNetId)
                && (version == null || !directVersions(summary(i)).isEmpty()));
    }

    /** The leaf index of the entry's fine-tune parent if the snapshot holds it, else {@link #NONE}. */
    long parent(long index) {
        return parents.computeIfAbsent(index, i -> {
            long p = ledger.parentIndex(i);
            return p >= 0 && p < snapshot ? p : NONE;
        });
    }

    /** The entry's fine-tune children in the snapshot, in log order. */
    long[] children(long index) {
        return java.util.Arrays.stream(ledger.childIndexes(index)).filter(c -> c < snapshot).toArray();
    }

    /**
     * What an entry's ancestors say: the nearest that is a direct use and the lowest leaf index among those
     * that are ({@link #NONE} / {@link Long#MAX_VALUE} when none is).
     */
    record Ancestry(long nearestDirect, long minDirect) {}

    Ancestry ancestry(long index) {
        Ancestry known = ancestry.get(index);
        if (known != null) {
            return known;
        }
        // climb until a remembered entry or the root, then fill in downwards: min(direct(p) ? p : inf, above)
        List<Long> path = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        long at = index;
        Ancestry above = new Ancestry(NONE, Long.MAX_VALUE);
        while (true) {
            if (!seen.add(at)) {
                throw new LineageCycleException(cycleId(at));
            }
            path.add(at);
            long p = parent(at);
            if (p == NONE) {
                break;
            }
            Ancestry memo = ancestry.get(p);
            if (memo != null) {
                above = step(p, memo);
                break;
            }
            at = p;
        }
        for (int k = path.size() - 1; k >= 0; k--) {
            long node = path.get(k);
            ancestry.put(node, above);
            above = step(node, above);
        }
        return ancestry.get(index);
    }

    /** The ancestry of a child of {@code node}, given {@code node}'s own. */
    private Ancestry step(long node, Ancestry ofNode) {
        return direct(node) ? new Ancestry(node, Math.min(node, ofNode.minDirect())) : ofNode;
    }

    private static InvalidInputException invalid(PageToken token, String problem) {
        return new InvalidInputException("page token " + token.encode(), "", problem);
    }
}
