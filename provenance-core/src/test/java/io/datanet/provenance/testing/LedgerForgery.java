package io.datanet.provenance.testing;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerOptions;
import io.datanet.provenance.ledger.SignedCheckpoint;
import io.datanet.provenance.record.CanonicalRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What an insider with the ledger directory can do: rewrite the store with one record replaced, the tree
 * recomputed and every checkpoint re-signed with the log's own key, so that {@link Ledger#verify} passes.
 * Only an outside witness (anchors) can catch it.
 */
public final class LedgerForgery {
    private LedgerForgery() {}

    /**
     * Replaces the record at {@code index} of the closed ledger in {@code dir} with {@code replacement},
     * rebuilding the database and re-signing a checkpoint at every size the original had one.
     */
    public static void replaceRecord(Path dir, long index, CanonicalRecord replacement) {
        try {
            String signerKey = Files.readString(dir.resolve("log.key"), StandardCharsets.UTF_8).strip();
            List<CanonicalRecord> records = new ArrayList<>();
            List<Long> checkpointSizes = new ArrayList<>();
            try (Ledger original = Ledger.open(dir, LedgerOptions.defaults().withCheckpointOnClose(false))) {
                original.scan(0, original.size(), e -> records.add(e.record()));
                for (SignedCheckpoint cp : original.checkpoints()) {
                    checkpointSizes.add(cp.checkpoint().size());
                }
            }
            records.set((int) index, replacement);
            Path forged = Files.createTempDirectory(dir.getParent(), "forged");
            try (Ledger copy = Ledger.open(forged, LedgerOptions.defaults().withSignerKey(signerKey)
                    .withCheckpointOnClose(false))) {
                int appended = 0;
                for (long size : checkpointSizes) {
                    copy.appendAll(records.subList(appended, (int) size));
                    appended = (int) size;
                    copy.checkpoint();
                }
                copy.appendAll(records.subList(appended, records.size()));
            }
            for (String file : List.of("ledger.db", "ledger-index.db")) {
                for (String suffix : List.of("-wal", "-shm")) {
                    Files.deleteIfExists(dir.resolve(file + suffix));
                }
                Files.move(forged.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
