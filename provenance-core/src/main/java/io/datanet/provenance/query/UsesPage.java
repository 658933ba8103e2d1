package io.datanet.provenance.query;

import io.datanet.provenance.Digest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of the model versions trained on a DataNet, directly or through fine-tune ancestors.
 *
 * <p>Pages are cut from one snapshot of the append-only log: the first page fixes {@code ledgerSize}, and
 * every later page fetched with {@link #nextPageToken()} answers for that same prefix of the log, so
 * following the tokens returns every answer exactly once even while others append.
 *
 * @param dataNetId     the DataNet asked about
 * @param version       the DataNet version asked about, or null for every version
 * @param uses          this page's answers, in the query's stable order
 * @param nextPageToken an opaque token for the next page, or null when this is the last page
 * @param ledgerSize    the number of log entries the answers are drawn from
 */
public record UsesPage(String dataNetId, Digest version, List<ModelUse> uses, String nextPageToken,
                       long ledgerSize) {
    /** Validates and copies the fields. */
    public UsesPage {
        Objects.requireNonNull(dataNetId, "dataNetId");
        uses = List.copyOf(uses);
        if (ledgerSize < 0) {
            throw new IllegalArgumentException("ledgerSize must not be negative, got " + ledgerSize);
        }
    }

    /** The version asked about, when the query named one. */
    public Optional<Digest> versionFilter() {
        return Optional.ofNullable(version);
    }

    /** The token for the next page, when there is one. */
    public Optional<String> next() {
        return Optional.ofNullable(nextPageToken);
    }
}
