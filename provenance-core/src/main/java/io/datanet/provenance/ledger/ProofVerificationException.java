package io.datanet.provenance.ledger;

import io.datanet.provenance.ProvenanceException;

/**
 * A proof that does not prove what it claims: an entry not included under a checkpoint's root, an index
 * outside the checkpointed tree, an inclusion path of the wrong length. The message names the index,
 * the tree size and what failed.
 */
public class ProofVerificationException extends ProvenanceException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception whose message names what failed. */
    public ProofVerificationException(String message) {
        super(message);
    }
}
