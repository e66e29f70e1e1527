package io.porygon.cli;

import io.porygon.core.compile.project.SettingsOverrides;
import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.graph.Target;
import io.porygon.core.run.WarehouseNames;
import io.porygon.duckdb.DuckDbEngine;
import io.porygon.thelook.RawTables;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code porygon demo}: the whole product in one command. It chains the ordinary commands
 * (generate, run, test) so the demo exercises exactly what users run, then prints a summary.
 */
@Command(
        name = "demo",
        header = "Run the whole Porygon demo on the embedded DuckDB warehouse.",
        mixinStandardHelpOptions = true,
        description = {
            "Run the Porygon \"The Look\" pipeline end to end on the embedded DuckDB warehouse: "
                    + "generate the raw tables (scale 1 by default) into a fresh warehouse, run every action with its "
                    + "assertions, run the unit tests, print a summary (rows per table, assertions, top categories "
                    + "by profit), and write the docs site with lineage and the BI dashboard (`porygon docs`).",
            "When the warehouse already holds data, the demo instead advances it by one day "
                    + "(`generate --advance 1d`: new activity plus late updates) and runs incrementally."
        },
        footer = {"", "Exit codes: 0 everything passed; 1 an action, assertion or test failed; 2 usage, configuration or compile error."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--scale", paramLabel = "FACTOR", defaultValue = "1", description = "Scale factor of a fresh warehouse (1 ≈ the public row counts). Default: ${DEFAULT-VALUE}.")
    double scale;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Generator seed. Default: ${DEFAULT-VALUE}.")
    long seed;

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
        // checked here, before the project is compiled: the error then names the demo, not the generate it runs
        ScaleFactor.check(scale, "demo");
        Path dir = project.resolve();
        WarehouseOptions.Resolved settings = warehouse.resolve(dir);
        // every step gets the demo's warehouse settings, not only its file
        List<String> common = warehouse.asArguments(settings);
        // compiled first: a broken project fails in a second, not after generating the data
        CompiledGraph graph = ProjectGraph.compileOrReport(dir, SettingsOverrides.NONE, spec.commandLine().getErr());
        if (graph == null) return PorygonCli.EXIT_USAGE;
        WarehouseNames names = new WarehouseNames(settings.databaseMapping(), graph.projectConfig().defaultSchema());
        // where the pipeline's declarations read the raw tables under the demo's database mapping
        String rawSchema = RawTablesSchema.of(graph, names).orElse(RawTables.DEFAULT_SCHEMA);

        boolean fresh = !hasRawData(settings, RawTablesSchema.table(rawSchema, RawTables.EVENTS));
        if (!fresh) warnIfNotApplied(settings.file());
        List<String> generate = new ArrayList<>(List.of("generate", "--schema", rawSchema));
        generate.addAll(fresh ? List.of("--scale", ScaleFactor.plain(scale), "--seed", String.valueOf(seed)) : List.of("--advance", "1d"));
        banner(out, fresh ? "Generating The Look at scale " + ScaleFactor.plain(scale) : "Advancing the data by one day");
        int status = step(generate, common, dir);
        if (status != 0) return status;

        banner(out, fresh ? "Running the pipeline (full build)" : "Running the pipeline (incremental)");
        int runStatus = step(List.of("run"), common, dir);
        if (runStatus == PorygonCli.EXIT_USAGE) return runStatus;

        banner(out, "Running the unit tests");
        int testStatus = step(List.of("test"), common, dir);

        banner(out, "Writing the docs, lineage and dashboard");
        int docsStatus = step(List.of("docs"), common, dir);

        banner(out, "Summary");
        try (DuckDbEngine engine = WarehouseOptions.open(settings)) {
            new DemoSummary(engine, out, DemoSummary.tablesOf(graph, names)).print();
        }
        return Math.max(Math.max(runStatus, testStatus), docsStatus);
    }

    private boolean hasRawData(WarehouseOptions.Resolved settings, Target rawEvents) {
        if (!Files.exists(settings.file())) return false;
        try (DuckDbEngine engine = WarehouseOptions.open(settings)) {
            return engine.exists(rawEvents);
        }
    }

    /** --scale and --seed only shape a fresh warehouse; a user who gave them must not think they took effect. */
    private void warnIfNotApplied(Path file) {
        List<String> given = List.of("--scale", "--seed").stream()
                .filter(spec.commandLine().getParseResult()::hasMatchedOption).toList();
        if (given.isEmpty()) return;
        PrintWriter err = spec.commandLine().getErr();
        err.println("note: " + String.join(" and ", given) + (given.size() == 1 ? " was" : " were") + " not applied: " + file
                + " already holds The Look's data, so the demo advances it by one day; to start fresh, delete that file or pass another --warehouse");
        err.flush();
    }

    /** Runs one porygon command in this process, with the demo's output streams. */
    private int step(List<String> command, List<String> options, Path projectDir) {
        List<String> args = new ArrayList<>(command);
        args.addAll(options);
        if (debug.enabled) args.add("--debug");
        args.add(projectDir.toString());
        CommandLine cli = PorygonCli.commandLine();
        // the run history records what the user ran: this demo, not its run step
        RunCommand run = cli.getSubcommands().get("run").getCommand();
        run.typedCommand = RunCommand.typed(spec);
        cli.setOut(spec.commandLine().getOut());
        cli.setErr(spec.commandLine().getErr());
        return cli.execute(args.toArray(String[]::new));
    }

    private static void banner(PrintWriter out, String title) {
        out.println();
        out.println("== " + title);
        out.flush();
    }
}
