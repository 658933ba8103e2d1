package io.datanet.provenance.evm;

import io.datanet.provenance.anchor.AnchorScheduler;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One training process, run as its own JVM by the restart test: appends records to the ledger while a
 * scheduler anchors them through the registry, with the key from {@link EvmKey#ENV}, then exits.
 * Arguments: ledger directory, RPC URL, registry address, records to append, events mode (true/false).
 */
public final class AnchorRunMain {
    private AnchorRunMain() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[3]);
        try (Ledger ledger = Ledger.open(dir);
             Web3jAnchorSink sink = Web3jAnchorSink.builder(args[1], args[2]).key(EvmKey.fromEnvironment(EvmKey.ENV))
                     .pollInterval(Duration.ofMillis(50)).publishRecordFacts(Boolean.parseBoolean(args[4])).build();
             AnchorScheduler anchors = AnchorScheduler.builder(dir, sink).ledger(ledger).everyRecords(count)
                     .pollInterval(Duration.ofMillis(20)).start()) {
            long first = ledger.size();
            for (long i = first; i < first + count; i++) {
                ledger.append(SampleRecords.canonical(i));
            }
            if (!anchors.awaitAnchored(first + count, Duration.ofSeconds(60))) {
                System.err.println("not anchored: " + anchors.lastError());
                System.exit(3);
            }
            System.out.println("anchored " + (first + count));
        }
    }
}
