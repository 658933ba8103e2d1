package io.datanet.provenance.ledger;

import io.datanet.provenance.Digest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A {@code c2sp.org/tlog-proof@v1} file: an offline-verifiable proof that an entry is in a log. It holds
 * the entry's index, its RFC 6962 inclusion path and the log's signed checkpoint, plus optional opaque
 * extra data that nothing authenticates. {@link #format()} writes the file and {@link #parse(String)}
 * reads it back strictly; proof files are usually stored with the extension {@code .tlog-proof}.
 *
 * @param index                the zero-based index of the entry
 * @param extra                opaque, unauthenticated extra data, or {@code null} (an empty array counts
 *                             as none); copied in and out
 * @param path                 the inclusion path, leaf sibling first (copied)
 * @param signedCheckpointNote the log's signed checkpoint note, verbatim
 */
public record TlogProof(long index, byte[] extra, List<Digest> path, String signedCheckpointNote) {
    /** The first line of every proof file. */
    public static final String HEADER = "c2sp.org/tlog-proof@v1";

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if the index is negative
     * @throws NullPointerException     if the path, one of its hashes or the note is null
     */
    public TlogProof {
        if (index < 0) {
            throw new IllegalArgumentException("entry index must not be negative: " + index);
        }
        extra = extra == null || extra.length == 0 ? null : extra.clone();
        path = List.copyOf(path);
        Objects.requireNonNull(signedCheckpointNote, "signedCheckpointNote");
    }

    /**
     * The proof of an entry under a signed checkpoint, without extra data.
     *
     * @throws IllegalArgumentException if the inclusion proof is for another tree size than the checkpoint
     */
    public static TlogProof of(InclusionProof proof, SignedCheckpoint checkpoint) {
        if (proof.treeSize() != checkpoint.checkpoint().size()) {
            throw new IllegalArgumentException("the inclusion proof is for tree size " + proof.treeSize()
                    + " but the checkpoint is at size " + checkpoint.checkpoint().size());
        }
        return new TlogProof(proof.index(), null, proof.path(), checkpoint.note());
    }

    /** A copy of the extra data, or {@code null} when there is none. */
    @Override
    public byte[] extra() {
        return extra == null ? null : extra.clone();
    }

    /** The proof file text. */
    public String format() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        if (extra != null) {
            text.append("extra ").append(TextFormat.base64(extra)).append('\n');
        }
        text.append("index ").append(index).append('\n');
        for (Digest hash : path) {
            text.append(hash.base64()).append('\n');
        }
        return text.append('\n').append(signedCheckpointNote).toString();
    }

    /**
     * Reads a proof file. The header, {@code extra} and {@code index} lines and the hashes must be
     * spelled as {@link #format()} writes them; the checkpoint note after the empty line is kept verbatim
     * and checked only by {@link #verify}.
     *
     * @throws TlogProofFormatException naming the first line at fault
     */
    public static TlogProof parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] lines = text.split("\n", -1);
        if (!lines[0].equals(HEADER)) {
            throw new TlogProofFormatException(1, "expected " + HEADER + ", got " + TextFormat.quote(lines[0]));
        }
        int at = 1;
        byte[] extra = null;
        if (at < lines.length && lines[at].startsWith("extra ")) {
            extra = TextFormat.decodeBase64(lines[at].substring("extra ".length()));
            if (extra == null) {
                throw new TlogProofFormatException(at + 1, "extra data must be padded base64");
            }
            at++;
        }
        long index = at < lines.length && lines[at].startsWith("index ")
                ? TextFormat.parseDecimal(lines[at].substring("index ".length())) : -1;
        if (index < 0) {
            throw new TlogProofFormatException(at + 1, "expected 'index' and a decimal without leading zeros, got "
                    + (at < lines.length ? TextFormat.quote(lines[at]) : "the end of the file"));
        }
        List<Digest> path = new ArrayList<>();
        for (at++; at < lines.length && !lines[at].isEmpty(); at++) {
            byte[] hash = TextFormat.decodeBase64(lines[at]);
            if (hash == null || hash.length != Digest.LENGTH) {
                throw new TlogProofFormatException(at + 1, "expected the padded base64 of a 32-byte hash, got "
                        + TextFormat.quote(lines[at]));
            }
            path.add(Digest.of(hash));
        }
        if (at >= lines.length - 1) {
            throw new TlogProofFormatException(at + 1, "expected an empty line and the signed checkpoint, got the"
                    + " end of the file");
        }
        String note = String.join("\n", Arrays.asList(lines).subList(at + 1, lines.length));
        if (note.isEmpty()) {
            throw new TlogProofFormatException(at + 2, "expected the signed checkpoint after the empty line");
        }
        return new TlogProof(index, extra, path, note);
    }

    /**
     * Checks that {@code recordBytes} is entry {@link #index} of the log whose checkpoint this proof
     * carries: the checkpoint note verifies under {@code verifier}, and the inclusion path leads from the
     * leaf hash SHA-256(0x00 ‖ recordBytes) to the checkpoint's root.
     *
     * @return the verified checkpoint
     * @throws NoteVerificationException  if the checkpoint note is not validly signed by the key
     * @throws CheckpointFormatException  if the signed text is not a checkpoint
     * @throws ProofVerificationException if the index is outside the checkpointed tree, the path has the
     *                                    wrong length, or the record is not included under the root
     */
    public Checkpoint verify(byte[] recordBytes, NoteVerifier verifier) {
        Objects.requireNonNull(recordBytes, "recordBytes");
        Checkpoint checkpoint = SignedCheckpoint.verify(signedCheckpointNote, verifier).checkpoint();
        String where = "entry " + index + " of " + checkpoint.origin() + " at tree size " + checkpoint.size();
        if (index >= checkpoint.size()) {
            throw new ProofVerificationException(where + ": the index is outside the checkpointed tree");
        }
        InclusionProof proof;
        try {
            proof = new InclusionProof(index, checkpoint.size(), path);
        } catch (IllegalArgumentException e) {
            throw new ProofVerificationException(where + ": " + e.getMessage());
        }
        Digest computed = proof.rootFrom(MerkleHash.leaf(recordBytes));
        if (!computed.equals(checkpoint.root())) {
            throw new ProofVerificationException(where + ": the record is not included: its inclusion path leads"
                    + " to root " + computed.base64() + ", the checkpoint's root is " + checkpoint.root().base64());
        }
        return checkpoint;
    }

    /** Equal when every component is equal, the extra data by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TlogProof p && index == p.index && Arrays.equals(extra, p.extra)
                && path.equals(p.path) && signedCheckpointNote.equals(p.signedCheckpointNote);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, Arrays.hashCode(extra), path, signedCheckpointNote);
    }

    @Override
    public String toString() {
        return "TlogProof[index=" + index + ", extra=" + (extra == null ? "none" : TextFormat.base64(extra))
                + ", path=" + path.size() + " hashes, checkpoint=" + TextFormat.quote(signedCheckpointNote) + "]";
    }
}
