package io.datanet.provenance.query;

import io.datanet.provenance.Digest;
import io.datanet.provenance.InvalidInputException;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.record.DataNetUse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code uses} query over one snapshot (the first {@code snapshot} entries) of the log.
 *
 * <p>The answers are the direct uses of the DataNet and all their fine-tune descendants. Each answer is
 * emitted exactly once, in the group of its <em>owner</em>: among the direct uses that are it or its
 * ancestors, the one with the lowest leaf index. Groups come in the owners' log order (the order of
 * {@link Ledger#usesOf}); inside a group the owner comes first, then the rest by leaf index. A direct use
 * owns a group exactly when none of its ancestors is a direct use logged before it, and a group's walk
 * down the fine-tune tree stops at direct uses logged before its owner, whose groups hold what lies
 * below them. Every decision depends only on the snapshot, so pages can be cut anywhere and resumed from
 * (owner, answers already emitted).
 */
final class UsesTraversal {
    private final Ledger ledger;
    private final String dataNetId;
    private final Digest version;
    private final long snapshot;
    private final String query;
    private final Map<String, Optional<LedgerEntry>> ancestors = new HashMap<>();

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
        long after = -1;
        if (start != null) {
            LedgerEntry owner = ledger.get(start.owner())
                    .filter(e -> !directVersions(e).isEmpty())
                    .orElseThrow(() -> invalid(start, "page token names no direct use of " + dataNetId));
            Ancestry ancestry = ancestry(owner);
            if (ancestry.ownedEarlier()) {
                throw invalid(start, "page token does not fit this ledger");
            }
            List<Step> group = group(owner, ancestry);
            if (start.emitted() > group.size()) {
                throw invalid(start, "page token does not fit this ledger");
            }
            int end = (int) Math.min(group.size(), (long) start.emitted() + pageSize);
            out.addAll(uses(group, start.emitted(), end));
            if (end < group.size()) {
                return finish(out, new PageToken(snapshot, owner.index(), end, query));
            }
            after = owner.index();
        }
        // direct uses are read in growing batches: a small page reads few, a long scan few round trips
        int batchSize = Math.min(1024, pageSize + 1);
        while (true) {
            List<LedgerEntry> batch = ledger.usesOf(dataNetId, after, batchSize);
            for (LedgerEntry e : batch) {
                if (e.index() >= snapshot) {
                    return finish(out, null);
                }
                after = e.index();
                if (directVersions(e).isEmpty()) {
                    continue;
                }
                Ancestry ancestry = ancestry(e);
                if (ancestry.ownedEarlier()) {
                    continue;
                }
                if (out.size() == pageSize) {
                    return finish(out, new PageToken(snapshot, e.index(), 0, query));
                }
                List<Step> group = group(e, ancestry);
                int room = pageSize - out.size();
                if (group.size() > room) {
                    out.addAll(uses(group, 0, room));
                    return finish(out, new PageToken(snapshot, e.index(), room, query));
                }
                out.addAll(uses(group, 0, group.size()));
            }
            if (batch.size() < batchSize) {
                return finish(out, null);
            }
            batchSize = Math.min(1024, batchSize * 4);
        }
    }

    private UsesPage finish(List<ModelUse> uses, PageToken next) {
        return new UsesPage(dataNetId, version, uses, next == null ? null : next.encode(), snapshot);
    }

    /** The versions of the DataNet that this record trained on directly and that the query asks about. */
    private List<Digest> directVersions(LedgerEntry e) {
        List<Digest> out = new ArrayList<>(1);
        for (DataNetUse use : e.record().record().datanets()) {
            if (use.id().equals(dataNetId) && (version == null || version.equals(use.version()))) {
                out.add(use.version());
            }
        }
        return out;
    }

    /** What an entry's ancestors say: the nearest that is a direct use, and whether one was logged before it. */
    private record Ancestry(String nearestDirect, boolean ownedEarlier) {}

    private Ancestry ancestry(LedgerEntry entry) {
        Set<String> visited = new HashSet<>();
        visited.add(entry.id());
        String nearest = null;
        boolean earlier = false;
        String parent = entry.record().record().model().parent();
        while (parent != null && !(nearest != null && earlier)) {
            Optional<LedgerEntry> found = inSnapshot(parent);
            if (found.isEmpty()) {
                break;
            }
            LedgerEntry p = found.get();
            if (!visited.add(p.id())) {
                throw new LineageCycleException(p.id());
            }
            if (!directVersions(p).isEmpty()) {
                nearest = nearest == null ? p.id() : nearest;
                earlier |= p.index() < entry.index();
            }
            parent = p.record().record().model().parent();
        }
        return new Ancestry(nearest, earlier);
    }

    /** A record, and the nearest direct use above it (in {@link #group}'s stack: at or above it). */
    private record Step(LedgerEntry entry, String nearestDirect) {}

    /**
     * The records owned by {@code owner}: it, then the descendants it owns, by leaf index, each with the
     * nearest direct use above it. Only the ones a page returns become {@link ModelUse}s.
     */
    private List<Step> group(LedgerEntry owner, Ancestry ancestry) {
        List<Step> below = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        visited.add(owner.id());
        Deque<Step> stack = new ArrayDeque<>();
        stack.push(new Step(owner, owner.id()));
        while (!stack.isEmpty()) {
            Step step = stack.pop();
            for (LedgerEntry child : ledger.children(step.entry().record().id())) {
                if (child.index() >= snapshot) {
                    continue;
                }
                if (!visited.add(child.id())) {
                    throw new LineageCycleException(child.id());
                }
                boolean direct = !directVersions(child).isEmpty();
                if (direct && child.index() < owner.index()) {
                    continue; // owned by that earlier direct use, subtree and all
                }
                below.add(new Step(child, step.nearestDirect()));
                stack.push(new Step(child, direct ? child.id() : step.nearestDirect()));
            }
        }
        below.sort(Comparator.comparingLong(s -> s.entry().index()));
        List<Step> out = new ArrayList<>(below.size() + 1);
        out.add(new Step(owner, ancestry.nearestDirect()));
        out.addAll(below);
        return out;
    }

    /** The answers for {@code steps[from, to)}. */
    private List<ModelUse> uses(List<Step> steps, int from, int to) {
        List<ModelUse> out = new ArrayList<>(to - from);
        for (Step s : steps.subList(from, to)) {
            out.add(use(s.entry(), s.nearestDirect()));
        }
        return out;
    }

    private ModelUse use(LedgerEntry e, String through) {
        String ref = e.record().record().model().ref();
        boolean superseded = ledger.resolve(ref).index() != e.index();
        return new ModelUse(e.index(), e.id(), ref, directVersions(e), through, superseded);
    }

    /**
     * The record with this id if the snapshot holds it. Remembered for the page: direct uses that share a
     * base model walk the same ancestors, which are then read and parsed once.
     */
    private Optional<LedgerEntry> inSnapshot(String recordIdHex) {
        return ancestors.computeIfAbsent(recordIdHex, hex -> {
            Digest id;
            try {
                id = Digest.parseHex(hex);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            return ledger.find(id).filter(p -> p.index() < snapshot);
        });
    }

    private static InvalidInputException invalid(PageToken token, String problem) {
        return new InvalidInputException("page token " + token.encode(), "", problem);
    }
}
