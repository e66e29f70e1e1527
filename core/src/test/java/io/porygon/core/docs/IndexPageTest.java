package io.porygon.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.core.graph.ActionType;
import io.porygon.core.lineage.ActionLineage;
import io.porygon.core.run.ActionResult;
import io.porygon.core.run.ActionStatus;
import io.porygon.core.run.RunStore.RunSummary;
import io.porygon.core.run.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The run history and data-quality grid of index.html, from a model built in memory. */
class IndexPageTest {
    private static final String CHECK = "p.checks.amounts_positive";
    private static final String TABLE = "p.p.orders";

    @Test
    void anAssertionThatCouldNotRunShowsErrorWithItsMessageNotFailZero() {
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        String page = page(List.of(
                run("run-b", t.plusSeconds(1), assertion(ActionStatus.FAILED, 0, "amounts_positive.sqlx:1:1: Binder Error: no column \"amount\"")),
                run("run-a", t, assertion(ActionStatus.FAILED, 3, "assertion failed: 3 row(s) returned"))));
        String grid = page.substring(page.indexOf("Data quality"));
        assertThat(grid).contains(">error<").doesNotContain("fail (0)").contains(">fail (3)<")
                .contains("title=\"amounts_positive.sqlx:1:1: Binder Error: no column &quot;amount&quot;\"");
    }

    @Test
    void dataQualityHeadersDifferEvenForRunsInTheSameMinuteOrSecond() {
        Instant t = Instant.parse("2024-05-01T10:00:07Z");
        String page = page(List.of(run("run-3", t.plusSeconds(20), assertion(ActionStatus.SUCCEEDED, 0, null)),
                run("run-2", t, assertion(ActionStatus.SUCCEEDED, 0, null)), run("run-1", t, assertion(ActionStatus.SUCCEEDED, 0, null))));
        String grid = page.substring(page.indexOf("Data quality"));
        List<String> headers = new ArrayList<>();
        Matcher m = Pattern.compile("<th title=\"(run [^\"]+)\">([^<]+)</th>").matcher(grid);
        while (m.find()) headers.add(m.group(2));
        assertThat(headers).containsExactly("05-01 10:00:27", "05-01 10:00:07 · run-2", "05-01 10:00:07 · run-1");
        assertThat(grid).contains("title=\"run run-2, started 2024-05-01 10:00:07 UTC\"");
    }

    @Test
    void aTablesCardShowsItsAssertionsLatestOutcomeAndAFailedAssertionsCardItsFailingRows() {
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        ActionResult failed = new ActionResult(CHECK, "amounts_positive", "assertion", Step.CHECK_ASSERTION, ActionStatus.FAILED, t, t, -1,
                "h", "assertion failed: 2 row(s) returned", 2, List.of("order_id=7, amount=-1", "order_id=9, amount=<0>"), null);
        String page = page(List.of(run("run-b", t.plusSeconds(60), failed), run("run-a", t, assertion(ActionStatus.SUCCEEDED, 0, null))));

        String table = page.substring(page.indexOf("id=\"" + Html.anchor(TABLE) + "\""));
        table = table.substring(0, table.indexOf("</div>\n</div>"));
        assertThat(table).contains("Custom assertions: <a href=\"#" + Html.anchor(CHECK) + "\">checks.amounts_positive</a>"
                + " <span class=\"status-FAILED\">(fail (2))</span>");
        assertThat(page).contains("Data quality: assertions over the last 2 runs (newest first)");
        assertThat(page(List.of(run("run-a", t, failed)))).contains("Data quality: assertions in the last run</h3>");
        assertThat(page(List.of())).contains("<h2 id=\"runs\">Run history</h2>\n<p class=\"muted\">No runs recorded in this warehouse yet");
        String check = page.substring(page.indexOf("<div class=\"card\" id=\"" + Html.anchor(CHECK) + "\""));
        assertThat(check.substring(0, check.indexOf("</pre>")))
                .contains("assertion failed: 2 row(s) returned\norder_id=7, amount=-1\norder_id=9, amount=&lt;0&gt;");
    }

    @Test
    void timingsAreThoseOfTheNewestRunThatRecordedActionsNotOfANewerAbortedOne() {
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        RunHistory.Run aborted = new RunHistory.Run(new RunSummary("run-killed", t.plusSeconds(60), null, "ABORTED", "run", 0, 0, 0, 0, 0),
                List.of());
        String page = page(List.of(aborted, run("run-a", t, assertion(ActionStatus.SUCCEEDED, 0, null))));
        String timings = page.substring(page.indexOf("<h3>Timings"), page.indexOf("Data quality"));
        assertThat(timings).contains("Timings of the newest run (run-a), slowest first")
                .contains("A newer run killed before it recorded its actions has no timings: run-killed (ABORTED).")
                .contains(">checks.amounts_positive</a>");
        // a run listed first with its actions keeps the heading alone
        assertThat(page(List.of(run("run-a", t, assertion(ActionStatus.SUCCEEDED, 0, null))))).contains("Timings of the newest run (run-a)")
                .doesNotContain("has no timings");
    }

