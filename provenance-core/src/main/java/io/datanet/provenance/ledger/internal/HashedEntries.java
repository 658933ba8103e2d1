package io.datanet.provenance.ledger.internal;

import io.datanet.provenance.Digest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The rows of {@code records} in index order, each worked on ahead of time by a pool of threads (one per core):
 * the caller's thread reads rows and takes the worked batches back in order, so the connection is only ever used
 * from that thread, while the hashing and scanning of the next batches runs in parallel. At most
 * {@code workers + 2} batches of {@link #BATCH} rows are held at a time, whatever the log's size; a worker
 * drops an entry's bytes once done with it.
 *
 * <p>Reading stops at the first index that is not the next one: {@link #missingAt()} then names it.
 */
final class HashedEntries implements AutoCloseable {
    static final int BATCH = 256;
    private static final AtomicInteger POOLS = new AtomicInteger();

    /** Copies the extra columns of the current row (they are not readable once the cursor moves on). */
    interface RowReader {
        Object read(ResultSet row) throws SQLException;
    }

    /** One entry: as read on the caller's thread, then filled in by a worker. */
    static final class Entry {
        final long idx;
        final int idkey;
        final int chk;
        byte[] bytes; // dropped once worked on: a group waiting to be checked holds only hashes and facts
        final Object row;
        Digest id;
        Digest leaf;
        boolean positionOk;
        String deepProblem;
        Object prepared;
        RuntimeException failure; // thrown where the single-threaded pass would have thrown it

        Entry(long idx, int idkey, int chk, byte[] bytes, Object row) {
            this.idx = idx;
            this.idkey = idkey;
            this.chk = chk;
            this.bytes = bytes;
            this.row = row;
        }
    }

    private final ResultSet rs;
    private final RowReader extra;
    private final Consumer<Entry> work;
    private final ExecutorService pool;
    private final int maxInFlight;
    private final ArrayDeque<Future<List<Entry>>> inFlight = new ArrayDeque<>();
    private long next;
    private boolean ended;
    private long missingAt = -1;

    /**
     * Over {@code rs}, whose columns are idx, idkey, chk, bytes and then the extra ones {@code extra} reads (null:
     * none); {@code work} runs on a worker for every entry and must not touch the connection.
     */
    HashedEntries(ResultSet rs, RowReader extra, Consumer<Entry> work) {
        this.rs = rs;
        this.extra = extra;
        this.work = work;
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.maxInFlight = workers + 2;
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "ledger-verify-" + pool + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The next entries in index order, worked on: at least {@code atLeast} of them unless the log ends first (empty
     * after the last). Their bytes are dropped, so a group of thousands stays small.
     */
    List<Entry> next(int atLeast) throws SQLException {
        List<Entry> group = new ArrayList<>(atLeast + BATCH);
        for (List<Entry> batch; group.size() < atLeast && (batch = nextBatch()) != null; ) {
            group.addAll(batch);
        }
        return group;
    }

    private List<Entry> nextBatch() throws SQLException {
        fill();
        Future<List<Entry>> head = inFlight.poll();
        if (head == null) {
            return null;
        }
        fill(); // keep the workers busy while the caller checks this batch
        try {
            return head.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The first index found missing (the row read there had another index), or -1. */
    long missingAt() {
        return missingAt;
    }

    private void fill() throws SQLException {
        while (!ended && inFlight.size() < maxInFlight) {
            List<Entry> batch = new ArrayList<>(BATCH);
            while (batch.size() < BATCH) {
                if (!rs.next()) {
                    ended = true;
                    break;
                }
                long idx = rs.getLong(1);
                if (idx != next) {
                    missingAt = next;
                    ended = true;
                    break;
                }
                batch.add(new Entry(idx, rs.getInt(2), rs.getInt(3), rs.getBytes(4),
                        extra == null ? null : extra.read(rs)));
                next++;
            }
            if (!batch.isEmpty()) {
                inFlight.add(pool.submit(() -> {
                    for (Entry e : batch) {
                        try {
                            work.accept(e);
                        } catch (RuntimeException ex) {
                            e.failure = ex;
                        } finally {
                            e.bytes = null;
                        }
                    }
                    return batch;
                }));
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
