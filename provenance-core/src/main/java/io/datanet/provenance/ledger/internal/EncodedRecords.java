package io.datanet.provenance.ledger.internal;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ledger.MerkleHash;
import io.datanet.provenance.record.CanonicalRecord;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records on their way into the embedded ledger, with what the append computes from each one alone: the stored form
 * ({@link RecordCodec}, ~5 µs per 1.25 KB record), the leaf hash and the lookup facts.
 *
 * <p>{@link #of(List)} encodes a bulk append's records in chunks of {@value #CHUNK}, on the common pool's threads,
 * while the appending thread inserts the chunks already encoded: {@link #get} waits for the chunk it asks for, and
 * while it waits it encodes the next chunk no one has taken. So the caller never depends on the pool having a free
 * thread, and on two cores the compression of one chunk overlaps the insert of the one before it.
 */
final class EncodedRecords extends AbstractList<EncodedRecords.Encoded> implements RandomAccess {
    static final int CHUNK = 256;

    /** A record to append, with its canonical bytes, their stored form, their leaf hash and the record's facts. */
    record Encoded(CanonicalRecord record, byte[] bytes, byte[] stored, Digest leaf, RecordFacts facts) {
        static Encoded of(CanonicalRecord record) {
            byte[] bytes = record.bytes();
            return new Encoded(record, bytes, RecordCodec.encode(bytes), MerkleHash.leaf(bytes),
                    RecordFacts.of(record));
        }
    }

    private final List<CanonicalRecord> records;
    private final Encoded[] out;
    private final CompletableFuture<?>[] done;
    private final AtomicInteger unclaimed = new AtomicInteger();

    private EncodedRecords(List<CanonicalRecord> records) {
        this.records = records;
        this.out = new Encoded[records.size()];
        this.done = new CompletableFuture<?>[(records.size() + CHUNK - 1) / CHUNK];
        for (int c = 0; c < done.length; c++) {
            done[c] = new CompletableFuture<>();
        }
    }

    /** The records of a bulk append, encoded from now on by the common pool and by whoever reads them. */
    static List<Encoded> of(List<CanonicalRecord> records) {
        EncodedRecords e = new EncodedRecords(List.copyOf(records));
        int helpers = Math.min(e.done.length - 1, ForkJoinPool.getCommonPoolParallelism());
        for (int i = 0; i < helpers; i++) {
            ForkJoinPool.commonPool().execute(e::encodeUnclaimed);
        }
        return e;
    }

    private void encodeUnclaimed() {
        for (int c = unclaimed.getAndIncrement(); c < done.length; c = unclaimed.getAndIncrement()) {
            encode(c);
        }
    }

    private void encode(int chunk) {
        try {
            int end = Math.min(out.length, (chunk + 1) * CHUNK);
            for (int i = chunk * CHUNK; i < end; i++) {
                out[i] = Encoded.of(records.get(i));
            }
            done[chunk].complete(null);
        } catch (RuntimeException | Error e) {
            done[chunk].completeExceptionally(e);
        }
    }

    @Override
    public Encoded get(int index) {
        int chunk = index / CHUNK;
        CompletableFuture<?> d = done[chunk]; // bounds are checked here
        while (!d.isDone()) {
            int c = unclaimed.getAndIncrement();
            if (c >= done.length) {
                break; // every chunk is taken: wait for the one asked for
            }
            encode(c);
        }
        try {
            d.join(); // the chunk's completion publishes its entries of out
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw e;
        }
        return out[index];
    }

    @Override
    public int size() {
        return out.length;
    }
}
