package io.datanet.provenance.record;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The run: its id, how it ended, and when it started and ended (truncated to milliseconds).
 *
 * @throws IllegalArgumentException if the id is blank or the run ends before it starts
 */
public record RunInfo(String id, RunStatus status, Instant startedAt, Instant endedAt) {
    /** Validates and truncates the times to milliseconds. */
    public RunInfo {
        Names.check("run id", id);
        Objects.requireNonNull(status, "run status");
        startedAt = Objects.requireNonNull(startedAt, "run startedAt").truncatedTo(ChronoUnit.MILLIS);
        endedAt = Objects.requireNonNull(endedAt, "run endedAt").truncatedTo(ChronoUnit.MILLIS);
        if (endedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("run endedAt " + endedAt + " is before startedAt " + startedAt);
        }
    }
}
