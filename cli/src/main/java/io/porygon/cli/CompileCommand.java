package io.porygon.cli;

import io.porygon.core.Porygon;
import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.compile.CompileResult;
import io.porygon.core.compile.json.CompiledGraphJson;
import io.porygon.core.engine.ObjectKind;
import io.porygon.core.graph.Action;
import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.run.DatabaseMapping;
import io.porygon.core.run.ExecutionPlan;
import io.porygon.core.run.Planner;
import io.porygon.core.run.RunOptions;
import io.porygon.core.run.WarehouseNames;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code porygon compile}: compiles the project and prints a summary, or Dataform's JSON with --json. */
@Command(
        name = "compile",
        header = "Compile the project and print a summary, its JSON graph or its DuckDB SQL.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Compile the project (workflow_settings.yaml, definitions/, includes/) without running anything.",
            "Prints actions by type and tag, or with --json the compiled graph in the shape of `dataform compile --json`.",
            "Every error of the compile is reported as file:line:col: message, with a hint; the exit code is then 2."
        },
        footer = {"", "Exit codes: 0 compiled; 2 usage error, or the project does not compile."})
final class CompileCommand implements Callable<Integer> {
    /** Quiet time after a change before compiling: an editor's save, or a checkout, is many events. */
    private static final Duration WATCH_SETTLE = Duration.ofMillis(200);
    /** How many of the files that changed a compile of the watch names. */
    private static final int WATCH_NAMED = 5;

    @Option(names = "--json", description = "Print the compiled graph as JSON (the shape of `dataform compile --json`).")
    boolean json;

    enum Dialect { bigquery, duckdb }

    @Option(names = "--dialect", defaultValue = "bigquery", paramLabel = "DIALECT",
            description = "bigquery (default): the summary, as written. duckdb: print every action's SQL translated to DuckDB's dialect"
                    + " (what `porygon run` executes); untranslatable constructs are errors naming file and line. Not with --json.")
    Dialect dialect;

    @Option(names = "--database-mapping", paramLabel = "ignore|prefix",
            description = "With --dialect duckdb: what the GCP project of a target becomes, as for `porygon run`: ignore (one catalog)"
                    + " or prefix (schema <project>_<dataset>). Default: database_mapping of porygon.yaml, else ignore.")
    String databaseMapping;

    @Option(names = "--watch",
            description = "After compiling, compile again whenever a project file changes (definitions/, includes/, the settings,"
                    + " the --config file), as `dataform compile --watch` does; the output is printed again each time, what changed and"
                    + " how long the compile took on stderr. Ctrl-C stops.")
    boolean watch;

    @Option(names = "--config", paramLabel = "FILE",
            description = "With --dialect duckdb: the settings file whose database_mapping applies (default: porygon.yaml in the project"
                    + " directory, if present).")
    Path config;

    @Mixin
    ProjectConfigOptions projectConfig;

    @Mixin
    DebugOption debug;

