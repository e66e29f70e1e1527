package io.porygon.cli.bench;

import io.porygon.core.Porygon;
import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.run.DagRunner;
import io.porygon.core.run.DatabaseMapping;
import io.porygon.core.run.ExecutionPlan;
import io.porygon.core.run.PlannedAction;
import io.porygon.core.run.Planner;
import io.porygon.core.run.RunListener;
import io.porygon.core.run.RunOptions;
import io.porygon.core.run.RunResult;
import io.porygon.core.run.WarehouseNames;
import io.porygon.core.run.WarehouseRunStore;
import io.porygon.core.sql.DuckDbTranslator;
import io.porygon.duckdb.DuckDbEngine;
import io.porygon.duckdb.DuckDbSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Porygon's run time against the same translated statements executed directly over JDBC, one
 * after the other, on the same warehouse, in the same JVM, alternating, after a warm-up.
 *
 * <pre>
 * RunBenchmark [--project DIR] [--warehouse FILE] [--iterations N] [--scale S] [--threads N] [--dump-statements FILE]
 * </pre>
 * Without --project it writes a synthetic project shaped like the Porygon pipeline and generates
 * its raw tables (scale 1 = The Look's public row counts) in a fresh warehouse. With --project,
 * the warehouse (default PROJECT/.porygon/warehouse.duckdb) must already hold the sources.
 * Both sides build every table from scratch (Porygon with --full-refresh semantics).
 * With --dump-statements it only writes the baseline's statements, with the session settings a
 * plain JDBC program needs first, for {@link JdbcReplay} (scripts/bench-run-cold.sh).
 */
public final class RunBenchmark {

    record Options(Path project, Path warehouse, int iterations, double scale, int threads, Path dumpStatements) {}

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        Path project = o.project();
        Path warehouse = o.warehouse();
        boolean synthetic = project == null;
        if (synthetic) {
            Path tmp = Files.createTempDirectory("porygon-bench");
            project = tmp.resolve("project");
            SyntheticProject.write(project);
            if (warehouse == null) warehouse = tmp.resolve("warehouse.duckdb");
        }
        if (warehouse == null) warehouse = project.resolve(".porygon/warehouse.duckdb");

        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(warehouse))) {
            if (synthetic) {
                long t = System.nanoTime();
                SyntheticProject.seed(engine, o.scale());
                System.out.printf(Locale.ROOT, "seeded synthetic raw tables at scale %.2f in %.1fs%n", o.scale(), (System.nanoTime() - t) / 1e9);
            }
            long t0 = System.nanoTime();
            CompiledGraph graph = Porygon.compile(project, Map.of());
            if (graph.hasErrors()) throw new IllegalStateException("compile errors: " + graph.graphErrors());
            long compileNs = System.nanoTime() - t0;
            WarehouseNames names = new WarehouseNames(DatabaseMapping.IGNORE, graph.projectConfig().defaultSchema());
            Planner planner = new Planner(names, new DuckDbTranslator(t -> DuckDbTranslator.schemaAndName(names.map(t))), engine::kind);
            long t1 = System.nanoTime();
            ExecutionPlan plan = planner.plan(graph, RunOptions.all().withFullRefresh(true));
            long planNs = System.nanoTime() - t1;
            List<String> baseline = baselineStatements(plan);
            if (o.dumpStatements() != null) {
                List<String> script = new ArrayList<>(DuckDbTranslator.SESSION_SETTINGS);
                script.addAll(baseline);
                Files.writeString(o.dumpStatements(), String.join(JdbcReplay.SEPARATOR, script));
                return;
            }
            long executed = plan.actions().stream().filter(p -> p.step() != io.porygon.core.run.Step.DISABLED).count();
            System.out.printf(Locale.ROOT, "project %s: %d actions; compile %.0f ms, plan+translate %.0f ms%n",
                    synthetic ? "(synthetic)" : project, executed, compileNs / 1e6, planNs / 1e6);

            List<Sample> jdbc = new ArrayList<>();
            List<Sample> seq = new ArrayList<>();
            List<Sample> par = new ArrayList<>();
            for (int i = 0; i <= o.iterations(); i++) {
                // alternate which side goes first, so caches favour neither
                Sample b;
                Sample s;
                if (i % 2 == 0) {
                    b = measure(() -> runBaseline(engine, baseline));
                    s = measure(() -> runPorygon(engine, plan, 1));
                } else {
                    s = measure(() -> runPorygon(engine, plan, 1));
                    b = measure(() -> runBaseline(engine, baseline));
                }
                Sample p = measure(() -> runPorygon(engine, plan, o.threads()));
                System.out.printf(Locale.ROOT, "%s %2d: jdbc %8.1f ms (cpu %8.1f)   porygon 1 thread %8.1f ms (cpu %8.1f)"
                                + "   porygon %d threads %8.1f ms   paired overhead %+.1f%%%n",
                        i == 0 ? "warm-up  " : "iteration", i, b.wallMs(), b.cpuMs(), s.wallMs(), s.cpuMs(), o.threads(), p.wallMs(),
                        100 * (s.wallMs() - b.wallMs()) / b.wallMs());
                if (i > 0) {
                    jdbc.add(b);
                    seq.add(s);
                    par.add(p);
                }
            }
            double mb = median(jdbc.stream().map(Sample::wallMs).toList());
            double ms = median(seq.stream().map(Sample::wallMs).toList());
            double mp = median(par.stream().map(Sample::wallMs).toList());
            List<Double> pairedPct = new ArrayList<>();
            List<Double> pairedMsPerAction = new ArrayList<>();
            List<Double> cpuMsPerAction = new ArrayList<>();
            for (int i = 0; i < jdbc.size(); i++) {
                pairedPct.add(100 * (seq.get(i).wallMs() - jdbc.get(i).wallMs()) / jdbc.get(i).wallMs());
                pairedMsPerAction.add((seq.get(i).wallMs() - jdbc.get(i).wallMs()) / executed);
                cpuMsPerAction.add((seq.get(i).cpuMs() - jdbc.get(i).cpuMs()) / executed);
            }
            double bestB = jdbc.stream().mapToDouble(Sample::wallMs).min().orElseThrow();
            double bestS = seq.stream().mapToDouble(Sample::wallMs).min().orElseThrow();
            double cpuB = median(jdbc.stream().map(Sample::cpuMs).toList());
            double cpuS = median(seq.stream().map(Sample::cpuMs).toList());
            System.out.println();
            System.out.printf(Locale.ROOT, "over %d iterations (%d actions, %d cores):%n", o.iterations(), executed,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "  wall, median      jdbc %9.1f ms (1.000)   porygon 1 thread %9.1f ms (%.3f)   porygon %d threads %9.1f ms (%.3f)%n",
                    mb, ms, ms / mb, o.threads(), mp, mp / mb);
            System.out.printf(Locale.ROOT, "  wall, best        jdbc %9.1f ms (1.000)   porygon 1 thread %9.1f ms (%.3f)%n", bestB, bestS, bestS / bestB);
            System.out.printf(Locale.ROOT, "  cpu, median       jdbc %9.1f ms (1.000)   porygon 1 thread %9.1f ms (%.3f)%n", cpuB, cpuS, cpuS / cpuB);
            System.out.printf(Locale.ROOT, "  paired overhead (porygon 1 thread - jdbc, same iteration): median %+.1f%%, %+.2f ms wall per action,"
                    + " %+.2f ms cpu per action%n", median(pairedPct), median(pairedMsPerAction), median(cpuMsPerAction));
            System.out.printf(Locale.ROOT, "  compile + plan + translate (once per run, cold JVM): %.1f ms (%.3f of median jdbc)%n",
                    (compileNs + planNs) / 1e6, (compileNs + planNs) / 1e6 / mb);
        }
    }

    /** Wall time and CPU time of the whole process (DuckDB's native threads included). */
    record Sample(double wallMs, double cpuMs) {}

    interface Work {
        void run() throws Exception;
    }

    private static Sample measure(Work work) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long t = System.nanoTime();
        work.run();
        return new Sample((System.nanoTime() - t) / 1e6, (os.getProcessCpuTime() - cpu) / 1e6);
    }

    /** What a hand-written script would send: the translated SQL wrapped in the plain DDL. */
    static List<String> baselineStatements(ExecutionPlan plan) {
        Set<String> schemas = new LinkedHashSet<>();
        List<String> body = new ArrayList<>();
        for (PlannedAction p : plan.actions()) {
            String name = DuckDbEngine.sqlName(p.warehouseTarget());
            switch (p.step()) {
                case DISABLED, CHECK_SOURCE -> {}
                case CREATE_VIEW -> {
                    schemas.add(p.warehouseTarget().schema());
                    body.addAll(p.preOps());
                    body.add("CREATE OR REPLACE VIEW " + name + " AS\n" + p.sql());
                    body.addAll(p.postOps());
                }
                case BUILD_TABLE, BUILD_INCREMENTAL, APPEND_INCREMENT, MERGE_INCREMENT, REPLACE_PARTITIONS -> {
                    schemas.add(p.warehouseTarget().schema());
                    body.addAll(p.preOps());
                    body.add("CREATE OR REPLACE TABLE " + name + " AS\n" + p.sql());
                    body.addAll(p.postOps());
                }
                case RUN_OPERATIONS -> body.addAll(p.statements());
                // checked the way the runner checks it, so both sides send the same query
                case CHECK_ASSERTION -> {
                    schemas.add(p.warehouseTarget().schema());
                    body.add("CREATE OR REPLACE VIEW " + name + " AS\n" + p.sql());
                    body.add(JdbcReplay.QUERY + "SELECT count(*) FROM " + name);
                }
            }
        }
        List<String> all = new ArrayList<>();
        schemas.forEach(s -> all.add("CREATE SCHEMA IF NOT EXISTS " + DuckDbEngine.quoteIdent(s)));
        all.addAll(body);
        return all;
    }

    private static void runBaseline(DuckDbEngine engine, List<String> statements) throws Exception {
        JdbcReplay.send(engine.connection(), statements);
    }

    private static void runPorygon(DuckDbEngine engine, ExecutionPlan plan, int threads) {
        RunResult r = new DagRunner(engine, threads, RunListener.NONE).run(plan);
        new WarehouseRunStore(engine).record(r, "bench");
        if (!r.succeeded()) {
            throw new IllegalStateException("porygon run failed: " + r.actions().stream().filter(a -> a.error() != null).toList());
        }
    }

    static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private static Options parse(String[] args) {
        Path project = null;
        Path warehouse = null;
        int iterations = 5;
        double scale = 1.0;
        int threads = Runtime.getRuntime().availableProcessors();
        Path dump = null;
        List<String> a = Arrays.asList(args);
        for (int i = 0; i < a.size(); i++) {
            String v = i + 1 < a.size() ? a.get(i + 1) : null;
            switch (a.get(i)) {
                case "--project" -> { project = Path.of(v).toAbsolutePath(); i++; }
                case "--warehouse" -> { warehouse = Path.of(v).toAbsolutePath(); i++; }
                case "--iterations" -> { iterations = Integer.parseInt(v); i++; }
                case "--scale" -> { scale = Double.parseDouble(v); i++; }
                case "--threads" -> { threads = Integer.parseInt(v); i++; }
                case "--dump-statements" -> { dump = Path.of(v).toAbsolutePath(); i++; }
                default -> throw new IllegalArgumentException("unknown argument " + a.get(i)
                        + "; usage: [--project DIR] [--warehouse FILE] [--iterations N] [--scale S] [--threads N] [--dump-statements FILE]");
            }
        }
        return new Options(project, warehouse, iterations, scale, threads, dump);
    }
}
