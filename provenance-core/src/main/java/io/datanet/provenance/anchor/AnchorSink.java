package io.datanet.provenance.anchor;

import java.util.List;
import java.util.Optional;

/**
 * Where a log's checkpoints are anchored: a public, append-only target such as an EVM registry contract
 * ({@code provenance-evm}'s {@code Web3jAnchorSink}). Shaped like an OpenTelemetry exporter: core holds
 * only this interface and {@link #noop()}; a backend lives in its own module and none of its types
 * appear here. {@link AnchorScheduler} drives a sink from a background thread, so a training loop never
 * waits on it; {@link AnchorVerifier} checks a ledger against it.
 *
 * <p>Implementations are thread-safe and idempotent: {@link #publish} checks the target before sending
 * and never records the same anchor twice.
 */
public interface AnchorSink extends AutoCloseable {
    /** A sink that anchors nothing: every publish succeeds without effect and nothing is ever found. */
    static AnchorSink noop() {
        return NoopAnchorSink.INSTANCE;
    }

    /**
     * A stable name of the target, e.g. {@code eip155:31337/0x5fbd...} for a registry on chain 31337. The
     * anchor queue is kept per target, so changing targets starts a fresh queue.
     */
    String target();

    /** True when {@link #publish} publishes per-record facts (events mode) and so wants them in requests. */
    default boolean publishesRecordFacts() {
        return false;
    }

    /**
     * Records an anchor on the target and waits until the target has it durably (an EVM sink waits for
     * its configured confirmations). Idempotent: when the target already holds this anchor nothing is
     * sent ({@link AnchorReceipt.Outcome#ALREADY_ANCHORED}); when it holds a later one the request is
     * {@link AnchorReceipt.Outcome#SUPERSEDED}.
     *
     * @throws AnchorConflictException if the target holds a different root at this size
     * @throws AnchorException         if the target cannot be reached or refuses; see {@link AnchorException#retryable()}
     */
    AnchorReceipt publish(AnchorRequest request);

    /**
     * The root anchored for a log at exactly {@code size}, read from the target.
     *
     * @throws AnchorException if the target cannot be read
     */
    Optional<Anchor> find(LogId logId, long size);

    /**
     * The log's latest anchor on the target, if any.
     *
     * @throws AnchorException if the target cannot be read
     */
    Optional<Anchor> latest(LogId logId);

    /**
     * Every anchor of the log on the target, smallest size first.
     *
     * @throws AnchorException if the target cannot be read
     */
    List<Anchor> anchors(LogId logId);

    /**
     * The record facts published for records {@code [from, to)} of the log, in index order; empty when the
     * sink does not publish facts or published none for that range.
     *
     * @throws AnchorException if the target cannot be read
     */
    default List<RecordFact> facts(LogId logId, long from, long to) {
        return List.of();
    }

    /** Releases connections; never throws. */
    @Override
    void close();
}
