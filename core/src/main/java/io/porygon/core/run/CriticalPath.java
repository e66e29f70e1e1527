package io.porygon.core.run;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which ready action to start first: the one with the most work behind it, its own expected time
 * plus that of its slowest chain of dependents. Starting the run's longest chain first keeps the
 * other workers busy with what can wait, instead of leaving the chain to run alone at the end.
 * Expected times come from earlier runs; an action without one counts {@link #UNKNOWN}, so that
 * a first run still prefers the longer chains.
 */
final class CriticalPath {
    private static final Duration UNKNOWN = Duration.ofMillis(1);

    private CriticalPath() {}

    /** Each action's own expected time plus the longest expected chain of its {@code downstream} actions, in milliseconds. */
    static Map<String, Long> workFrom(ExecutionPlan plan, Map<String, Set<String>> downstream, Map<String, Duration> expected) {
        Map<String, Long> work = new HashMap<>();
        List<PlannedAction> actions = plan.actions();
        // the plan is in dependency order, so every dependent is done before the action it waits for
        for (int i = actions.size() - 1; i >= 0; i--) {
            String id = actions.get(i).id();
            long after = 0;
            for (String d : downstream.getOrDefault(id, Set.of())) after = Math.max(after, work.getOrDefault(d, 0L));
            work.put(id, expected.getOrDefault(id, UNKNOWN).toMillis() + after);
        }
        return work;
    }

    /** Each action's latest time in earlier runs (most recent first) at the step it is planned for. */
    static Map<String, Duration> timesAtStep(ExecutionPlan plan, List<List<ActionResult>> earlierRuns) {
        return latestTimes(plan, earlierRuns, true);
    }

    /**
     * Expected times: an action's latest time at the step it is planned for ({@code timesAtStep}), else at any step (an increment
     * never timed counts its full build's time, which overestimates it but still orders the run sensibly).
     */
    static Map<String, Duration> expected(ExecutionPlan plan, List<List<ActionResult>> earlierRuns, Map<String, Duration> timesAtStep) {
        Map<String, Duration> expected = latestTimes(plan, earlierRuns, false);
        expected.putAll(timesAtStep);
        return expected;
    }

    private static Map<String, Duration> latestTimes(ExecutionPlan plan, List<List<ActionResult>> earlierRuns, boolean sameStep) {
        Map<String, Step> planned = new HashMap<>();
        plan.actions().forEach(p -> planned.put(p.id(), p.step()));
        Map<String, Duration> times = new HashMap<>();
        for (List<ActionResult> run : earlierRuns) {
            for (ActionResult r : run) {
                Step step = planned.get(r.actionId());
                if (r.status() == ActionStatus.SUCCEEDED && step != null && (!sameStep || r.step() == step)) times.putIfAbsent(r.actionId(), r.duration());
            }
        }
        return times;
    }
}
