package io.porygon.core.run;

import io.porygon.core.engine.Engine;
import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.sql.Translator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Plans and runs hand-built graphs on a real DuckDB warehouse, and reads results back. */
final class Runs {
    /** Tests use SQL that means the same in GoogleSQL and DuckDB, so translation is the identity. */
    static final Translator SAME_SQL = (sql, location) -> sql;

    private Runs() {}

    static Planner planner(Engine engine) {
        return new Planner(new WarehouseNames(DatabaseMapping.IGNORE, "dataform"), SAME_SQL, engine::kind);
    }

    static RunResult run(Engine engine, CompiledGraph graph, RunOptions options, int threads) {
        return new DagRunner(engine, threads, RunListener.NONE).run(planner(engine).plan(graph, options));
    }

    static RunResult run(Engine engine, CompiledGraph graph) {
        return run(engine, graph, RunOptions.all(), 2);
    }

    static Map<String, ActionStatus> statuses(RunResult result) {
        return result.actions().stream().collect(Collectors.toMap(ActionResult::name, ActionResult::status));
    }

    static ActionResult result(RunResult run, String name) {
        return run.actions().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    static long scalar(Engine engine, String sql) {
        return ((Number) engine.query(sql, 1).rows().get(0).get(0)).longValue();
    }

    /** Every row of a query rendered as "a|b|c", in the query's order. */
    static List<String> rows(Engine engine, String sql) {
        Function<List<Object>, String> render = r -> r.stream().map(String::valueOf).collect(Collectors.joining("|"));
        return engine.query(sql, Integer.MAX_VALUE).rows().stream().map(render).toList();
    }
}
