package io.datanet.provenance.cli;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.ledger.NoteVerifier;
import io.datanet.provenance.ledger.SignedCheckpoint;
import io.datanet.provenance.ledger.TlogProof;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code provenance proof REF}: a {@code c2sp.org/tlog-proof@v1} proof that the record is in the log,
 * against the latest checkpoint; a fresh checkpoint is signed first when the latest does not cover the
 * record. The proof is checked against the log's own key before it is printed, so a proof from a
 * tampered ledger is refused (exit 1) rather than handed out.
 */
@Command(name = "proof", description = "Print a c2sp.org/tlog-proof@v1 inclusion proof of REF against the "
        + "latest checkpoint.",
        footer = {"", "--json: {\"id\", \"index\", \"treeSize\", \"proof\" (the tlog-proof text)}"})
final class ProofCommand implements Callable<Integer> {
    private final CommandContext ctx;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "REF", description = "a record id, an id prefix of at least 8 hex "
            + "characters, or model@version (its newest record)")
    String ref;

    ProofCommand(CommandContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        LedgerEntry entry;
        SignedCheckpoint checkpoint;
        TlogProof proof;
        try (Ledger ledger = ctx.openExisting(common.ledger)) {
            entry = ledger.resolve(ref);
            checkpoint = covering(ledger, entry.index() + 1);
            proof = TlogProof.of(ledger.proveInclusion(entry.index(), checkpoint.checkpoint().size()), checkpoint);
            proof.verify(entry.record().bytes(), NoteVerifier.parse(ledger.verifierKey()));
        }
        if (common.json) {
            ctx.printJson(ctx.object().put("id", entry.id()).put("index", entry.index())
                    .put("treeSize", checkpoint.checkpoint().size()).put("proof", proof.format()));
        } else {
            ctx.print(proof.format());
        }
        return 0;
    }

    /** The latest checkpoint if it covers {@code size} records, else a freshly signed one. */
    static SignedCheckpoint covering(Ledger ledger, long size) {
        Optional<SignedCheckpoint> latest = ledger.latestCheckpoint();
        if (latest.isPresent() && latest.get().checkpoint().size() >= size) {
            return latest.get();
        }
        return ledger.checkpoint();
    }
}
