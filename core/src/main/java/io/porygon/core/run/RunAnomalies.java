package io.porygon.core.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the actions of a run whose rows written or time stand out against their own recent runs, taken in the
 * same step (a full build is compared with full builds, an increment with increments). The bands are wide on
 * purpose, so that ordinary day-to-day variation stays quiet:
 * <ul>
 *   <li>rows: fewer than half the fewest, or more than twice the most, of the recent runs (so no rows after
 *       recent runs that all wrote some);
 *   <li>time: more than twice the slowest recent run and at least {@link #TIME_FLOOR} longer (a 10 ms action
 *       that takes 40 ms is noise, not news).
 * </ul>
 * An action is compared with its last {@link #RECENT_RUNS} successful runs of the same step, whatever ran between
 * them, once it has {@link #MIN_RUNS}.
 */
public final class RunAnomalies {
    /** How many earlier runs an action is compared with, at most. */
    public static final int RECENT_RUNS = 10;
    static final int MIN_RUNS = 3;
    static final Duration TIME_FLOOR = Duration.ofSeconds(1);

    private RunAnomalies() {}

    /** The alerts of {@code run}'s actions; {@code earlierRuns}: the actions of the runs before it, newest first. */
    public static List<Alert> of(List<ActionResult> run, List<List<ActionResult>> earlierRuns) {
        List<Alert> alerts = new ArrayList<>();
        for (ActionResult a : run) {
            if (a.status() != ActionStatus.SUCCEEDED || a.step() == null) continue;
            List<ActionResult> recent = recentRunsOf(a, earlierRuns);
            if (recent.size() < MIN_RUNS) continue;
            String runs = "its last " + recent.size() + " " + a.step().label() + " runs";
            rowsAlert(a, recent, runs, alerts);
            timeAlert(a, recent, runs, alerts);
        }
        return alerts;
    }

    private static List<ActionResult> recentRunsOf(ActionResult a, List<List<ActionResult>> earlierRuns) {
        // its own runs, not the last runs of any action: others' runs (another project's, a subset's) may come between
        List<ActionResult> recent = new ArrayList<>();
        for (List<ActionResult> run : earlierRuns) {
            if (recent.size() == RECENT_RUNS) break;
            run.stream()
                    .filter(e -> e.actionId().equals(a.actionId()) && e.step() == a.step() && e.status() == ActionStatus.SUCCEEDED)
                    .findFirst()
                    .ifPresent(recent::add);
        }
        return recent;
    }

    private static void rowsAlert(ActionResult a, List<ActionResult> recent, String runs, List<Alert> alerts) {
        if (a.rowsWritten() < 0 || recent.stream().anyMatch(e -> e.rowsWritten() < 0)) return; // rows not counted
        long fewest = recent.stream().mapToLong(ActionResult::rowsWritten).min().orElseThrow();
        long most = recent.stream().mapToLong(ActionResult::rowsWritten).max().orElseThrow();
        if (a.rowsWritten() * 2 < fewest || a.rowsWritten() > most * 2) {
            String range = fewest == most ? String.format(Locale.ROOT, "%,d", most) : String.format(Locale.ROOT, "%,d to %,d", fewest, most);
            alerts.add(new Alert(a.name(), String.format(Locale.ROOT, "wrote %,d %s; %s wrote %s", a.rowsWritten(),
                    a.rowsWritten() == 1 ? "row" : "rows", runs, range)));
        }
    }

    private static void timeAlert(ActionResult a, List<ActionResult> recent, String runs, List<Alert> alerts) {
        Duration slowest = recent.stream().map(ActionResult::duration).max(Duration::compareTo).orElseThrow();
        Duration took = a.duration();
        if (took.compareTo(slowest.multipliedBy(2)) > 0 && took.minus(slowest).compareTo(TIME_FLOOR) >= 0) {
            alerts.add(new Alert(a.name(), "took " + seconds(took) + "; " + runs + " took at most " + seconds(slowest)));
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2fs", d.toNanos() / 1e9);
    }
}
