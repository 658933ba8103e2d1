package io.datanet.provenance.license;

import io.datanet.provenance.ProvenanceException;
import io.datanet.provenance.record.PolicyInfo;
import java.util.Objects;

/**
 * A run was refused before it trained: its declared intended use breaks a DataNet's licence terms.
 * {@link #dataNetId()} and {@link #term()} name the first DataNet and term at fault; {@link #verdict()}
 * carries every reason.
 */
public class LicenseViolationException extends ProvenanceException {
    private static final long serialVersionUID = 1L;
    private final String dataNetId;
    private final String term;
    private final transient PolicyInfo verdict;

    /**
     * Creates an exception about {@code term} of DataNet {@code dataNetId}.
     *
     * @param verdict the full verdict, whose reasons all appear in the message
     */
    public LicenseViolationException(String dataNetId, String term, PolicyInfo verdict) {
        super("training refused before it started: " + String.join("; ", verdict.reasons()));
        this.dataNetId = Objects.requireNonNull(dataNetId, "dataNetId");
        this.term = Objects.requireNonNull(term, "term");
        this.verdict = verdict;
    }

    /** The id of the first DataNet whose terms forbid the declared use. */
    public String dataNetId() {
        return dataNetId;
    }

    /**
     * The term at fault: {@code commercialUse}, {@code derivativeModels} or {@code prohibitedUses}.
     */
    public String term() {
        return term;
    }

    /** The whole verdict, {@link io.datanet.provenance.record.PolicyVerdict#REFUSED}, with every reason. */
    public PolicyInfo verdict() {
        return verdict;
    }
}
