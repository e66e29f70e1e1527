package io.porygon.cli;

import io.porygon.duckdb.DuckDbEngine;
import io.porygon.thelook.GenerationSummary;
import io.porygon.thelook.RawTables;
import io.porygon.thelook.TheLookLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code porygon load}: loads source data from files into the warehouse. */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = "Load source data from files into the warehouse.",
        subcommands = {LoadCommand.TheLook.class})
public final class LoadCommand {

    /** {@code porygon load thelook --from DIR}. */
    @Command(
            name = "thelook",
            mixinStandardHelpOptions = true,
            description = {
                "Loads the real The Look tables, exported from BigQuery's public dataset as CSV, newline-delimited JSON "
                        + "or Parquet (CSV and JSON gzipped or not), into the source schema.",
                "DIR holds one file per table (users.csv, users.json or users.parquet, ...) or BigQuery's sharded export "
                        + "(users-000000000000.csv, ...).",
                "Columns are checked first: nothing is replaced unless all seven tables have their public columns "
                        + "with values of the right types, and keys on one row each."},
            footer = {"", "Exit codes: 0 loaded; 1 the warehouse failed; 2 usage or configuration error, or files that do not fit (nothing is replaced then)."})
    static final class TheLook implements Callable<Integer> {
        @Option(names = "--from", required = true, paramLabel = "DIR", description = "Folder with the exported files.")
        Path from;

        @Option(names = "--schema", paramLabel = "NAME", description = "Schema (BigQuery dataset) to load into. Default: the schema the "
                + "project's declarations read the raw tables from (" + RawTables.DEFAULT_SCHEMA + " unless the database mapping is prefix).")
        String schema;

        @Mixin WarehouseOptions warehouse;

        @Mixin ProjectConfigOptions projectConfig;

        @Mixin DebugOption debug;

        @Mixin ProjectDirectory project;

        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            WarehouseOptions.Resolved settings = warehouse.resolveWithOptionalProject(project);
            String rawSchema = RawTablesSchema.resolve(schema, warehouse, project, settings, projectConfig.overrides(), spec.commandLine().getErr());
            TheLookLoader.checkSchema(rawSchema);
            TheLookLoader.checkFolder(from);
            try (WarehouseWriteStop stop = WarehouseWriteStop.start(); DuckDbEngine engine = stop.watch(WarehouseOptions.open(settings))) {
                GenerationSummary summary = stop.complete("load", () -> new TheLookLoader().load(engine, from, rawSchema, stop::requested),
                        spec.commandLine().getErr());
                if (summary == null) return 130;
                spec.commandLine().getOut().print(summary.render());
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }
}
