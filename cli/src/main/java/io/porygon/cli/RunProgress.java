package io.porygon.cli;

import io.porygon.core.run.ActionResult;
import io.porygon.core.run.Alert;
import io.porygon.core.run.ActionStatus;
import io.porygon.core.run.ExecutionPlan;
import io.porygon.core.run.PlannedAction;
import io.porygon.core.run.RunListener;
import io.porygon.core.run.RunResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Human output of a run: one line per finished action (status, rows, time), a live progress bar
 * redrawn in place when stdout is a terminal, and a summary table at the end.
 */
final class RunProgress implements RunListener {
    private static final int BAR_WIDTH = 24;
    /** The step column's least width; wider for a longer step (incremental (insert overwrite)), so that the names line up. */
    private static final int STEP_WIDTH = 24;

    private final PrintWriter out;
    private final boolean live;
    private final Set<String> running = new LinkedHashSet<>();
    private int total;
    private int done;
    private int nameWidth = 20;
    private int stepWidth = STEP_WIDTH;
    private boolean barShown;

    RunProgress(PrintWriter out, boolean live) {
        this.out = out;
        this.live = live;
    }

    @Override
    public void runStarted(ExecutionPlan plan) {
        total = plan.actions().size();
        nameWidth = Math.min(90, plan.actions().stream().mapToInt(p -> p.displayName().length()).max().orElse(20));
        stepWidth = stepWidth(plan.actions().stream().map(p -> p.step().label()));
        out.println("Running " + total + " action" + (total == 1 ? "" : "s") + (plan.fullRefresh() ? " (full refresh)" : "") + ":");
        drawBar();
    }

    @Override
    public void actionStarted(PlannedAction action) {
        running.add(action.displayName());
        drawBar();
    }

    @Override
    public void actionFinished(PlannedAction action, ActionResult r) {
        running.remove(action.displayName());
        done++;
        clearBar();
        out.println(line(r));
        if (r.status() == ActionStatus.FAILED) {
            for (String l : r.error().split("\n")) out.println("        " + l);
            r.sampleRows().forEach(row -> out.println("          " + row));
        }
        if (r.note() != null && (r.status() == ActionStatus.SUCCEEDED || r.status() == ActionStatus.FAILED)) out.println("        note: " + r.note());
        drawBar();
    }

    @Override
    public void runFinished(RunResult run) {
        clearBar();
        out.println();
        out.println(summary(run));
        out.flush();
    }

    private static String rows(long n, String kind) {
        return String.format(Locale.ROOT, "%,d %s%s", n, kind, n == 1 ? "row" : "rows");
    }

    private String line(ActionResult r) {
        String what = switch (r.status()) {
            case SUCCEEDED -> r.rowsWritten() >= 0 ? rows(r.rowsWritten(), "") : "";
            case FAILED -> r.failingRows() > 0 ? rows(r.failingRows(), "failing ") : "";
            case SKIPPED, CANCELLED -> r.error() == null ? "" : "(" + r.error() + ")";
            case DISABLED -> "(disabled)";
        };
        boolean ran = r.status() == ActionStatus.SUCCEEDED || r.status() == ActionStatus.FAILED;
        return String.format(Locale.ROOT, "  %-5s %-" + stepWidth + "s %-" + nameWidth + "s %16s %s", label(r.status()), r.stepLabel(), r.name(), what,
                ran ? seconds(r.duration()) : "").stripTrailing();
    }

    static String label(ActionStatus status) {
        return switch (status) {
            case SUCCEEDED -> "OK";
            case FAILED -> "FAIL";
            case SKIPPED -> "SKIP";
            case DISABLED -> "OFF";
            case CANCELLED -> "STOP";
        };
    }

    static String summary(RunResult run) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-10s %s%n", "run", run.runId()));
        sb.append(String.format(Locale.ROOT, "%-10s %s in %s%n", "status", run.status(), seconds(run.duration())));
        for (ActionStatus s : ActionStatus.values()) {
            long n = run.count(s);
            if (n > 0) sb.append(String.format(Locale.ROOT, "%-10s %d%n", s.name().toLowerCase(Locale.ROOT), n));
        }
        long rows = run.actions().stream().filter(a -> a.rowsWritten() > 0).mapToLong(ActionResult::rowsWritten).sum();
        sb.append(String.format(Locale.ROOT, "%-10s %,d", "rows", rows));
        var failed = run.actions().stream().filter(a -> a.status() == ActionStatus.FAILED).toList();
        if (!failed.isEmpty()) {
            // named only: each error is printed once, in full under its action's line (its file and line, its hint)
            sb.append(String.format(Locale.ROOT, "%nfailed:"));
            failed.forEach(a -> sb.append(String.format(Locale.ROOT, "%n  %s", a.name())));
        }
        return sb.toString();
    }

    /** The alerts under the summary, one line each after their count; empty when there are none. */
    static String alerts(List<Alert> alerts) {
        if (alerts.isEmpty()) return "";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-10s %d%n", "alerts", alerts.size()));
        alerts.forEach(a -> sb.append(String.format(Locale.ROOT, "  %s: %s%n", a.action(), a.message())));
        return sb.toString();
    }

    /** The step column's width for these steps' labels: the longest, at least {@link #STEP_WIDTH}. */
    static int stepWidth(Stream<String> labels) {
        return Math.max(STEP_WIDTH, labels.mapToInt(String::length).max().orElse(0));
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2fs", d.toNanos() / 1e9);
    }

    private void drawBar() {
        if (!live || total == 0) return;
        int filled = (int) Math.round(BAR_WIDTH * (double) done / total);
        String names = String.join(", ", running);
        if (names.length() > 50) names = names.substring(0, 47) + "...";
        out.print("\r\033[K[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] " + done + "/" + total
                + (names.isEmpty() ? "" : "  running: " + names));
        out.flush();
        barShown = true;
    }

    private void clearBar() {
        if (barShown) {
            out.print("\r\033[K");
            barShown = false;
        }
    }
}
