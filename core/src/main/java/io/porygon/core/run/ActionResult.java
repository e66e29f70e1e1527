package io.porygon.core.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one action in a run.
 *
 * @param rowsWritten rows the action wrote (table rows, rows inserted or merged), -1 when not known
 * @param sqlHash short hash of the SQL sent to the engine, to tell when a model changed between runs
 * @param failingRows for an assertion, the rows it returned; otherwise 0
 * @param sampleRows a few of an assertion's failing rows, rendered as text
 */
public record ActionResult(
        String actionId,
        String name,
        String type,
        Step step,
        ActionStatus status,
        Instant startedAt,
        Instant endedAt,
        long rowsWritten,
        String sqlHash,
        String error,
        long failingRows,
        List<String> sampleRows,
        String note) {

    public ActionResult {
        sampleRows = List.copyOf(sampleRows);
    }

    /** What the run did with the action (check source, incremental (merge), ...), as run, history and the docs name it. */
    public String stepLabel() {
        return step == null ? type : step.label();
    }

    public Duration duration() {
        return startedAt == null || endedAt == null ? Duration.ZERO : Duration.between(startedAt, endedAt);
    }

    /** A result for an action that never started. */
    static ActionResult notRun(PlannedAction p, ActionStatus status, String reason) {
        Instant now = Instant.now();
        return new ActionResult(p.id(), p.displayName(), p.action().type().jsonName(), p.step(), status, now, now, -1,
                null, reason, 0, List.of(), p.note());
    }
}
