package io.datanet.provenance.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.datanet.provenance.ledger.MerkleHash;
import io.datanet.provenance.ledger.internal.EncodedRecords.Encoded;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.testing.SampleRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A bulk append's records are compressed and hashed in chunks by the common pool while the appender reads them:
 * every record comes back with exactly what encoding it alone gives, in order, and the appender finishes the work
 * itself when the pool has no free thread.
 */
class BulkRecordsAreEncodedWhileInsertedTest {

    private static List<CanonicalRecord> records(int n) {
        List<CanonicalRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(SampleRecords.canonical(i % 50));
        }
        return out;
    }

    private static void assertEncodedInOrder(List<CanonicalRecord> records, List<Encoded> encoded) {
        assertThat(encoded).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            Encoded e = encoded.get(i);
            byte[] bytes = records.get(i).bytes();
            assertThat(e.record()).isSameAs(records.get(i));
            assertThat(RecordCodec.decode(e.stored())).as("entry %d", i).isEqualTo(bytes);
            assertThat(e.leaf()).isEqualTo(MerkleHash.leaf(bytes));
            assertThat(e.facts()).isEqualTo(RecordFacts.of(records.get(i)));
        }
    }

    @Test
    void everyRecordComesBackEncodedAsItAloneWouldBeInOrder() {
        List<CanonicalRecord> records = records(5 * EncodedRecords.CHUNK + 17);
        assertEncodedInOrder(records, EncodedRecords.of(records));
        List<CanonicalRecord> few = records(3);
        assertEncodedInOrder(few, EncodedRecords.of(few));
        assertThat(EncodedRecords.of(List.of())).isEmpty();
    }

    @Test
    @Timeout(60)
    void theAppenderEncodesEveryChunkItselfWhenThePoolIsBusy() throws Exception {
        int threads = ForkJoinPool.getCommonPoolParallelism();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            ForkJoinPool.commonPool().execute(() -> {
                busy.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            assertThat(busy.await(10, TimeUnit.SECONDS)).as("every pool thread blocked").isTrue();
            List<CanonicalRecord> records = records(4 * EncodedRecords.CHUNK);
            List<Encoded> encoded = EncodedRecords.of(records);
            assertEncodedInOrder(records, encoded); // would hang if it waited for the pool
        } finally {
            release.countDown();
        }
    }
}
