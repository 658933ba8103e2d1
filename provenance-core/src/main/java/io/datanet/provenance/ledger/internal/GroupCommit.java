package io.datanet.provenance.ledger.internal;

import io.datanet.provenance.ledger.LedgerEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Group commit of single appends from threads of one process: while one thread's transaction is being
 * committed, appends from other threads queue up; the first of them then appends the whole queue in one
 * durable transaction (one fsync) and hands every waiting thread its entry. Each {@code append} still returns
 * only once its record is durable, and a lone appender pays nothing but a lock.
 */
final class GroupCommit<T> {
    private final Function<List<T>, List<LedgerEntry>> appendAll;
    private final Object lock = new Object();
    private List<Pending<T>> queue = new ArrayList<>();
    private boolean leading;

    GroupCommit(Function<List<T>, List<LedgerEntry>> appendAll) {
        this.appendAll = appendAll;
    }

    private static final class Pending<T> {
        final T record;
        LedgerEntry entry;
        RuntimeException failure;
        boolean done;

        Pending(T record) {
            this.record = record;
        }
    }

    /** Appends {@code record} (a record in the form the store's batch append takes), durable on return, possibly in one transaction with other threads' records. */
    LedgerEntry append(T record) {
        Pending<T> mine = new Pending<>(record);
        List<Pending<T>> batch;
        synchronized (lock) {
            queue.add(mine);
            boolean interrupted = false;
            while (leading && !mine.done) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the record may already be committing: wait for the outcome
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (mine.done) {
                return result(mine);
            }
            leading = true;
            batch = queue;
            queue = new ArrayList<>();
        }
        try {
            List<T> records = new ArrayList<>(batch.size());
            for (Pending<T> p : batch) {
                records.add(p.record);
            }
            List<LedgerEntry> entries = appendAll.apply(records);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).entry = entries.get(i);
            }
        } catch (RuntimeException e) {
            for (Pending<T> p : batch) {
                p.failure = e;
            }
        } finally {
            synchronized (lock) {
                for (Pending<T> p : batch) {
                    p.done = true;
                }
                leading = false;
                lock.notifyAll();
            }
        }
        return result(mine);
    }

    private static LedgerEntry result(Pending<?> p) {
        if (p.failure != null) {
            throw p.failure;
        }
        return p.entry;
    }
}
