package io.datanet.provenance.ledger;

import io.datanet.provenance.Digest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A C2SP {@code tlog-checkpoint}: the log's origin, its tree size and the RFC 6962 root of the tree
 * at that size, plus optional opaque extension lines. {@link #body()} is the note text that the log
 * signs ({@link SignedCheckpoint}); {@link #parse(String)} reads it back strictly, so a body has one
 * spelling and parses back to an equal checkpoint.
 *
 * @param origin         the log's identity, e.g. {@code example.com/log}; non-empty, one line
 * @param size           the number of leaves, not negative
 * @param root           the tree's root hash ({@link MerkleHash#empty()} for size 0)
 * @param extensionLines further lines, each non-empty (copied; usually none)
 */
public record Checkpoint(String origin, long size, Digest root, List<String> extensionLines) {
    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if the origin is empty, the size negative, or a line would break
     *                                  the note (newline, control character, unpaired surrogate)
     * @throws NullPointerException     if a component or extension line is null
     */
    public Checkpoint {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(root, "root");
        extensionLines = List.copyOf(extensionLines);
        requireLine("origin", origin);
        if (size < 0) {
            throw new IllegalArgumentException("tree size must not be negative: " + size);
        }
        for (String line : extensionLines) {
            requireLine("extension line", line);
        }
    }

    /** A checkpoint without extension lines. */
    public Checkpoint(String origin, long size, Digest root) {
        this(origin, size, root, List.of());
    }

    /** The note text: origin, decimal size, base64 root and extension lines, each ending in a newline. */
    public String body() {
        StringBuilder text = new StringBuilder(origin.length() + 80);
        text.append(origin).append('\n').append(size).append('\n').append(root.base64()).append('\n');
        for (String line : extensionLines) {
            text.append(line).append('\n');
        }
        return text.toString();
    }

    /**
     * Parses a checkpoint body (the note text, without signatures). Exactly the output of
     * {@link #body()} is accepted: every line ends in a newline, the size has no sign or leading zeros,
     * the root is canonical padded base64 of 32 bytes and no line is empty.
     *
     * @throws CheckpointFormatException naming the first line at fault
     */
    public static Checkpoint parse(String body) {
        Objects.requireNonNull(body, "body");
        if (!body.endsWith("\n")) {
            throw new CheckpointFormatException(Math.max(1, body.split("\n", -1).length),
                    "a checkpoint must end with a newline");
        }
        String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String problem = lines[i].isEmpty() ? "empty line" : TextFormat.invalidLine(lines[i]);
            if (problem != null) {
                throw new CheckpointFormatException(i + 1, problem + " in " + TextFormat.quote(lines[i]));
            }
        }
        if (lines.length < 3) {
            throw new CheckpointFormatException(lines.length + 1, lines.length == 1
                    ? "missing the tree size line" : "missing the root hash line");
        }
        long size = TextFormat.parseDecimal(lines[1]);
        if (size < 0) {
            throw new CheckpointFormatException(2, "the tree size must be a decimal without sign or leading"
                    + " zeros, got " + TextFormat.quote(lines[1]));
        }
        byte[] root = TextFormat.decodeBase64(lines[2]);
        if (root == null || root.length != Digest.LENGTH) {
            throw new CheckpointFormatException(3, "the root hash must be the padded base64 of 32 bytes, got "
                    + TextFormat.quote(lines[2]));
        }
        return new Checkpoint(lines[0], size, Digest.of(root), Arrays.asList(lines).subList(3, lines.length));
    }

    private static void requireLine(String what, String line) {
        String problem = line.isEmpty() ? "must not be empty" : TextFormat.invalidLine(line);
        if (problem != null) {
            throw new IllegalArgumentException("checkpoint " + what + " " + TextFormat.quote(line) + ": " + problem);
        }
    }
}
