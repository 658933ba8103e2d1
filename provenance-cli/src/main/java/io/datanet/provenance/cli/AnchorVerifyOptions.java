package io.datanet.provenance.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datanet.provenance.anchor.AnchorVerificationReport;
import io.datanet.provenance.anchor.AnchorVerifier;
import io.datanet.provenance.evm.Web3jAnchorSink;
import io.datanet.provenance.ledger.Ledger;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code verify --anchors --rpc URL --registry ADDR}: also checks the ledger against its anchors on the
 * registry: every anchored root matches the records, and consistency proofs link every anchor to the
 * current tree and the latest checkpoint. The chain is the witness, so this catches a ledger rewritten
 * and re-signed with its own key.
 */
final class AnchorVerifyOptions {
    @Option(names = "--anchors", description = "also verify against the anchors on the registry (needs --rpc, --registry)")
    boolean anchors;

    @Mixin
    ChainOptions chain;

    /** The report against the chain, or null without {@code --anchors}. */
    AnchorVerificationReport verify(CommandContext ctx, Ledger ledger) {
        if (!anchors) {
            return null;
        }
        try (Web3jAnchorSink sink = chain.reader(ctx)) {
            return AnchorVerifier.verify(ledger, sink);
        }
    }

    /** Adds the report to verify's JSON output. */
    static void json(ObjectNode document, AnchorVerificationReport report) {
        ObjectNode a = document.putObject("anchors");
        a.put("ok", report.ok()).put("target", report.target()).put("logId", report.logId().hex())
                .put("anchored", report.anchors().size()).put("anchoredSize", report.anchoredSize());
        ArrayNode problems = a.putArray("problems");
        if (report.anchors().isEmpty() && report.problems().isEmpty()) {
            problems.add(report.summary());
        }
        report.problems().forEach(problems::add);
        if (report.firstBadEntry().isPresent()) {
            a.put("firstBadEntry", report.firstBadEntry().getAsLong());
        } else {
            a.putNull("firstBadEntry");
        }
    }

    /** Prints the report as verify's text output. */
    static void text(CommandContext ctx, AnchorVerificationReport report) {
        if (report.ok()) {
            ctx.println("ok: " + report.anchors().size() + " anchors on " + report.target() + ", latest at size "
                    + report.anchoredSize());
        } else {
            ctx.println("FAILED against " + report.target() + ": " + report.summary());
            report.problems().stream().skip(1).forEach(ctx::println);
        }
    }
}
