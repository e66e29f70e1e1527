package io.porygon.cli;

import io.porygon.core.engine.Engine;
import io.porygon.core.run.ExecutionPlan;
import io.porygon.core.run.PlannedAction;
import io.porygon.core.run.Planner;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints an execution plan for people: `run --dry-run` and `compile --dialect`. */
final class PlanPrinter {
    private PlanPrinter() {}

    /** The plan, with DuckDB's row estimates where the upstream tables already exist. */
    static void print(ExecutionPlan plan, Engine engine, PrintWriter out) {
        out.println("Plan: " + plan.actions().size() + " action" + (plan.actions().size() == 1 ? "" : "s")
                + (plan.fullRefresh() ? " (full refresh)" : "") + ", in order:");
        int i = 0;
        for (PlannedAction p : plan.actions()) {
            out.println();
            String inWarehouse = p.warehouseTarget().schema() + "." + p.warehouseTarget().name();
            // the warehouse's name only where it differs (a source, a project without a database mapping: the same)
            out.printf("%3d. %-26s %s%s%n", ++i, p.step().label(), p.displayName(),
                    inWarehouse.equals(p.displayName()) ? "" : " -> " + inWarehouse);
            if (!p.upstream().isEmpty()) out.println("     after: " + String.join(", ", p.upstream().stream().sorted().toList()));
            if (p.note() != null) out.println("     note: " + p.note());
            if (!p.uniqueKey().isEmpty()) out.println("     unique key: " + String.join(", ", p.uniqueKey()));
            if (p.partitionBy() != null) out.println("     replaces the partitions (" + p.partitionBy() + ") the new rows fall in");
            if (p.mergeFilter() != null) out.println("     matches only table rows where: " + p.mergeFilter());
            if (engine != null && p.sql() != null) {
                engine.estimateRows(p.sql()).ifPresent(n -> out.printf(Locale.ROOT, "     row estimate (DuckDB's planner, a guess): %,d%n", n));
            }
            printSql("pre-operation", p.preOps().stream().filter(s -> !Planner.isBindCheck(s) && !Planner.isStorageCheck(s)).toList(), out);
            printSql("check that the query as written binds (the view leaves out what only orders rows)",
                    p.preOps().stream().filter(Planner::isBindCheck).toList(), out);
            printSql("check that bigquery.partitionBy and clusterBy name columns of the query (BigQuery's are not built here)",
                    p.preOps().stream().filter(Planner::isStorageCheck).toList(), out);
            if (p.sql() != null) printSql("sql", List.of(p.sql()), out);
            if (p.countSql() != null) printSql("counted in one scan", List.of(p.countSql()), out);
            printSql("statement", p.statements(), out);
            printSql("post-operation", p.postOps(), out);
            printSql("cleanup (run whatever the outcome)", p.cleanup(), out);
        }
        out.flush();
    }

    private static void printSql(String label, List<String> statements, PrintWriter out) {
        for (String s : statements) {
            if (s.isBlank()) continue; // translated to nothing (BigQuery-only metadata)
            out.println("     -- " + label);
            s.strip().lines().forEach(l -> out.println("     " + l));
        }
    }
}
