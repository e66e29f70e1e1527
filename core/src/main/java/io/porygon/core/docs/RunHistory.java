package io.porygon.core.docs;

import io.porygon.core.run.ActionResult;
import io.porygon.core.run.Alert;
import io.porygon.core.run.RunStore.RunSummary;
import java.util.List;

/**
 * The recent runs recorded in the warehouse, newest first, each with the outcome of its actions, and the alerts of
 * the newest run that recorded its actions (see RunAnomalies).
 */
public record RunHistory(List<Run> runs, List<Alert> alerts) {
    public static final RunHistory NONE = new RunHistory(List.of(), List.of());

    public record Run(RunSummary summary, List<ActionResult> actions) {}
}