    @Mixin
    ProjectDirectory project;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (json && dialect == Dialect.duckdb) {
            // the JSON is Dataform's compiled graph, in the dialect the models are written in
            throw new PorygonException(SourceLocation.of("porygon compile"), "--json prints the graph as written (GoogleSQL); --dialect duckdb does not apply to it",
                    "drop --json to see every action's SQL in DuckDB's dialect, or drop --dialect duckdb for the JSON");
        }
        if (dialect != Dialect.duckdb && (databaseMapping != null || config != null)) {
            throw new PorygonException(SourceLocation.of("porygon compile"), "--database-mapping and --config name the warehouse's tables,"
                    + " which only --dialect duckdb prints", "add --dialect duckdb, or drop them");
        }
        Path projectDir = project.resolve();
        if (!watch) return compileAndPrint(projectDir);
        return compileOnEveryChange(projectDir);
    }

    /**
     * Compiles, then again after each change, until interrupted (Ctrl-C ends the JVM) or the project directory is deleted; a
     * compile that fails is reported and the watch goes on, as Dataform's does.
     */
    private int compileOnEveryChange(Path projectDir) {
        PrintWriter err = spec.commandLine().getErr();
        int exitCode = compileReporting(projectDir);
        try (ProjectWatcher watcher = new ProjectWatcher(projectDir, WATCH_SETTLE, config == null ? List.of() : List.of(config))) {
            while (true) {
                err.println("Watching for changes (Ctrl-C stops)...");
                err.flush();
                Set<String> changed = watcher.awaitChange();
                long started = System.nanoTime();
                exitCode = compileReporting(projectDir);
                err.printf(Locale.ROOT, "Compiled again in %d ms after a change to %s.%n", (System.nanoTime() - started) / 1_000_000,
                        named(changed));
            }
        } catch (InterruptedException e) {
            return exitCode;
        }
    }

    /** The first few of the files that changed, and how many more: a checkout changes hundreds. */
    private static String named(Set<String> changed) {
        String first = changed.stream().limit(WATCH_NAMED).collect(Collectors.joining(", "));
        return changed.size() <= WATCH_NAMED ? first : first + " and " + (changed.size() - WATCH_NAMED) + " more";
    }

    /** One compile of the watch: an error that would end a single compile (unreadable settings, say) is printed instead. */
    private int compileReporting(Path projectDir) {
        try {
            return compileAndPrint(projectDir);
        } catch (PorygonException e) {
            spec.commandLine().getErr().println("error: " + e.render());
            return PorygonCli.EXIT_USAGE;
        }
    }

    private int compileAndPrint(Path projectDir) {
        // read before compiling, as run reads it: a mistake in the settings is reported first
        DatabaseMapping mapping = dialect == Dialect.duckdb
                ? WarehouseOptions.databaseMapping(databaseMapping, WarehouseOptions.loadConfig(config, projectDir)) : DatabaseMapping.IGNORE;
        CompileResult result = Porygon.compileDetailed(projectDir, projectConfig.overrides());
        CompiledGraph graph = result.graph();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean planned = true;
        if (json) {
            out.println(CompiledGraphJson.write(result, true));
        } else if (dialect == Dialect.duckdb && !graph.hasErrors()) {
            planned = printTranslated(graph, mapping, out, err);
        } else {
            printSummary(graph, out);
        }
        out.flush();
        if (graph.hasErrors()) {
            ProjectGraph.printErrors(graph, err, "");
            return PorygonCli.EXIT_USAGE;
        }
        return planned ? 0 : PorygonCli.EXIT_USAGE;
    }

    /**
     * The plan of a first run on an empty warehouse: every action with its SQL in DuckDB's dialect, its tables named as
     * {@code mapping} names them; false after printing the errors that keep it from being made.
     */
    private static boolean printTranslated(CompiledGraph graph, DatabaseMapping mapping, PrintWriter out, PrintWriter err) {
        WarehouseNames names = new WarehouseNames(mapping, graph.projectConfig().defaultSchema());
        ExecutionPlan plan = ProjectGraph.planOrReport(
                () -> new Planner(names, Translation.forDuckDb(names), target -> ObjectKind.NONE).plan(graph, RunOptions.all()), err, "");
        if (plan == null) return false;
        PlanPrinter.print(plan, null, out);
        return true;
    }

    private static void printSummary(CompiledGraph graph, PrintWriter out) {
        Map<String, Long> byType = new TreeMap<>();
        Map<String, Long> byTag = new TreeMap<>();
        Stream.concat(graph.runnableActions(), graph.tests().stream()).forEach((Action a) -> {
            byType.merge(a.type().jsonName(), 1L, Long::sum);
            a.tags().forEach(t -> byTag.merge(t, 1L, Long::sum));
        });
        long total = byType.values().stream().mapToLong(Long::longValue).sum();
        int tests = graph.tests().size();
        // run and docs count the actions that run; the unit tests run apart (porygon test)
        String split = tests == 0 ? "" : " (" + (total - tests) + " that run, " + tests + " unit test" + (tests == 1 ? "" : "s") + ")";
        out.println("Compiled " + total + " action" + (total == 1 ? "" : "s") + split + (graph.hasErrors() ? " with errors" : "") + ".");
        out.println("By type: " + (byType.isEmpty() ? "none" : format(byType)));
        out.println("By tag:  " + (byTag.isEmpty() ? "none" : format(byTag)));
        graph.runnableActions().forEach(a -> out.println("  " + pad(a.type().jsonName()) + a.target().qualifiedName()
                + (a.disabled() ? " (disabled)" : "") + (a.tags().isEmpty() ? "" : " [" + String.join(", ", a.tags()) + "]")));
        graph.tests().forEach(t -> out.println("  " + pad("test") + t.name()));
    }

    private static String format(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String pad(String s) {
        return String.format("%-12s", s);
    }
}
