package io.datanet.provenance.license;

import io.datanet.provenance.record.PolicyInfo;
import io.datanet.provenance.record.PolicyVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Decides, before a run trains, whether its declared intended use is allowed by the licence terms of every
 * DataNet it will train on.
 *
 * <p>The rules, one per {@link LicenseTerms} field, each giving one reason when it refuses:
 * <ul>
 *   <li>{@code derivativeModels = false}: no model may be trained on the data at all;</li>
 *   <li>{@code commercialUse = false}: refused when the declared use is commercial;</li>
 *   <li>{@code prohibitedUses}: refused when it contains the declared intended use (compared
 *       case-insensitively).</li>
 * </ul>
 * Attribution and share-alike are obligations on whoever distributes the model, not reasons to refuse
 * training; they are carried in the record's licence terms. The verdict is a pure function of its
 * arguments.
 */
public final class LicensePolicy {
    /** The term names used in reasons and in {@link LicenseViolationException#term()}. */
    public static final String DERIVATIVE_MODELS = "derivativeModels";
    /** See {@link #DERIVATIVE_MODELS}. */
    public static final String COMMERCIAL_USE = "commercialUse";
    /** See {@link #DERIVATIVE_MODELS}. */
    public static final String PROHIBITED_USES = "prohibitedUses";

    private LicensePolicy() {}

    /**
     * Evaluates the declared use against the terms of each DataNet.
     *
     * @param intendedUse the declared intended use, e.g. {@code research}
     * @param commercial  whether the declared use is commercial
     * @param terms       DataNet id to its licence terms; iteration order does not matter
     * @return {@link PolicyVerdict#ALLOWED} with no reasons, or {@link PolicyVerdict#REFUSED} with one
     *         reason per DataNet term that forbids the use, sorted
     */
    public static PolicyInfo evaluate(String intendedUse, boolean commercial, Map<String, LicenseTerms> terms) {
        Objects.requireNonNull(intendedUse, "intendedUse");
        List<String> reasons = new ArrayList<>();
        terms.forEach((id, t) -> violations(id, t, intendedUse, commercial)
                .forEach(term -> reasons.add(reason(id, t, term, intendedUse))));
        return new PolicyInfo(reasons.isEmpty() ? PolicyVerdict.ALLOWED : PolicyVerdict.REFUSED,
                intendedUse, commercial, reasons);
    }

    /**
     * Evaluates like {@link #evaluate} and refuses when any term forbids the use.
     *
     * @return the verdict, {@link PolicyVerdict#ALLOWED}
     * @throws LicenseViolationException naming the first DataNet (by id) and term that forbid the use
     */
    public static PolicyInfo require(String intendedUse, boolean commercial, Map<String, LicenseTerms> terms) {
        PolicyInfo verdict = evaluate(intendedUse, commercial, terms);
        if (verdict.verdict() == PolicyVerdict.REFUSED) {
            String first = terms.keySet().stream().sorted()
                    .filter(id -> !violations(id, terms.get(id), intendedUse, commercial).isEmpty())
                    .findFirst().orElseThrow();
            throw new LicenseViolationException(first,
                    violations(first, terms.get(first), intendedUse, commercial).get(0), verdict);
        }
        return verdict;
    }

    /** The names of the terms of one DataNet that forbid the use, in a fixed order. */
    static List<String> violations(String id, LicenseTerms t, String intendedUse, boolean commercial) {
        List<String> terms = new ArrayList<>(3);
        if (!t.derivativeModels()) {
            terms.add(DERIVATIVE_MODELS);
        }
        if (commercial && !t.commercialUse()) {
            terms.add(COMMERCIAL_USE);
        }
        String use = intendedUse.toLowerCase(Locale.ROOT);
        if (t.prohibitedUses().stream().anyMatch(p -> p.toLowerCase(Locale.ROOT).equals(use))) {
            terms.add(PROHIBITED_USES);
        }
        return terms;
    }

    private static String reason(String id, LicenseTerms t, String term, String intendedUse) {
        return switch (term) {
            case DERIVATIVE_MODELS -> "datanet " + id + " (" + t.spdx() + "): derivativeModels=false forbids training models on it";
            case COMMERCIAL_USE -> "datanet " + id + " (" + t.spdx() + "): commercialUse=false forbids the declared commercial use";
            default -> "datanet " + id + " (" + t.spdx() + "): prohibitedUses forbids the intended use \"" + intendedUse + "\"";
        };
    }
}
