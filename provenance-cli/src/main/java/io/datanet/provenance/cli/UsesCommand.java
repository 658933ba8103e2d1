package io.datanet.provenance.cli;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.query.LineageQueries;
import io.datanet.provenance.query.ModelUse;
import io.datanet.provenance.query.QueryJson;
import io.datanet.provenance.query.UsesPage;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code provenance uses DATANET[@VERSION]}: every model version trained on the DataNet, directly or through
 * a base model it was fine-tuned from, one page at a time. Every page of one query answers for the log as
 * it was at the first page, so following the tokens lists every answer once even while others append.
 */
@Command(name = "uses", description = "Every model version trained on a DataNet (at a version, when given), "
        + "directly or through a fine-tune ancestor, a page at a time.",
        footer = {"", "--json: {\"datanet\", \"version\", \"ledgerSize\", \"uses\": [{\"index\", \"id\", \"model\", "
                + "\"direct\", \"versions\", \"through\", \"superseded\"}], \"nextPageToken\"}"})
final class UsesCommand implements Callable<Integer> {
    private final CommandContext ctx;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "DATANET[@VERSION]", description = "a DataNet id, optionally with "
            + "@sha256:<64 hex> for one version")
    String dataNet;

    @Option(names = "--page-size", paramLabel = "N", defaultValue = "100",
            description = "answers per page, 1 to " + LineageQueries.MAX_PAGE_SIZE + " (default: ${DEFAULT-VALUE})")
    int pageSize;

    @Option(names = "--page", paramLabel = "TOKEN", description = "the page after the one that printed this token")
    String page;

    UsesCommand(CommandContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (pageSize < 1 || pageSize > LineageQueries.MAX_PAGE_SIZE) {
            throw new ParameterException(spec.commandLine(), "--page-size must be between 1 and "
                    + LineageQueries.MAX_PAGE_SIZE + ", got " + pageSize);
        }
        String id = dataNet;
        Optional<Digest> version = Optional.empty();
        int at = dataNet.lastIndexOf('@');
        if (at > 0) {
            String suffix = dataNet.substring(at + 1);
            if (suffix.startsWith(Digest.PREFIX) || (suffix.length() == 64 && Digest.isLowerHex(suffix))) {
                try {
                    version = Optional.of(suffix.startsWith(Digest.PREFIX) ? Digest.parse(suffix) : Digest.parseHex(suffix));
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "DataNet version must be sha256:<64 lowercase "
                            + "hex>, got " + suffix);
                }
                id = dataNet.substring(0, at);
            }
        }
        UsesPage result;
        try (Ledger ledger = ctx.openExisting(common.ledger)) {
            result = LineageQueries.on(ledger).uses(id, version, page, pageSize);
        }
        if (common.json) {
            ctx.printJson(QueryJson.uses(result));
            return 0;
        }
        for (ModelUse u : result.uses()) {
            String how = u.direct()
                    ? "direct " + u.directVersions().stream().map(v -> v.hex().substring(0, RecordText.PREFIX))
                            .collect(Collectors.joining(", "))
                    : "";
            if (u.through() != null) {
                how += (how.isEmpty() ? "" : ", ") + "through " + u.through().substring(0, RecordText.PREFIX);
            }
            ctx.println(u.recordId().substring(0, RecordText.PREFIX) + "  " + u.modelRef() + "  index " + u.index()
                    + "  " + how + (u.superseded() ? "  (superseded by a newer run of " + u.modelRef() + ")" : ""));
        }
        if (result.nextPageToken() != null) {
            ctx.println("next page: provenance uses " + dataNet + " --page-size " + pageSize + " --page "
                    + result.nextPageToken());
        }
        return 0;
    }
}
