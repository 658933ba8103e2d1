package io.datanet.provenance.record;

import java.util.List;
import java.util.Objects;

/**
 * The licence verdict evaluated before training.
 *
 * @param verdict     the outcome
 * @param intendedUse the declared intended use of the model (e.g. {@code research})
 * @param commercial  whether the declared use is commercial
 * @param reasons     why, one line per DataNet term that decided it, sorted
 */
public record PolicyInfo(PolicyVerdict verdict, String intendedUse, boolean commercial, List<String> reasons) {
    /** Validates and sorts. */
    public PolicyInfo {
        Objects.requireNonNull(verdict, "policy verdict");
        Names.check("policy intendedUse", intendedUse);
        reasons = reasons.stream().sorted().toList();
    }
}
