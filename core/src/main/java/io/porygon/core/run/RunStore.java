package io.porygon.core.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where runs are remembered: every run and every action of it. */
public interface RunStore {

    /**
     * One run as listed by {@code porygon history}; {@code cancelled} counts the actions Ctrl-C stopped or never started.
     * {@code endedAt} is null for a run that never recorded its end (status ABORTED: its process was killed);
     * {@code startedAt} is null only in a row edited by hand.
     */
    record RunSummary(String runId, Instant startedAt, Instant endedAt, String status, String command,
            long succeeded, long failed, long skipped, long cancelled, long disabled) {

        /** A count as listed: "?" for one cleared by hand (read as -1). */
        public static String count(long n) {
            return n < 0 ? "?" : Long.toString(n);
        }

        /** How long the run took; empty when its start or end is not recorded. */
        public Optional<Duration> took() {
            return startedAt == null || endedAt == null ? Optional.empty() : Optional.of(Duration.between(startedAt, endedAt));
        }
    }

    /** Notes a run as it starts, so that one whose process is killed before {@link #record} is still listed. */
    default void started(String runId, Instant startedAt, String command) {}

    void record(RunResult run, String command);

    /** The most recent runs, newest first. */
    List<RunSummary> recentRuns(int limit);

    /** The actions of one run in the order they finished; empty when the run is unknown. */
    List<ActionResult> actions(String runId);

    /** The successful actions of the most recent runs, as {@link #actionsOfRunsBefore} before none. */
    default List<List<ActionResult>> recentActions(int runs) {
        return actionsOfRunsBefore(null, runs);
    }

    /**
     * Each action's last {@code runs} successful runs of each step before {@code runId} (before none: the most recent),
     * grouped by run, newest run first: what a run is ordered by and compared with.
     */
    List<List<ActionResult>> actionsOfRunsBefore(String runId, int runs);
}
