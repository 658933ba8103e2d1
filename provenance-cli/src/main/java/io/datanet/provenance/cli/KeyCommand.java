package io.datanet.provenance.cli;

import io.datanet.provenance.ledger.Ledger;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code provenance key}: the log's verifier key in note format, {@code <name>+<keyhash>+<base64>}. */
@Command(name = "key", description = "Print the log's verifier key in note format.",
        footer = {"", "--json: {\"origin\", \"verifierKey\"}"})
final class KeyCommand implements Callable<Integer> {
    private final CommandContext ctx;

    @Mixin
    CommonOptions common;

    KeyCommand(CommandContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        String key;
        String origin;
        try (Ledger ledger = ctx.openExisting(common.ledger)) {
            key = ledger.verifierKey();
            origin = ledger.origin();
        }
        if (common.json) {
            ctx.printJson(ctx.object().put("origin", origin).put("verifierKey", key));
        } else {
            ctx.println(key);
        }
        return 0;
    }
}
