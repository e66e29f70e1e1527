package io.porygon.cli;

import io.porygon.core.PorygonException;
import io.porygon.core.engine.EngineException;
import io.porygon.core.engine.ObjectKind;
import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.run.ActionResult;
import io.porygon.core.run.ActionStatus;
import io.porygon.core.run.DagRunner;
import io.porygon.core.run.ExecutionPlan;
import io.porygon.core.run.Planner;
import io.porygon.core.run.RunAnomalies;
import io.porygon.core.run.RunOptions;
import io.porygon.core.run.RunResult;
import io.porygon.core.run.Step;
import io.porygon.core.run.WarehouseNames;
import io.porygon.core.run.WarehouseRunStore;
import io.porygon.core.sql.CachedTranslator;
import io.porygon.core.sql.Translator;
import io.porygon.duckdb.DuckDbEngine;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code porygon run}: compiles the project and runs it on the warehouse. */
@Command(
        name = "run",
        header = "Run the project's actions on the warehouse, in dependency order.",
        mixinStandardHelpOptions = true,
        description = {
            "Compile the project and run its actions on the warehouse (an embedded DuckDB file), in dependency order, "
                    + "independent actions in parallel. Models are translated from BigQuery's SQL to DuckDB's.",
            "A failing action skips only what depends on it; a failing built-in assertion (a table's config `assertions`) "
                    + "also skips what depends on the table it checks. Ctrl-C stops the run cleanly: tables are swapped in "
                    + "atomically, so none is left half-built (an operation's statements run one by one, as on BigQuery).",
            "Every run is recorded in the warehouse (schema porygon_meta); see `porygon history`."
        },
        footer = {"", "Exit codes: 0 every action succeeded; 1 an action or assertion failed; 2 usage, configuration or "
                + "compile error; 130 (Ctrl-C) or 143 (SIGTERM) when the run was interrupted, as for any process a signal stops."})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--full-refresh", description = "Rebuild incremental tables from scratch (except protected ones).")
    boolean fullRefresh;

    @Option(names = "--actions", arity = "1..*", parameterConsumer = NameListConsumer.class, paramLabel = "NAME",
            description = "Run only these actions (name, dataset.name or project.dataset.name).")
    List<String> actions = new ArrayList<>();

    @Option(names = "--tags", arity = "1..*", parameterConsumer = NameListConsumer.class, paramLabel = "TAG", description = "Run only the actions with one of these tags.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--include-deps", description = "Also run everything the selected actions depend on (only with --actions or --tags).")
    boolean includeDeps;

    @Option(names = "--include-dependents", description = "Also run everything that depends on the selected actions (only with --actions or --tags).")
    boolean includeDependents;

    @Option(names = "--dry-run", description = "Print the plan and the translated SQL; run nothing.")
    boolean dryRun;

    @Mixin
    ProjectConfigOptions projectConfig;

    @Option(names = "--threads", paramLabel = "N",
            description = "Actions run in parallel (default: run.threads of porygon.yaml, else the number of cores).")
    Integer threads;

    @Mixin
    DebugOption debug;

    @Mixin
    WarehouseOptions warehouse;

    @Mixin
    ProjectDirectory project;

    @Spec
    CommandSpec spec;

    /** What the run history records as the command, when not this run's own command line: the demo's, which runs it as a step. */
    String typedCommand;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = project.resolve();
        WarehouseOptions.Resolved settings = warehouse.resolve(dir);
        if (threads != null && !WarehouseConfig.validThreads(threads)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads must be a whole number from 1 to " + WarehouseConfig.MAX_THREADS);
        }
        if ((includeDeps || includeDependents) && actions.isEmpty() && tags.isEmpty()) {
            // as Dataform refuses them: without a selection they would widen nothing, and the whole project would run
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "The --" + (includeDeps ? "include-deps" : "include-dependents")
                    + " flag should only be supplied along with --actions or --tags.");
        }
        // An existing warehouse opens while the project compiles; a new file is created only once it compiled.
        boolean exists = Files.exists(settings.file());
        try (WarehouseOpening opening = exists ? WarehouseOpening.start(settings) : null) {
            CompiledGraph graph = ProjectGraph.compileOrReport(dir, projectConfig.overrides(), err);
            if (graph == null) return PorygonCli.EXIT_USAGE;
            RunOptions options = new RunOptions(fullRefresh, actions, tags, includeDeps, includeDependents);
            WarehouseNames names = new WarehouseNames(settings.databaseMapping(), graph.projectConfig().defaultSchema());
            ExecutionPlan firstRun = null;
            if (!exists) {
                // Nothing built yet: plan as on a first run (an empty warehouse holds nothing) before the warehouse file is
                // created, so that an error found while planning leaves none behind, as a compile error does.
                firstRun = plan(graph, options, names, dir, t -> ObjectKind.NONE, err);
                if (firstRun == null) return PorygonCli.EXIT_USAGE;
                if (dryRun) {
                    PlanPrinter.print(firstRun, null, out);
                    return 0;
                }
            }
            DuckDbEngine engine = exists ? opening.take() : WarehouseOptions.open(settings);
            return run(graph, options, names, engine, dir, settings, firstRun, out, err);
        }
    }

    /** The plan, or null after printing the errors found while making it. */
    private static ExecutionPlan plan(CompiledGraph graph, RunOptions options, WarehouseNames names, Path dir, Planner.WarehouseState kinds,
            PrintWriter err) {
        Optional<CachedTranslator> cached = Translation.cachedForDuckDb(names, dir);
        Translator translator = cached.isPresent() ? cached.get() : Translation.forDuckDb(names);
        ExecutionPlan plan = ProjectGraph.planOrReport(() -> new Planner(names, translator, kinds).plan(graph, options), err, ProjectGraph.NOTHING_RUN);
        cached.ifPresent(CachedTranslator::save);
        return plan;
    }

    /** {@code firstRun}: the plan already made when the warehouse did not exist (this run creates it), else null. */
    private int run(CompiledGraph graph, RunOptions options, WarehouseNames names, DuckDbEngine opened, Path dir,
            WarehouseOptions.Resolved settings, ExecutionPlan firstRun, PrintWriter out, PrintWriter err) {
        boolean created = firstRun != null;
        try (DuckDbEngine engine = opened) {
            ExecutionPlan plan = created ? firstRun : plan(graph, options, names, dir, engine::kind, err);
            if (plan == null) return PorygonCli.EXIT_USAGE;
            if (dryRun) {
                PlanPrinter.print(plan, engine, out);
                return 0;
            }
            if (plan.isEmpty()) {
                out.println("Nothing to run.");
                return 0;
            }
            int parallel = threads != null ? threads : settings.runThreads() != null ? settings.runThreads()
                    : Runtime.getRuntime().availableProcessors();
            DagRunner runner = new DagRunner(engine, parallel, new RunProgress(out, System.console() != null));
            try (Interruption interruption = Interruption.cancelling(runner::cancel)) {
                WarehouseRunStore history = new WarehouseRunStore(engine);
                List<List<ActionResult>> earlierRuns = earlierRuns(history);
                boolean[] startWritten = {false};
                RunResult result = runner.run(plan, earlierRuns, (runId, startedAt) -> {
                    try {
                        history.started(runId, startedAt, commandLine());
                        startWritten[0] = true;
                    } catch (EngineException e) {
                        err.println("warning: the run's start could not be written to " + WarehouseRunStore.SCHEMA + ": " + e.getMessage());
                    }
                });
                try {
                    history.record(result, commandLine());
                } catch (EngineException e) {
                    // the actions' work is committed; only the record of it is missing, and the row of its start stays, as a
                    // killed run's does: say how history lists it
                    err.println("warning: the run history could not be written to " + WarehouseRunStore.SCHEMA + ": " + e.getMessage()
                            + (startWritten[0] ? "\n  so `porygon history` lists run " + result.runId() + " as " + WarehouseRunStore.ABORTED
                            + ", without its actions" : ""));
                }
                out.print(RunProgress.alerts(RunAnomalies.of(result.actions(), earlierRuns)));
                out.flush();
                if (created && result.actions().stream().anyMatch(a -> a.step() == Step.CHECK_SOURCE && a.status() == ActionStatus.FAILED)) {
                    // most likely a mistyped --warehouse: say so before the user loads data into the wrong file
                    err.println("note: " + settings.file() + " did not exist, so this run created it and found no sources in it;"
                            + " check --warehouse (or warehouse.path in porygon.yaml), or load the sources into it");
                }
                if (result.cancelled()) {
                    err.println("run interrupted; finished actions are kept, no table or view was left half-built"
                            + " (an interrupted operation keeps what its statements had done, as on BigQuery)");
                }
                err.flush();
                return result.succeeded() ? 0 : PorygonCli.EXIT_FAILED;
            }
        }
    }

    /** The last runs' actions, whose times order this one's and which its alerts compare it with (an unreadable history only loses that). */
    private static List<List<ActionResult>> earlierRuns(WarehouseRunStore history) {
        try {
            return history.recentActions(RunAnomalies.RECENT_RUNS);
        } catch (EngineException | PorygonException e) {
            return List.of();
        }
    }

    private String commandLine() {
        return typedCommand != null ? typedCommand : typed(spec);
    }

    /** The command line the user typed to run {@code command}. */
    static String typed(CommandSpec command) {
        return "porygon " + String.join(" ", command.commandLine().getParseResult().originalArgs());
    }
}