    @Test
    void timingsNameWhatTheRunDidWithEachActionAsRunAndHistoryDo() {
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        ActionResult table = new ActionResult(TABLE, "p.orders", "incremental", Step.MERGE_INCREMENT, ActionStatus.SUCCEEDED, t, t, 3, "h",
                null, 0, List.of(), null);
        String page = page(List.of(run("run-a", t, table)));
        assertThat(page).contains("<th>step</th>", "</td><td>" + Step.MERGE_INCREMENT.label() + "</td>").doesNotContain("</td><td>incremental</td>");
    }

    @Test
    void whenEveryRunWasKilledBeforeItRecordedItsActionsThePageSaysSoInsteadOfAnEmptyTimingsTable() {
        // the first run of a warehouse killed with kill -9: the only run listed, with no actions
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        RunHistory.Run aborted = new RunHistory.Run(new RunSummary("run-killed", t, null, "ABORTED", "run", 0, 0, 0, 0, 0), List.of());
        String page = page(List.of(aborted));
        String runs = page.substring(page.indexOf("<h2 id=\"runs\">"), page.indexOf("<h2>Layer:"));
        assertThat(runs).contains("<td>ABORTED</td>")
                .contains("No timings: every run listed was killed before it recorded its actions: run-killed (ABORTED).")
                .doesNotContain("Timings of the newest run").doesNotContain("<th>action</th>");
    }

    @Test
    void theRunTableCountsDisabledActionsSoThatARunsCountsAddUp() {
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        RunHistory.Run run = new RunHistory.Run(new RunSummary("run-a", t, t.plusSeconds(2), "SUCCEEDED", "run", 8, 0, 0, 0, 1), List.of());
        String page = page(List.of(run));
        String runs = page.substring(page.indexOf("<h2 id=\"runs\">"), page.indexOf("</table>", page.indexOf("<h2 id=\"runs\">")));
        assertThat(runs).contains("<th class=\"num\">cancelled</th><th class=\"num\">disabled</th><th>command</th>")
                .contains("<td class=\"num\">8</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">0</td>"
                        + "<td class=\"num\">1</td><td><code>run</code>");
    }

    @Test
    void anEmptyProjectsSummarySaysItHasNoActions() {
        DocsModel model = new DocsModel("p", List.of(), List.of(), Optional.empty(), RunHistory.NONE, List.of());
        String page = new IndexPage(model).render(DocsSite.lineage(model));
        assertThat(page).contains("<p class=\"muted\">No actions: the project defines none under definitions/. No warehouse:")
                .doesNotContain("<p class=\"muted\">. ");
    }

    @Test
    void anEmptyProjectHasNeitherAnEmptyLineageDrawingNorAnEmptyContentsSection() {
        DocsModel model = new DocsModel("p", List.of(), List.of(), Optional.empty(), RunHistory.NONE, List.of());
        String page = new IndexPage(model).render(DocsSite.lineage(model));
        assertThat(page).contains("<h2 id=\"lineage\">Lineage</h2>\n<p class=\"muted\">Nothing to draw: the project has no table,")
                .contains("<a href=\"lineage.json\">lineage.json</a>")
                .doesNotContain("<svg").doesNotContain("<h2>Contents</h2>");
    }

    private static String page(List<RunHistory.Run> runs) {
        ActionDoc check = new ActionDoc(CHECK, "amounts_positive", "checks", ActionType.ASSERTION, "assertions",
                "definitions/assertions/amounts_positive.sqlx", null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(TABLE),
                List.of(), false, Map.of(), null, ActionLineage.NONE);
        ActionDoc table = new ActionDoc(TABLE, "orders", "p", ActionType.TABLE, "intermediate", "definitions/intermediate/orders.sqlx",
                null, List.of(), List.of(), List.of(), List.of(), List.of(CHECK), List.of(), List.of(), false, Map.of(), null, ActionLineage.NONE);
        DocsModel model = new DocsModel("p", List.of(table, check), List.of(new DocsModel.Edge(TABLE, CHECK)), Optional.of("w.duckdb"),
                new RunHistory(runs, List.of()), List.of());
        return new IndexPage(model).render(DocsSite.lineage(model));
    }

    private static RunHistory.Run run(String id, Instant start, ActionResult result) {
        return new RunHistory.Run(new RunSummary(id, start, start.plusSeconds(2), "FAILED", "run", 0, 1, 0, 0, 0), List.of(result));
    }

    private static ActionResult assertion(ActionStatus status, long failing, String error) {
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        return new ActionResult(CHECK, "amounts_positive", "assertion", Step.CHECK_ASSERTION, status, t, t, -1, "h", error, failing,
                List.of(), null);
    }
}
