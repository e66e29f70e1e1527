package io.porygon.cli;

import static io.porygon.core.run.RunStore.RunSummary.count;

import io.porygon.core.run.ActionResult;
import io.porygon.core.run.RunAnomalies;
import io.porygon.core.run.RunStore;
import io.porygon.core.run.WarehouseRunStore;
import io.porygon.duckdb.DuckDbEngine;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code porygon history}: the recent runs, or the actions of one run, from the warehouse. */
@Command(
        name = "history",
        header = "List recent runs, or the actions of one run.",
        mixinStandardHelpOptions = true,
        description = {
            "List recent runs recorded in the warehouse (schema porygon_meta), newest first, "
                    + "or with --run the actions of one run: status, what the run did (check source, incremental (merge), ..., "
                    + "as `porygon run` names it), start, duration, rows written, SQL hash and error, then its alerts "
                    + "(actions whose rows or time stand far outside their recent runs, as `porygon run` prints them)."
        },
        footer = {"", "Exit codes: 0 listed (also when no run is recorded yet); 1 the warehouse failed to read; 2 usage error or an unknown run."})
final class HistoryCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Option(names = "--run", paramLabel = "RUN_ID", description = "Show the actions of this run ('last' for the most recent).")
    String runId;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many runs to list (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    DebugOption debug;

    @Mixin
    WarehouseOptions warehouse;

    @Mixin
    ProjectDirectory project;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (limit < 1) {
            spec.commandLine().getErr().println("error: --limit must be at least 1, got " + limit + "\n  hint: drop --limit to list the last 20 runs");
            return PorygonCli.EXIT_USAGE;
        }
        if (runId != null && spec.commandLine().getParseResult().hasMatchedOption("--limit")) {
            spec.commandLine().getErr().println("error: --limit counts the runs listed; --run shows the actions of one run\n"
                    + "  hint: drop --limit, or drop --run to list the runs");
            return PorygonCli.EXIT_USAGE;
        }
        // the history is the warehouse's: with --warehouse, no project is needed
        WarehouseOptions.Resolved settings = warehouse.resolveWithOptionalProject(project);
        if (!Files.exists(settings.file())) {
            if (runId != null && !runId.equals("last")) {
                // as for a run the warehouse does not hold: most likely --warehouse is mistyped
                spec.commandLine().getErr().println("error: no run " + runId + ": the warehouse " + settings.file() + " does not exist\n"
                        + "  hint: check " + (settings.fileSetting().equals("--warehouse") ? "--warehouse (or warehouse.path in porygon.yaml)"
                        : settings.fileSetting()));
                return PorygonCli.EXIT_USAGE;
            }
            out.println("No runs yet: the warehouse " + settings.file() + " does not exist.");
            return 0;
        }
        try (DuckDbEngine engine = WarehouseOptions.openToRead(settings)) {
            RunStore store = new WarehouseRunStore(engine);
            if (runId == null) return listRuns(store, out);
            String id = runId;
            if (id.equals("last")) {
                List<RunStore.RunSummary> last = store.recentRuns(1);
                if (last.isEmpty()) {
                    out.println("No runs recorded yet.");
                    return 0;
                }
                id = last.get(0).runId();
            }
            List<ActionResult> actions = store.actions(id);
            String lookedFor = id;
            if (actions.isEmpty() && store.recentRuns(Integer.MAX_VALUE).stream()
                    .anyMatch(r -> r.runId().equals(lookedFor) && WarehouseRunStore.ABORTED.equals(r.status()))) {
                out.println("Run " + id + " was aborted: it ended before it recorded its actions, as its process was killed (or the"
                        + " machine stopped), or it could not write them to the history (it then printed a warning)."
                        + " The tables and views it had finished are kept, each whole (an operation keeps what its statements had done);"
                        + " the others are as an earlier run left them.");
                return 0;
            }
            if (actions.isEmpty()) {
                spec.commandLine().getErr().println("error: no run " + id + "\n  hint: `porygon history` lists the recorded runs");
                return PorygonCli.EXIT_USAGE;
            }
            out.println("Run " + id + ":");
            // as wide as the longest name, so that the columns after it line up (assertion names run long)
            int width = Math.max(40, actions.stream().mapToInt(a -> a.name().length()).max().orElse(0));
            int stepWidth = RunProgress.stepWidth(actions.stream().map(ActionResult::stepLabel));
            String format = "  %-5s %-" + stepWidth + "s %-" + width + "s %-19s %9s %14s  %-16s %s%n";
            out.printf(format, "", "step", "action", "started (UTC)", "time", "rows", "sql hash", "error");
            for (ActionResult a : actions) {
                boolean ran = ran(a);
                out.printf(Locale.ROOT, format, RunProgress.label(a.status()), a.stepLabel(), a.name(),
                        !ran || a.startedAt() == null ? "" : TIME.format(a.startedAt()), ran ? RunProgress.seconds(a.duration()) : "",
                        rows(a),
                        a.sqlHash() == null ? "" : a.sqlHash(), a.error() == null ? "" : a.error().split("\n")[0]);
                a.sampleRows().forEach(row -> out.println("        " + row));
            }
            out.print(RunProgress.alerts(RunAnomalies.of(actions, store.actionsOfRunsBefore(id, RunAnomalies.RECENT_RUNS))));
            return 0;
        }
    }

    /** Rows written, or as the run prints them the rows a failed assertion returned: its data-quality history. */
    private static String rows(ActionResult a) {
        if (a.rowsWritten() >= 0) return String.format(Locale.ROOT, "%,d", a.rowsWritten());
        return a.failingRows() > 0 ? String.format(Locale.ROOT, "%,d failing", a.failingRows()) : "";
    }

    /**
     * Whether the action ran, all or part of it: one skipped, disabled or cancelled before it started has no start or
     * time of its own (as `porygon run` prints none), though its row holds the moment the run gave up on it.
     */
    private static boolean ran(ActionResult a) {
        return switch (a.status()) {
            case SUCCEEDED, FAILED -> true;
            case CANCELLED -> !a.duration().isZero(); // stopped while it ran; one never started ends as it starts
            case SKIPPED, DISABLED -> false;
        };
    }

    private int listRuns(RunStore store, PrintWriter out) {
        List<RunStore.RunSummary> runs = store.recentRuns(limit);
        if (runs.isEmpty()) {
            out.println("No runs recorded yet.");
            return 0;
        }
        out.printf("%-20s %-19s %9s %-9s %4s %4s %4s %6s %3s  %s%n", "run", "started (UTC)", "time", "status", "ok", "fail", "skip",
                "cancel", "off", "command");
        for (RunStore.RunSummary r : runs) {
            out.printf(Locale.ROOT, "%-20s %-19s %9s %-9s %4s %4s %4s %6s %3s  %s%n", r.runId(), r.startedAt() == null ? "?" : TIME.format(r.startedAt()),
                    r.took().map(RunProgress::seconds).orElse("?"), r.status(), count(r.succeeded()),
                    count(r.failed()), count(r.skipped()), count(r.cancelled()), count(r.disabled()), Objects.toString(r.command(), ""));
        }
        return 0;
    }
}
