package io.datanet.provenance.license;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A DataNet's licence: an SPDX licence expression and the usage terms a training run must honour.
 *
 * @param spdx             the SPDX licence expression, e.g. {@code CC-BY-4.0} or {@code MIT OR Apache-2.0}
 * @param commercialUse    whether models trained on the data may be used commercially
 * @param derivativeModels whether models may be trained on the data at all (derivative works)
 * @param attribution      whether contributors must be credited wherever the model is distributed
 * @param shareAlike       whether models trained on the data must carry the same terms
 * @param prohibitedUses   intended uses the licence forbids (lower-case words, sorted, no duplicates)
 */
public record LicenseTerms(String spdx, boolean commercialUse, boolean derivativeModels, boolean attribution,
                           boolean shareAlike, List<String> prohibitedUses) {
    private static final Pattern SPDX_CHARACTERS = Pattern.compile("[A-Za-z0-9.+\\-:() ]+");


    /** Validates every field and sorts {@code prohibitedUses}. */
    public LicenseTerms {
        Objects.requireNonNull(spdx, "spdx");
        if (spdx.isBlank() || !SPDX_CHARACTERS.matcher(spdx).matches()) {
            throw new IllegalArgumentException("licence spdx expression is not valid: \"" + spdx + "\"");
        }
        prohibitedUses = prohibitedUses.stream().map(u -> {
            if (u.isBlank()) {
                throw new IllegalArgumentException("licence prohibitedUses contains a blank entry");
            }
            return u;
        }).distinct().sorted().toList();
    }

    /** Permissive terms under the given SPDX expression: commercial use and derivatives allowed. */
    public static LicenseTerms permissive(String spdx) {
        return new LicenseTerms(spdx, true, true, true, false, List.of());
    }
}
