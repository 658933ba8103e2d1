package io.datanet.provenance.query;

import io.datanet.provenance.InvalidInputException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One owner's group of a {@code uses} answer, streamed: the owner, then the fine-tunes below it in depth-first
 * pre-order with children in log order, skipping the subtrees of direct uses logged before the owner (they own
 * their own groups). Holds only the path from the owner to the current answer, each level with its children's
 * leaf indexes, so memory and work do not grow with the group; a page that ends inside a group is resumed by
 * climbing from the next answer to the owner ({@link #resume}).
 */
final class GroupWalk {
    private static final long NONE = -1;

    private final UsesTraversal traversal;
    private final long owner;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private final Set<Long> seen = new HashSet<>();
    private long pending;
    private long pendingThrough;
    private boolean pendingKnown;
    private long through = NONE;

    /** A node on the path: the nearest direct use at or above it, and where its children's iteration stands. */
    private static final class Frame {
        final long node;
        final long nearestDirect;
        long[] children;
        int next;

        Frame(long node, long nearestDirect) {
            this.node = node;
            this.nearestDirect = nearestDirect;
        }
    }

    private GroupWalk(UsesTraversal traversal, long owner) {
        this.traversal = traversal;
        this.owner = owner;
    }

    /** The walk of {@code owner}'s group from its first answer, the owner itself. */
    static GroupWalk start(UsesTraversal traversal, long owner) {
        GroupWalk walk = new GroupWalk(traversal, owner);
        walk.pending = owner;
        walk.pendingThrough = traversal.ancestry(owner).nearestDirect();
        walk.pendingKnown = true;
        walk.seen.add(owner);
        return walk;
    }

    /**
     * The walk of {@code owner}'s group positioned so that {@code next} is its next answer: rebuilds the path by
     * climbing fine-tune parents from {@code next} to the owner.
     *
     * @throws InvalidInputException from {@code invalid} when {@code next} is not in the owner's group
     */
    static GroupWalk resume(UsesTraversal traversal, long owner, long next, Supplier<InvalidInputException> invalid) {
        if (next == owner) {
            return start(traversal, owner);
        }
        List<Long> path = new ArrayList<>();
        Set<Long> onPath = new HashSet<>();
        for (long at = next; at != owner; at = traversal.parent(at)) {
            if (at == NONE || !onPath.add(at) || (at < owner && traversal.direct(at))) {
                throw invalid.get(); // not below the owner, a loop, or owned by an earlier direct use
            }
            path.add(at);
        }
        path.add(owner);
        GroupWalk walk = new GroupWalk(traversal, owner);
        walk.seen.addAll(path);
        long nearest = owner;
        for (int k = path.size() - 1; k >= 1; k--) {
            long node = path.get(k);
            nearest = node != owner && traversal.direct(node) ? node : nearest;
            Frame frame = new Frame(node, nearest);
            frame.children = traversal.children(node);
            int at = java.util.Arrays.binarySearch(frame.children, path.get(k - 1));
            if (at < 0) {
                throw invalid.get();
            }
            frame.next = at + 1;
            walk.stack.push(frame);
        }
        walk.pending = next;
        walk.pendingThrough = nearest;
        walk.pendingKnown = true;
        return walk;
    }

    long owner() {
        return owner;
    }

    boolean hasNext() {
        if (!pendingKnown) {
            advance();
        }
        return pending != NONE;
    }

    /** The leaf index of the next answer (call {@link #hasNext} first). */
    long peek() {
        hasNext();
        return pending;
    }

    /** The next answer's leaf index; {@link #through} then names its nearest direct-use ancestor. */
    long next() {
        if (!hasNext()) {
            throw new IllegalStateException("the group has no more answers");
        }
        long node = pending;
        through = pendingThrough;
        pendingKnown = false;
        stack.push(new Frame(node, node == owner || traversal.direct(node) ? node : through));
        return node;
    }

    /** The nearest direct use above the answer {@link #next} returned last, or -1 when none is. */
    long through() {
        return through;
    }

    private void advance() {
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (f.children == null) {
                f.children = traversal.children(f.node);
            }
            if (f.next >= f.children.length) {
                stack.pop();
                continue;
            }
            long child = f.children[f.next++];
            if (child < owner && traversal.direct(child)) {
                continue; // owned, subtree and all, by that earlier direct use
            }
            if (!seen.add(child)) {
                throw new LineageCycleException(traversal.cycleId(child));
            }
            pending = child;
            pendingThrough = f.nearestDirect;
            pendingKnown = true;
            return;
        }
        pending = NONE;
        pendingKnown = true;
    }
}
