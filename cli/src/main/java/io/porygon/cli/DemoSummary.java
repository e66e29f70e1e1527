package io.porygon.cli;

import io.porygon.core.engine.Engine;
import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.graph.Target;
import io.porygon.core.run.ActionResult;
import io.porygon.core.run.ActionStatus;
import io.porygon.core.run.RunStore;
import io.porygon.core.run.WarehouseNames;
import io.porygon.core.run.WarehouseRunStore;
import io.porygon.duckdb.DuckDbEngine;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The closing summary of {@code porygon demo}: table sizes, the last run's assertions, top categories. */
final class DemoSummary {
    /** The pipeline's models the summary counts, with the schema the pipeline gives them. */
    private static final Map<String, String> MODELS = orderedMap(
            "users_dim", "thelook", "products_dim", "thelook", "orders_dim", "thelook", "inventory_dim", "thelook",
            "events_fct", "thelook", "trx_fct", "thelook",
            "profit_view", "looker_studio_views", "profit_matrix_view", "looker_studio_views");

    private final Engine engine;
    private final PrintWriter out;
    private final List<Target> tables;

    /** @param tables the warehouse names of the models to count; the one named profit_view gives the top categories */
    DemoSummary(Engine engine, PrintWriter out, List<Target> tables) {
        this.engine = engine;
        this.out = out;
        this.tables = List.copyOf(tables);
    }

    /**
     * The warehouse names of the pipeline's models as the compiled graph places them (its schemas,
     * under the run's database mapping); a model the graph lacks keeps its conventional name.
     */
    static List<Target> tablesOf(CompiledGraph graph, WarehouseNames names) {
        List<Target> targets = new ArrayList<>();
        MODELS.forEach((name, schema) -> targets.add(graph.tables().stream()
                .filter(t -> t.target().name().equals(name))
                // of two models with the name, the one in the pipeline's schema
                .min(Comparator.comparing(t -> !schema.equals(t.target().schema())))
                .map(t -> names.map(t.target()))
                .orElse(new Target(null, schema, name))));
        return targets;
    }

    void print() {
        out.println("Rows per table:");
        // prefixed schemas (database mapping prefix) are longer than the usual ones
        int width = tables.stream().mapToInt(t -> t.schema().length() + 1 + t.name().length()).max().orElse(0);
        for (Target t : tables) {
            out.printf("  %-" + Math.max(40, width) + "s %14s%n", t.schema() + "." + t.name(), rows(t));
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
            return engine.exists(t) ? String.format(Locale.ROOT, "%,d", engine.rowCount(t)) : "(missing)";
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
        Optional<Target> profitView = tables.stream().filter(t -> t.name().equals("profit_view")).findFirst();
        if (profitView.isEmpty() || !engine.exists(profitView.get())) return;
        Target profit = profitView.get();
        List<List<Object>> rows = engine.queryRows("SELECT category, sum(gross_profit) AS profit, sum(revenue) AS revenue FROM "
                + DuckDbEngine.sqlName(profit) + " GROUP BY category ORDER BY profit DESC, category LIMIT 5");
        out.println();
        if (rows.isEmpty()) {
            out.println("Top categories by gross profit: no realized sales yet");
            return;
        }
        out.println("Top categories by gross profit:");
        out.printf("  %-32s %16s %16s%n", "category", "gross profit", "revenue");
        for (List<Object> r : rows) {
            out.printf("  %-32s %16s %16s%n", r.get(0), money(r.get(1)), money(r.get(2)));
        }
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) map.put(keysAndValues[i], keysAndValues[i + 1]);
        return Collections.unmodifiableMap(map);
    }

    /** As the dashboard writes money, whatever the JVM's locale: 1,234.50. */
    private static String money(Object value) {
        return value instanceof Number n ? String.format(Locale.ROOT, "%,.2f", n.doubleValue()) : String.valueOf(value);
    }
}
