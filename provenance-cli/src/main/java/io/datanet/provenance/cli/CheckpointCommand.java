package io.datanet.provenance.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datanet.provenance.ledger.Checkpoint;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.SignedCheckpoint;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code provenance checkpoint}: signs a checkpoint if the tree grew since the newest one, then prints the
 * newest signed checkpoint exactly as stored: a C2SP {@code tlog-checkpoint} signed note.
 */
@Command(name = "checkpoint", description = "Sign a checkpoint if the tree grew; print the latest signed "
        + "checkpoint in note format.",
        footer = {"", "--json: {\"origin\", \"size\", \"root\" (base64), \"note\", \"signed\" (true when this run signed it)}"})
final class CheckpointCommand implements Callable<Integer> {
    private final CommandContext ctx;

    @Mixin
    CommonOptions common;

    CheckpointCommand(CommandContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        SignedCheckpoint signed;
        boolean fresh;
        try (Ledger ledger = ctx.openExisting(common.ledger)) {
            long before = ledger.latestCheckpoint().map(c -> c.checkpoint().size()).orElse(-1L);
            // needs the signing key only when there is something new to sign
            signed = ProofCommand.covering(ledger, ledger.size());
            fresh = signed.checkpoint().size() != before;
        }
        if (common.json) {
            ctx.printJson(json(ctx.object(), signed).put("signed", fresh));
        } else {
            ctx.print(signed.note());
        }
        return 0;
    }

    /** The JSON fields of a signed checkpoint: origin, size, root (base64) and the note. */
    static ObjectNode json(ObjectNode node, SignedCheckpoint signed) {
        Checkpoint cp = signed.checkpoint();
        return node.put("origin", cp.origin()).put("size", cp.size()).put("root", cp.root().base64())
                .put("note", signed.note());
    }
}
