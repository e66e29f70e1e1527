package io.porygon.cli;

import io.porygon.core.compile.project.Suggestions;
import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.graph.TableAction;
import io.porygon.core.graph.Target;
import io.porygon.core.graph.TestAction;
import io.porygon.core.run.Planner;
import io.porygon.core.run.UnitTestRunner;
import io.porygon.core.run.WarehouseNames;
import io.porygon.duckdb.DuckDbEngine;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code porygon test}: runs the project's unit tests ({@code type: "test"}) on the warehouse. */
@Command(
        name = "test",
        header = "Run the project's unit tests (type: \"test\").",
        mixinStandardHelpOptions = true,
        description = {
            "Run the unit tests of the project (SQLX files with type: \"test\"). Each input replaces the table it names, "
                    + "the tested query runs on the warehouse, and its rows must equal the expected rows, in any order.",
            "A failing test prints a row diff: '-' rows were expected but missing, '+' rows were returned but not expected."
        },
        footer = {"", "Exit codes: 0 all tests passed; 1 a test failed; 2 usage, configuration or compile error."})
final class TestCommand implements Callable<Integer> {

    @Option(names = "--actions", arity = "1..*", parameterConsumer = NameListConsumer.class, paramLabel = "NAME", description = "Run only these tests, or the tests of these datasets.")
    List<String> only = new ArrayList<>();

    @Mixin
    ProjectConfigOptions projectConfig;

    @Mixin
    DebugOption debug;

    @Mixin
    WarehouseOptions warehouse;

    @Mixin
    ProjectDirectory project;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = project.resolve();
        WarehouseOptions.Resolved settings = warehouse.resolve(dir);
        CompiledGraph graph = ProjectGraph.compileOrReport(dir, projectConfig.overrides(), err);
        if (graph == null) return PorygonCli.EXIT_USAGE;
        List<TestAction> tests = graph.tests().stream().filter(this::selected).toList();
        List<String> unknown = only.stream().filter(name -> graph.tests().stream().noneMatch(t -> names(t).contains(name))).toList();
        if (!unknown.isEmpty()) {
            List<String> known = graph.tests().stream().flatMap(t -> names(t).stream()).distinct().toList();
            String closest = unknown.size() == 1 ? Suggestions.closest(unknown.get(0), known) : null;
            err.println("error: no unit test named " + String.join(", ", unknown) + "\n  hint: "
                    + (closest != null ? "did you mean " + closest + "? " : "") + "`porygon compile` lists the project's tests");
            return PorygonCli.EXIT_USAGE;
        }
        if (tests.isEmpty()) {
            out.println("No unit tests in this project.");
            return 0;
        }
        WarehouseNames names = new WarehouseNames(settings.databaseMapping(), graph.projectConfig().defaultSchema());
        names.register(graph.runnableActions().toList());
        Planner planner = new Planner(names, Translation.forDuckDb(names), t -> io.porygon.core.engine.ObjectKind.NONE);
        int failed = 0;
        // the tests only query: an existing warehouse is opened to read, beside other readers (history, docs, a DuckDB shell);
        // without one they run in memory rather than create a warehouse (at a mistyped --warehouse, say)
        try (DuckDbEngine engine = Files.exists(settings.file()) ? WarehouseOptions.openToRead(settings)
                : new DuckDbEngine(settings.duckDb().inMemory())) {
            Map<Target, TableAction> models = new HashMap<>();
            graph.runnableActions().forEach(a -> {
                if (a instanceof TableAction t) models.put(t.target(), t);
            });
            UnitTestRunner runner = new UnitTestRunner(engine, planner::translate, models::get);
            for (TestAction test : tests) {
                UnitTestRunner.TestResult r = runner.run(test);
                out.printf("  %-4s %s (%s) %s%n", r.passed() ? "PASS" : "FAIL", r.name(), r.fileName(), RunProgress.seconds(r.duration()));
                if (!r.passed()) {
                    failed++;
                    r.diff().lines().forEach(l -> out.println("       " + l));
                }
            }
        }
        out.printf("%n%d test%s, %d passed, %d failed%n", tests.size(), tests.size() == 1 ? "" : "s", tests.size() - failed, failed);
        return failed == 0 ? 0 : PorygonCli.EXIT_FAILED;
    }

    private boolean selected(TestAction t) {
        return only.isEmpty() || names(t).stream().anyMatch(only::contains);
    }

    /** What --actions may call a test: its name, or the name of the dataset it tests, as run --actions names it. */
    private static List<String> names(TestAction t) {
        Target tested = t.testedTarget();
        return List.of(t.name(), tested.name(), tested.schemaAndName(), tested.qualifiedName());
    }
}
