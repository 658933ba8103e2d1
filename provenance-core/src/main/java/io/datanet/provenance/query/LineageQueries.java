package io.datanet.provenance.query;

import io.datanet.provenance.Digest;
import io.datanet.provenance.InvalidInputException;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.ledger.RecordNotFoundException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Lineage queries over a ledger: what a model version was trained on through every fine-tune, which
 * model versions a DataNet went into, and what changed between two model versions.
 *
 * <pre>{@code
 * LineageQueries queries = LineageQueries.on(ledger);
 * Lineage lineage = queries.lineage("classifier@3");
 * UsesPage page = queries.uses("iris", Optional.empty(), null, 100);
 * ModelDiff diff = queries.diff("classifier@2", "classifier@3");
 * }</pre>
 *
 * <p>Every query reads only the ledger's indexes (id, {@code model@version}, DataNet uses, fine-tune
 * parents): none scans the log. Instances hold no state beyond the ledger and are thread-safe when the
 * ledger is.
 */
public final class LineageQueries {
    /** The largest page {@link #uses} returns. */
    public static final int MAX_PAGE_SIZE = 10_000;

    private final Ledger ledger;

    private LineageQueries(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Queries over {@code ledger}; closing the ledger stays the caller's job. */
    public static LineageQueries on(Ledger ledger) {
        return new LineageQueries(Objects.requireNonNull(ledger, "ledger"));
    }

    /**
     * The lineage of a model version: its record and every base model through fine-tunes, transitively,
     * each with the DataNets (versions, licences, weights, partitions, observed counts) it trained on.
     * The chain is as long as the data makes it; a parent the ledger does not hold ends it and is reported
     * by {@link Lineage#unresolvedParent()}.
     *
     * @param modelRef {@code model@version} (the newest record of that version), a record id or a unique
     *                 id prefix of at least 8 hex characters
     * @throws RecordNotFoundException when the reference names no record or is ambiguous
     * @throws LineageCycleException   when parent links loop (only a corrupt store can do that)
     */
    public Lineage lineage(String modelRef) {
        LedgerEntry entry = ledger.resolve(modelRef);
        List<LineageNode> chain = new ArrayList<>();
        Set<Long> visited = new HashSet<>();
        String parent = null;
        while (entry != null) {
            if (!visited.add(entry.index())) {
                throw new LineageCycleException(entry.id());
            }
            chain.add(new LineageNode(chain.size(), entry));
            parent = entry.record().record().model().parent();
            // climb by leaf index (the store's parent index), parsing only the records the answer holds
            long up = parent == null ? -1 : ledger.parentIndex(entry.index());
            entry = up < 0 ? null : ledger.get(up).orElseThrow(
                    () -> new RecordNotFoundException(Long.toString(up), "the parent index names no entry"));
        }
        return new Lineage(chain, parent);
    }

    /**
     * One page of every model version trained on a DataNet, directly or through a fine-tune ancestor.
     *
     * <p>The order is stable: the direct uses in log order, each followed by the fine-tunes below it that
     * no earlier direct use already covers (today depth first, children in log order; only stability is
     * promised inside such a group). Each record appears once. A page reads leaf indexes to decide what it
     * returns and parses only the records it returns, so its cost does not grow with the ledger or with the
     * number of fine-tunes below a popular base model. All pages of one query
     * answer for the log as it was when the first page was read: follow {@link UsesPage#nextPageToken()}
     * until it is null to get every answer exactly once, even while others append.
     *
     * @param dataNetId the DataNet id
     * @param version   only uses of this DataNet version (fine-tunes of such uses included), or empty for all
     * @param pageToken null or empty for the first page, else a token returned by the previous page
     * @param pageSize  the most answers to return, 1 to {@value #MAX_PAGE_SIZE}
     * @throws InvalidInputException when the page size is out of range or the token is malformed, belongs
     *                               to another query or to a larger ledger
     */
    public UsesPage uses(String dataNetId, Optional<Digest> version, String pageToken, int pageSize) {
        Objects.requireNonNull(dataNetId, "dataNetId");
        Objects.requireNonNull(version, "version");
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new InvalidInputException("page size", "", "must be between 1 and " + MAX_PAGE_SIZE
                    + ", got " + pageSize);
        }
        Digest v = version.orElse(null);
        String query = PageToken.fingerprint(dataNetId, v);
        PageToken start = pageToken == null || pageToken.isEmpty() ? null
                : PageToken.decode(pageToken, query, ledger.size());
        long snapshot = start == null ? ledger.size() : start.ledgerSize();
        return new UsesTraversal(ledger, dataNetId, v, snapshot).page(start, pageSize);
    }

    /**
     * Every model version trained on a DataNet, all pages at once. Convenient for small answers; use
     * {@link #uses(String, Optional, String, int)} when the answer may be large.
     */
    public List<ModelUse> allUses(String dataNetId, Optional<Digest> version) {
        List<ModelUse> out = new ArrayList<>();
        String token = null;
        do {
            UsesPage page = uses(dataNetId, version, token, MAX_PAGE_SIZE);
            out.addAll(page.uses());
            token = page.nextPageToken();
        } while (token != null);
        return out;
    }

    /**
     * What changed from model version {@code refA} to {@code refB}: see {@link ModelDiff}.
     *
     * @param refA {@code model@version}, record id or unique id prefix of the first record
     * @param refB the same for the second
     * @throws RecordNotFoundException when a reference names no record or is ambiguous
     */
    public ModelDiff diff(String refA, String refB) {
        LedgerEntry a = ledger.resolve(refA);
        LedgerEntry b = ledger.resolve(refB);
        return new ModelDiff(a, b, RecordDiff.between(a.record(), b.record()));
    }
}
