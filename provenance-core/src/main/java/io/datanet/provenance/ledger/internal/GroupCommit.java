package io.datanet.provenance.ledger.internal;

import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.record.CanonicalRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Group commit of single appends from threads of one process: while one thread's transaction is being
 * committed, appends from other threads queue up; the first of them then appends the whole queue in one
 * durable transaction (one fsync) and hands every waiting thread its entry. Each {@code append} still returns
 * only once its record is durable, and a lone appender pays nothing but a lock.
 */
final class GroupCommit {
    private final Function<List<CanonicalRecord>, List<LedgerEntry>> appendAll;
    private final Object lock = new Object();
    private List<Pending> queue = new ArrayList<>();
    private boolean leading;

    GroupCommit(Function<List<CanonicalRecord>, List<LedgerEntry>> appendAll) {
        this.appendAll = appendAll;
    }

    private static final class Pending {
        final CanonicalRecord record;
        LedgerEntry entry;
        RuntimeException failure;
        boolean done;

        Pending(CanonicalRecord record) {
            this.record = record;
        }
    }

    /** Appends {@code record}, durable on return, possibly in one transaction with other threads' records. */
    LedgerEntry append(CanonicalRecord record) {
        Pending mine = new Pending(record);
        List<Pending> batch;
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
            List<CanonicalRecord> records = new ArrayList<>(batch.size());
            for (Pending p : batch) {
                records.add(p.record);
            }
            List<LedgerEntry> entries = appendAll.apply(records);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).entry = entries.get(i);
            }
        } catch (RuntimeException e) {
            for (Pending p : batch) {
                p.failure = e;
            }
        } finally {
            synchronized (lock) {
                for (Pending p : batch) {
                    p.done = true;
                }
                leading = false;
                lock.notifyAll();
            }
        }
        return result(mine);
    }

    private static LedgerEntry result(Pending p) {
        if (p.failure != null) {
            throw p.failure;
        }
        return p.entry;
    }
}
