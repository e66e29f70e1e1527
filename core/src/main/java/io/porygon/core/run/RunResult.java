package io.porygon.core.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Everything that happened in one run, in the order actions finished. */
public record RunResult(String runId, Instant startedAt, Instant endedAt, List<ActionResult> actions, boolean cancelled) {

    public RunResult {
        actions = List.copyOf(actions);
    }

    public long count(ActionStatus status) {
        return actions.stream().filter(a -> a.status() == status).count();
    }

    /** True when no action or assertion failed and the run was not interrupted. */
    public boolean succeeded() {
        return !cancelled && actions.stream().noneMatch(a -> a.status() == ActionStatus.FAILED || a.status() == ActionStatus.SKIPPED);
    }

    public String status() {
        if (cancelled) return "CANCELLED";
        return succeeded() ? "SUCCEEDED" : "FAILED";
    }

    public Duration duration() {
        return Duration.between(startedAt, endedAt);
    }
}
