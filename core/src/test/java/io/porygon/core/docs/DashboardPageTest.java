package io.porygon.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.porygon.core.compile.json.JsonWriter;
import io.porygon.core.graph.ActionType;
import io.porygon.core.lineage.ActionLineage;
import io.porygon.core.run.ActionResult;
import io.porygon.core.run.ActionStatus;
import io.porygon.core.run.RunStore.RunSummary;
import io.porygon.core.run.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class DashboardPageTest {
    @Test
    void axisStepsAreRoundAndGoThroughZero() {
        NiceAxis profitDown = NiceAxis.of(-50, 100, 4);
        assertThat(profitDown.step()).isEqualTo(50);
        assertThat(profitDown.ticks()).containsExactly(-50.0, 0.0, 50.0, 100.0);
        assertThat(profitDown.crossesZero()).isTrue();

        NiceAxis thousands = NiceAxis.of(0, 9_000, 4);
        assertThat(thousands.step()).isEqualTo(2_500);
        assertThat(thousands.ticks()).containsExactly(0.0, 2_500.0, 5_000.0, 7_500.0, 10_000.0);
        assertThat(thousands.ticks().stream().map(thousands::label).toList()).containsExactly("0", "2.5k", "5.0k", "7.5k", "10.0k");
        assertThat(thousands.crossesZero()).isFalse();

        NiceAxis odd = NiceAxis.of(-13, 1_234_567, 4);
        assertThat(odd.ticks()).contains(0.0);
        assertThat(odd.step() / Math.pow(10, Math.floor(Math.log10(odd.step())))).isIn(1.0, 2.0, 2.5, 5.0);
        assertThat(odd.low()).isLessThanOrEqualTo(-13);
        assertThat(odd.high()).isGreaterThanOrEqualTo(1_234_567);
        assertThat(NiceAxis.of(0, 0, 4).ticks()).startsWith(0.0).endsWith(1.0); // no sales: still an axis
        assertThat(NiceAxis.of(-0.4, 0, 4).label(-0.1)).isEqualTo("-0.1");
    }

    @Test
    void monthChartLabelsTicksWithTheStepsPrecisionAndDrawsAZeroLineForLosses() {
        List<DashboardData.Month> months = List.of(new DashboardData.Month("2024-01-01", 9_000, -1_200, 10),
                new DashboardData.Month("2024-02-01", 4_000, 1_000, 5));
        String page = DashboardPage.render("p", data(months));
        List<String> labels = new ArrayList<>();
        Matcher m = Pattern.compile("text-anchor=\"end\" fill=\"#627d98\">([^<]*)<").matcher(page);
        while (m.find()) labels.add(m.group(1));
        assertThat(labels).containsExactly("-2.5k", "0", "2.5k", "5.0k", "7.5k", "10.0k");
        assertThat(page).contains("class=\"zero\"");

        String gains = DashboardPage.render("p", data(List.of(new DashboardData.Month("2024-01-01", 9_000, 1_200, 10))));
        assertThat(gains).doesNotContain("class=\"zero\"");
    }

    @Test
    void aMonthsTooltipCountsItsItemsInGoodEnglish() {
        String page = DashboardPage.render("p", data(List.of(new DashboardData.Month("2024-01-01", 90, 12, 1),
                new DashboardData.Month("2024-02-01", 4_000, 1_000, 5))));
        assertThat(page).contains(", 1 item</title>").contains(", 5 items</title>");
    }

    @Test
    void dashboardJsonStaysValidWithNaNAndInfinityAndNormalNumbersKeepTheirForm() throws Exception {
        DashboardData d = new DashboardData(Optional.empty(), new DashboardData.Kpis(0, 0, 0, 0, 0, null, null), List.of(), List.of(),
                List.of(), List.of(new DashboardData.MatrixRow("Jeans", "2024-03-31", Double.NaN, Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY)));
        String json = JsonWriter.write(d.toJson(), false);
        JsonNode row = new ObjectMapper().readTree(json).get("profit_matrix").get(0); // Jackson rejects NaN and Infinity
        assertThat(row.get("profit_ytd").isNull()).isTrue();
        assertThat(row.get("profit_prev_ytd").isNull()).isTrue();
        assertThat(row.get("profit_growth").isNull()).isTrue();

        Map<String, Object> normal = new LinkedHashMap<>();
        normal.put("int", 3);
        normal.put("long", 12_345_678_901L);
        normal.put("whole", 2.0);
        normal.put("fraction", 0.25);
        normal.put("big", 1e20);
        normal.put("negative", -1.5f);
        assertThat(JsonWriter.write(normal, false).replace("\n", ""))
                .isEqualTo("{\"int\":3,\"long\":12345678901,\"whole\":2,\"fraction\":0.25,\"big\":1.0E20,\"negative\":-1.5}");
    }

    @Test
    void aNullCategoryOrCountryIsNamedNotLeftBlank() {
        DashboardData d = new DashboardData(Optional.empty(), new DashboardData.Kpis(0, 0, 0, 0, 0, null, null), List.of(),
                List.of(new DashboardData.Share(null, null, 10, 2, 1)), List.of(new DashboardData.Share(null, null, 10, 2, 1)),
                List.of(new DashboardData.MatrixRow(null, "2024-03-31", 2, 1, 1.0)));
        String page = DashboardPage.render("p", d);
        assertThat(page).doesNotContain("<tr><td></td>");
        assertThat(page.split("<tr><td><span class=\"muted\">\\(none\\)</span></td>", -1)).hasSize(4); // both shares and the matrix
    }

    @Test
    void withoutSalesTheDatesAndMarginTilesSaySo() {
        DashboardData empty = new DashboardData(Optional.empty(), new DashboardData.Kpis(0, 0, 0, 0, 0, null, null), List.of(), List.of(),
                List.of(), List.of());
        String page = DashboardPage.render("p", empty);
        assertThat(page).contains("<div class=\"label\">Sales dates</div><div class=\"value\">no sales yet</div>").doesNotContain(" – ");
        // no revenue, no margin: not a margin of 0 %
        assertThat(page).contains("<div class=\"label\">Gross margin</div><div class=\"value\">n/a</div>");
        assertThat(empty.toJson().get("kpis")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("margin_percent", null);
        DashboardData sales = data(List.of());
        assertThat(DashboardPage.render("p", sales)).contains("<div class=\"label\">Gross margin</div><div class=\"value\">0.0 %</div>");
    }

    @Test
    void afterARunThatSkippedWhatTheReportingViewsReadTheDashboardSaysItsFiguresAreOlder() {
        String raw = "p.raw.items", fct = "p.p.trx_fct", view = "p.rep.profit_view", other = "p.p.events_fct";
        List<ActionDoc> actions = List.of(doc(raw, "items", ActionType.DECLARATION, List.of()), doc(fct, "trx_fct", ActionType.TABLE, List.of(raw)),
                doc(view, "profit_view", ActionType.VIEW, List.of(fct)), doc(other, "events_fct", ActionType.TABLE, List.of(raw)));
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        RunHistory.Run older = new RunHistory.Run(new RunSummary("run-1", t, t, "SUCCEEDED", "run", 3, 0, 0, 0, 0),
                List.of(result(fct, "p.trx_fct", ActionStatus.SUCCEEDED)));
        RunHistory.Run skipped = new RunHistory.Run(new RunSummary("run-2", t.plusSeconds(60), t.plusSeconds(61), "FAILED", "run", 1, 1, 2, 0, 0),
                List.of(result(raw, "raw.items", ActionStatus.SUCCEEDED), result(other, "p.events_fct", ActionStatus.FAILED),
                        result(fct, "p.trx_fct", ActionStatus.SKIPPED), result(view, "rep.profit_view", ActionStatus.SKIPPED)));

        String note = DocsSite.notRefreshed(model(actions, skipped, older), "profit_view", "profit_matrix_view");
        assertThat(note).contains("run-2 (status FAILED)", "p.trx_fct skipped, rep.profit_view skipped").doesNotContain("events_fct");
        assertThat(DashboardPage.render("p", data(List.of()), note)).contains("<div class=\"note\">The newest run, run-2");
        // a failure elsewhere, or a newest run that refreshed them, leaves the figures current
        RunHistory.Run elsewhere = new RunHistory.Run(skipped.summary(), List.of(result(other, "p.events_fct", ActionStatus.FAILED),
                result(fct, "p.trx_fct", ActionStatus.SUCCEEDED)));
        assertThat(DocsSite.notRefreshed(model(actions, elsewhere, skipped), "profit_view")).isNull();
        assertThat(DocsSite.notRefreshed(model(actions, older, skipped), "profit_view")).isNull();
        assertThat(DocsSite.notRefreshed(model(actions), "profit_view")).isNull();
        // a cancelled run: the sources' checks are left out, a long list is cut
        RunHistory.Run cancelled = new RunHistory.Run(new RunSummary("run-3", t, t, "CANCELLED", "run", 0, 0, 0, 3, 0),
                List.of(new ActionResult(raw, "raw.items", "declaration", Step.CHECK_SOURCE, ActionStatus.CANCELLED, t, t, -1, null, null, 0,
                        List.of(), null), result(fct, "p.trx_fct", ActionStatus.CANCELLED), result(view, "rep.profit_view", ActionStatus.CANCELLED)));
        assertThat(DocsSite.notRefreshed(model(actions, cancelled), "profit_view")).contains("read: p.trx_fct cancelled, rep.profit_view cancelled.");
        List<ActionDoc> many = new ArrayList<>(actions);
        List<ActionResult> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            many.add(doc("p.p.t" + i, "t" + i, ActionType.TABLE, List.of()));
            results.add(result("p.p.t" + i, "p.t" + i, ActionStatus.SKIPPED));
        }
        many.set(2, doc(view, "profit_view", ActionType.VIEW, many.stream().skip(4).map(ActionDoc::id).toList()));
        RunHistory.Run six = new RunHistory.Run(skipped.summary(), results);
        assertThat(DocsSite.notRefreshed(model(many, six), "profit_view")).contains("read: p.t0 skipped, p.t1 skipped, p.t2 skipped, p.t3 skipped and 2 more.");
    }

    @Test
    void afterARunWhoseCheckOfATableUnderTheViewsFailedTheDashboardNamesItAndSaysTheFiguresHoldThatTablesNewRows() {
        // the run rebuilt trx_fct, then its assertion failed and skipped the view: the view reads the new trx_fct
        String fct = "p.p.trx_fct", view = "p.rep.profit_view", check = "p.qa.trx_fct_rowConditions", other = "p.qa.events_check";
        List<ActionDoc> actions = List.of(doc(fct, "trx_fct", ActionType.TABLE, List.of()), doc(view, "profit_view", ActionType.VIEW, List.of(fct)),
                doc(check, "trx_fct_rowConditions", ActionType.ASSERTION, List.of(fct)),
                doc(other, "events_check", ActionType.ASSERTION, List.of("p.p.events_fct")));
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        RunHistory.Run failed = new RunHistory.Run(new RunSummary("run-2", t, t.plusSeconds(1), "FAILED", "run", 1, 2, 1, 0, 0),
                List.of(result(fct, "p.trx_fct", ActionStatus.SUCCEEDED), result(check, "qa.trx_fct_rowConditions", ActionStatus.FAILED),
                        result(other, "qa.events_check", ActionStatus.FAILED), result(view, "rep.profit_view", ActionStatus.SKIPPED)));
        String note = DocsSite.notRefreshed(model(actions, failed), "profit_view");
        assertThat(note).contains("read: qa.trx_fct_rowConditions failed, rep.profit_view skipped.")
                .doesNotContain("events_check").doesNotContain("These figures come from the tables as an earlier run left them")
                .contains("these figures include the rows that failed it");
        // a check of the view that failed after the view ran: the figures are as current as the run made them
        String reconciles = "p.qa.profit_view_reconciles";
        List<ActionDoc> withReconciles = new ArrayList<>(actions);
        withReconciles.add(doc(reconciles, "profit_view_reconciles", ActionType.ASSERTION, List.of(view, fct)));
        RunHistory.Run viewChecked = new RunHistory.Run(failed.summary(), List.of(result(fct, "p.trx_fct", ActionStatus.SUCCEEDED),
                result(view, "rep.profit_view", ActionStatus.SUCCEEDED), result(reconciles, "qa.profit_view_reconciles", ActionStatus.FAILED)));
        assertThat(DocsSite.notRefreshed(model(withReconciles, viewChecked), "profit_view")).isNull();
    }

    @Test
    void afterARunThatWasKilledTheDashboardSaysItsFiguresMayMixOldAndNewTables() {
        List<ActionDoc> actions = List.of(doc("p.p.trx_fct", "trx_fct", ActionType.TABLE, List.of()),
                doc("p.rep.profit_view", "profit_view", ActionType.VIEW, List.of("p.p.trx_fct")));
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        // a killed run recorded only its start: no end, no actions
        RunHistory.Run aborted = new RunHistory.Run(new RunSummary("run-9", t, null, "ABORTED", "run", 0, 0, 0, 0, 0), List.of());
        RunHistory.Run older = new RunHistory.Run(new RunSummary("run-1", t.minusSeconds(60), t.minusSeconds(59), "SUCCEEDED", "run", 2, 0, 0, 0, 0),
                List.of(result("p.p.trx_fct", "p.trx_fct", ActionStatus.SUCCEEDED)));
        assertThat(DocsSite.notRefreshed(model(actions, aborted, older), "profit_view")).contains("run-9 (status ABORTED)", "was killed");
        assertThat(DocsSite.notRefreshed(model(actions, older, aborted), "profit_view")).isNull();
    }

    private static DocsModel model(List<ActionDoc> actions, RunHistory.Run... runs) {
        return new DocsModel("p", actions, List.of(), Optional.of("w.duckdb"), new RunHistory(List.of(runs), List.of()), List.of());
    }

    private static ActionDoc doc(String id, String name, ActionType type, List<String> upstream) {
        return new ActionDoc(id, name, null, type, "l", null, null, List.of(), List.of(), List.of(), List.of(), List.of(), upstream,
                List.of(), false, Map.of(), null, ActionLineage.NONE);
    }

    private static ActionResult result(String id, String name, ActionStatus status) {
        Instant t = Instant.parse("2024-05-01T10:01:00Z");
        return new ActionResult(id, name, "table", Step.BUILD_TABLE, status, t, t, -1, null, null, 0, List.of(), null);
    }

    private static DashboardData data(List<DashboardData.Month> months) {
        return new DashboardData(Optional.empty(), new DashboardData.Kpis(1, 1, 0, 1, 1, "2024-01-01", "2024-02-01"), months, List.of(),
                List.of(), List.of());
    }
}
