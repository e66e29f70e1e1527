package io.porygon.cli;

import io.porygon.core.engine.Engine;
import io.porygon.core.graph.Target;
import io.porygon.core.run.ActionResult;
import io.porygon.core.run.ActionStatus;
import io.porygon.core.run.RunStore;
import io.porygon.core.run.WarehouseRunStore;
import io.porygon.duckdb.DuckDbEngine;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The closing summary of {@code porygon demo}: table sizes, the last run's assertions, top categories. */
final class DemoSummary {
    private static final List<Target> TABLES = List.of(
            new Target(null, "thelook", "users_dim"), new Target(null, "thelook", "products_dim"),
            new Target(null, "thelook", "orders_dim"), new Target(null, "thelook", "inventory_dim"),
            new Target(null, "thelook", "events_fct"), new Target(null, "thelook", "trx_fct"),
            new Target(null, "looker_studio_views", "profit_view"),
            new Target(null, "looker_studio_views", "profit_matrix_view"));

    private final Engine engine;
    private final PrintWriter out;

    DemoSummary(Engine engine, PrintWriter out) {
        this.engine = engine;
        this.out = out;
    }

    void print() {
        out.println("Rows per table:");
        for (Target t : TABLES) {
            out.printf("  %-40s %14s%n", t.schema() + "." + t.name(), rows(t));
        }
        try {
            printAssertions();
        } catch (RuntimeException e) {
            out.println();
            out.println("Assertions of the last run: " + unreadable(e));
        }
        try {
            printTopCategories();
        } catch (RuntimeException e) {
            out.println();
            out.println("Top categories by gross profit: " + unreadable(e));
        }
        out.flush();
    }

    /** A table the last run left broken (a view over a dropped table, say) is one line of the summary, not its end. */
    private String rows(Target t) {
        try {
            return engine.exists(t) ? String.format("%,d", engine.rowCount(t)) : "(missing)";
        } catch (RuntimeException e) {
            return unreadable(e);
        }
    }

    private static String unreadable(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String first = message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(e.getClass().getSimpleName());
        return "(unreadable: " + first + ")";
    }

    private void printAssertions() {
        WarehouseRunStore store = new WarehouseRunStore(engine);
        List<RunStore.RunSummary> last = store.recentRuns(1);
        if (last.isEmpty()) return;
        Map<ActionStatus, Long> byStatus = store.actions(last.get(0).runId()).stream()
                .filter(a -> a.type().equals("assertion"))
                .collect(Collectors.groupingBy(ActionResult::status, TreeMap::new, Collectors.counting()));
        out.println();
        out.print("Assertions of the last run:");
        byStatus.forEach((status, n) -> out.print("  " + status + " " + n));
        out.println();
    }

    private void printTopCategories() {
        Target profit = new Target(null, "looker_studio_views", "profit_view");
        if (!engine.exists(profit)) return;
        List<List<Object>> rows = engine.queryRows("SELECT category, sum(gross_profit) AS profit, sum(revenue) AS revenue FROM "
                + DuckDbEngine.sqlName(profit) + " GROUP BY category ORDER BY profit DESC LIMIT 5");
        out.println();
        out.println("Top categories by gross profit:");
        out.printf("  %-32s %16s %16s%n", "category", "gross profit", "revenue");
        for (List<Object> r : rows) {
            out.printf("  %-32s %16s %16s%n", r.get(0), money(r.get(1)), money(r.get(2)));
        }
    }

    private static String money(Object value) {
        return value instanceof Number n ? String.format("%,.2f", n.doubleValue()) : String.valueOf(value);
    }
}
