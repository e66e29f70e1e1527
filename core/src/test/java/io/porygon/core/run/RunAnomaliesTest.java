package io.porygon.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunAnomaliesTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private static ActionResult result(String id, Step step, ActionStatus status, long rows, long millis) {
        return new ActionResult(id, "thelook." + id, "incremental", step, status, T0, T0.plusMillis(millis), rows, null, null, 0, List.of(), null);
    }

    private static ActionResult merged(long rows, long millis) {
        return result("events_fct", Step.MERGE_INCREMENT, ActionStatus.SUCCEEDED, rows, millis);
    }

    /** Earlier runs, newest first, each holding the one action. */
    private static List<List<ActionResult>> runs(ActionResult... actions) {
        List<List<ActionResult>> runs = new ArrayList<>();
        for (ActionResult a : actions) runs.add(List.of(a));
        return runs;
    }

    @Test
    void noRowsAfterRecentRunsThatAllWroteSomeIsAnAlert() {
        List<Alert> alerts = RunAnomalies.of(List.of(merged(0, 300)), runs(merged(11_000, 300), merged(12_500, 310), merged(10_200, 290)));

        assertThat(alerts).containsExactly(new Alert("thelook.events_fct",
                "wrote 0 rows; its last 3 incremental (merge) runs wrote 10,200 to 12,500"));
    }

    @Test
    void rowsWithinHalfTheFewestAndTwiceTheMostAreQuiet() {
        var earlier = runs(merged(10_000, 300), merged(12_000, 300), merged(11_000, 300));

        assertThat(RunAnomalies.of(List.of(merged(5_000, 300)), earlier)).isEmpty();
        assertThat(RunAnomalies.of(List.of(merged(24_000, 300)), earlier)).isEmpty();
        assertThat(RunAnomalies.of(List.of(merged(24_001, 300)), earlier)).extracting(Alert::message)
                .containsExactly("wrote 24,001 rows; its last 3 incremental (merge) runs wrote 10,000 to 12,000");
        assertThat(RunAnomalies.of(List.of(merged(4_999, 300)), earlier)).hasSize(1);
    }

    @Test
    void oneRowIsOneRow() {
        assertThat(RunAnomalies.of(List.of(merged(1, 300)), runs(merged(0, 300), merged(0, 300), merged(0, 300)))).extracting(Alert::message)
                .containsExactly("wrote 1 row; its last 3 incremental (merge) runs wrote 0");
    }

    @Test
    void aSlowRunIsAnAlertOnlyWhenItIsBothTwiceTheSlowestAndASecondLonger() {
        var earlier = runs(merged(100, 400), merged(100, 500), merged(100, 450));

        assertThat(RunAnomalies.of(List.of(merged(100, 1_400)), earlier)).isEmpty(); // 2.8x, but 0.9 s longer
        assertThat(RunAnomalies.of(List.of(merged(100, 1_500)), earlier)).extracting(Alert::message)
                .containsExactly("took 1.50s; its last 3 incremental (merge) runs took at most 0.50s");
        var slow = runs(merged(100, 2_000), merged(100, 2_000), merged(100, 2_000));
        assertThat(RunAnomalies.of(List.of(merged(100, 3_500)), slow)).isEmpty(); // 1.5 s longer, but under twice
    }

    @Test
    void anActionIsComparedOnlyWithThreeOrMoreSuccessfulRunsOfTheSameStep() {
        ActionResult fullBuild = result("events_fct", Step.BUILD_INCREMENTAL, ActionStatus.SUCCEEDED, 2_500_000, 3_000);
        ActionResult failed = result("events_fct", Step.MERGE_INCREMENT, ActionStatus.FAILED, -1, 100);

        assertThat(RunAnomalies.of(List.of(merged(0, 300)), runs(merged(11_000, 300), fullBuild, failed, merged(12_000, 300)))).isEmpty();
        assertThat(RunAnomalies.of(List.of(merged(0, 300)), runs(merged(11_000, 300), merged(12_000, 300)))).isEmpty();
    }

    @Test
    void onlyTheMostRecentRunsCount() {
        List<List<ActionResult>> earlier = new ArrayList<>(runs(merged(10, 300), merged(10, 300), merged(10, 300)));
        for (int i = 0; i < RunAnomalies.RECENT_RUNS; i++) earlier.add(0, List.of(merged(1_000, 300)));

        assertThat(RunAnomalies.of(List.of(merged(10, 300)), earlier)).extracting(Alert::message)
                .containsExactly("wrote 10 rows; its last 10 incremental (merge) runs wrote 1,000");
    }

    @Test
    void actionsThatFailedOrCountNoRowsAreNotComparedOnRows() {
        ActionResult view = result("v", Step.CREATE_VIEW, ActionStatus.SUCCEEDED, -1, 5);
        ActionResult failing = result("events_fct", Step.MERGE_INCREMENT, ActionStatus.FAILED, 0, 300);

        assertThat(RunAnomalies.of(List.of(view, failing), runs(view, view, view, merged(10_000, 300)))).isEmpty();
    }
}
