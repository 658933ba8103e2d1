package io.datanet.provenance.datanet;

/**
 * How a DataNet's {@linkplain DataNet#version() version} is computed, written into every manifest so
 * that anyone can recompute it without our code. Each field is an explicit, documented name:
 *
 * <ul>
 *   <li>{@code algorithm} — the hash of file contents and of the tree: {@code "sha256"} (FIPS 180-4).</li>
 *   <li>{@code tree} — the Merkle tree: {@code "rfc6962"}, i.e. leaf hash SHA-256(0x00 ‖ leaf), node hash
 *       SHA-256(0x01 ‖ left ‖ right), split at the largest power of two smaller than the leaf count.</li>
 *   <li>{@code leaf} — the bytes of one file's leaf: {@code "rfc8785:{contributor,path,sha256,size}"},
 *       the RFC 8785 canonical JSON of the object with exactly those four members, e.g.
 *       {@code {"contributor":"ada","path":"a/b.txt","sha256":"sha256:<64 hex>","size":12}}.</li>
 *   <li>{@code order} — the order of the leaves: {@code "path-utf8-bytes"}, files sorted by the unsigned
 *       bytes of their UTF-8 encoded paths (equivalently, by Unicode code point).</li>
 * </ul>
 *
 * @param algorithm the content and tree hash algorithm
 * @param tree      the Merkle tree construction
 * @param leaf      the leaf encoding
 * @param order     the leaf order
 */
public record HashingParameters(String algorithm, String tree, String leaf, String order) {
    /** The only parameters this version computes and accepts. */
    public static final HashingParameters V1 = new HashingParameters(
            "sha256", "rfc6962", "rfc8785:{contributor,path,sha256,size}", "path-utf8-bytes");

    /**
     * Validates that every field is present.
     *
     * @throws IllegalArgumentException naming the blank field
     * @throws NullPointerException if a field is null
     */
    public HashingParameters {
        Identifiers.checkText("hashing algorithm", algorithm);
        Identifiers.checkText("hashing tree", tree);
        Identifiers.checkText("hashing leaf", leaf);
        Identifiers.checkText("hashing order", order);
    }
}
