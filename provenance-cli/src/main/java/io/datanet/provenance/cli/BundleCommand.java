package io.datanet.provenance.cli;

import io.datanet.provenance.Digest;
import io.datanet.provenance.InvalidInputException;
import io.datanet.provenance.ledger.Checkpoint;
import io.datanet.provenance.ledger.InclusionProof;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.ledger.MerkleHash;
import io.datanet.provenance.ledger.NoteVerifier;
import io.datanet.provenance.ledger.ProofVerificationException;
import io.datanet.provenance.ledger.SignedCheckpoint;
import io.datanet.provenance.ledger.TlogProof;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code provenance bundle DIR}: an offline audit bundle, everything against one signed checkpoint:
 * {@code checkpoint} (the signed note), {@code verifier.key}, {@code records/<index>.json} (the exact
 * logged bytes) and {@code proofs/<index>.tlog-proof} for every record the checkpoint covers.
 *
 * <p>The bundle is written into a hidden sibling directory and renamed into place when complete, so
 * {@code DIR} never holds half a bundle. Every inclusion path is checked against the checkpoint's root
 * before it is written. An existing non-empty {@code DIR} is refused.
 */
@Command(name = "bundle", description = "Write an offline audit bundle to DIR: checkpoint, verifier.key, "
        + "records/<index>.json, proofs/<index>.tlog-proof.",
        footer = {"", "--json: {\"directory\", \"records\", \"origin\", \"size\", \"root\", \"note\"} of the bundle's checkpoint"})
final class BundleCommand implements Callable<Integer> {
    private static final int PAGE = 512;
    private final CommandContext ctx;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "DIR", description = "a new or empty directory")
    Path dir;

    BundleCommand(CommandContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        dir = dir.toAbsolutePath().normalize();
        refuseNonEmpty();
        SignedCheckpoint signed;
        try (Ledger ledger = ctx.openExisting(common.ledger)) {
            signed = ProofCommand.covering(ledger, ledger.size());
            Checkpoint cp = SignedCheckpoint.verify(signed.note(), NoteVerifier.parse(ledger.verifierKey()))
                    .checkpoint();
            Path parent = dir.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path partial = Files.createTempDirectory(parent, "." + dir.getFileName() + ".partial-");
            try {
                write(ledger, signed, cp, partial);
                refuseNonEmpty(); // someone may have filled DIR meanwhile
                Files.deleteIfExists(dir);
                Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                deleteRecursively(partial);
            }
        }
        Checkpoint cp = signed.checkpoint();
        if (common.json) {
            ctx.printJson(CheckpointCommand.json(ctx.object().put("directory", dir.toString())
                    .put("records", cp.size()), signed));
        } else {
            ctx.println("bundle: " + cp.size() + " records with proofs against checkpoint " + cp.origin() + " at size "
                    + cp.size() + " in " + dir);
        }
        return 0;
    }

    private void refuseNonEmpty() throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir.toString(), "", "exists and is not a directory");
        }
        try (Stream<Path> children = Files.list(dir)) {
            if (children.findAny().isPresent()) {
                throw new InvalidInputException(dir.toString(), "", "exists and is not empty; give a new or empty "
                        + "directory");
            }
        }
    }

    private void write(Ledger ledger, SignedCheckpoint signed, Checkpoint cp, Path out) throws IOException {
        Files.writeString(out.resolve("checkpoint"), signed.note(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("verifier.key"), ledger.verifierKey() + "\n", StandardCharsets.UTF_8);
        Path records = Files.createDirectory(out.resolve("records"));
        Path proofs = Files.createDirectory(out.resolve("proofs"));
        ProgressBar progress = ctx.progress("bundle", cp.size());
        try {
            List<LedgerEntry> page = new ArrayList<>(PAGE);
            for (long from = 0; from < cp.size(); from += PAGE) {
                page.clear();
                long to = Math.min(cp.size(), from + PAGE);
                ledger.scan(from, to, page::add);
                for (int i = 0; i < to - from; i++) {
                    if (i >= page.size() || page.get(i).index() != from + i) {
                        throw new ProofVerificationException("entry " + (from + i) + " is missing from the log though "
                                + "checkpoint " + cp.origin() + " at size " + cp.size() + " covers it (run `provenance verify`)");
                    }
                    LedgerEntry entry = page.get(i);
                    byte[] bytes = entry.record().bytes();
                    InclusionProof proof = ledger.proveInclusion(entry.index(), cp.size());
                    Digest leaf = MerkleHash.leaf(bytes);
                    if (!proof.verifies(leaf, cp.root())) {
                        throw new ProofVerificationException("entry " + entry.index() + ": its inclusion path does not "
                                + "lead to the root of checkpoint " + cp.origin() + " at size " + cp.size()
                                + " (run `provenance verify`)");
                    }
                    Files.write(records.resolve(entry.index() + ".json"), bytes);
                    Files.writeString(proofs.resolve(entry.index() + ".tlog-proof"),
                            TlogProof.of(proof, signed).format(), StandardCharsets.UTF_8);
                }
                progress.accept(from + page.size());
            }
        } finally {
            progress.finish();
        }
    }

    /** Removes a partial bundle; quietly, since the failure that left it is what the user needs to see. */
    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover hidden .partial directory is harmless
        }
    }
}
