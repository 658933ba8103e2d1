package io.datanet.provenance.anchor;

import java.util.List;
import java.util.Optional;

/** {@link AnchorSink#noop()}. */
enum NoopAnchorSink implements AnchorSink {
    INSTANCE;

    @Override
    public String target() {
        return "noop";
    }

    @Override
    public AnchorReceipt publish(AnchorRequest request) {
        return new AnchorReceipt(request.anchor(), AnchorReceipt.Outcome.ANCHORED, "", -1);
    }

    @Override
    public Optional<Anchor> find(LogId logId, long size) {
        return Optional.empty();
    }

    @Override
    public Optional<Anchor> latest(LogId logId) {
        return Optional.empty();
    }

    @Override
    public List<Anchor> anchors(LogId logId) {
        return List.of();
    }

    @Override
    public void close() {
        // nothing to release
    }
}
