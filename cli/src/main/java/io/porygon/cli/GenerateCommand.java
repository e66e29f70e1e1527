package io.porygon.cli;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.duckdb.DuckDbEngine;
import io.porygon.duckdb.DuckDbSettings;
import io.porygon.thelook.AdvanceSummary;
import io.porygon.thelook.DayAdvance;
import io.porygon.thelook.FileExport;
import io.porygon.thelook.GenerateOptions;
import io.porygon.thelook.GenerationSummary;
import io.porygon.thelook.Progress;
import io.porygon.thelook.RawTables;
import io.porygon.thelook.TheLookGenerator;
import io.porygon.thelook.WorkDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code porygon generate}: synthetic The Look raw tables, into the warehouse or to files. */
@Command(
        name = "generate",
        header = "Generate The Look's raw tables, or advance them by a period.",
        mixinStandardHelpOptions = true,
        description = {
            "Generates The Look's seven raw tables (users, products, distribution_centers, orders, order_items, "
                    + "inventory_items, events) with the public schema into the warehouse, or to files with --out.",
            "The output is byte-identical for the same --seed, --scale and --as-of, whatever --threads is.",
            "With --advance, appends the next period of activity to an existing warehouse, adds late events and "
                    + "updates earlier orders (shipped, delivered, returned) as the live dataset does. The period starts where "
                    + "the last generate or advance ended (recorded in porygon_meta.thelook_clock), or, for tables without "
                    + "that record (loaded ones), after their latest timestamp."},
        footer = {"", "Exit codes: 0 generated; 2 usage or configuration error; 130 (Ctrl-C) or 143 (SIGTERM) when stopped, as for any"
                + " process a signal stops: the warehouse's tables, or the files in --out, are then as they were."})
public final class GenerateCommand implements Callable<Integer> {
    /** generate --out's scratch warehouses in the temp folder. */
    static final String SCRATCH_PREFIX = "porygon-generate";

    @Option(names = "--scale", paramLabel = "FACTOR", defaultValue = "1", description = "Scale factor: 1 is about the public row counts (100k users, 2.5M events); 0.01 for tests. Default: ${DEFAULT-VALUE}.")
    double scale;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", converter = CalendarDay.class, description = "\"Now\" of the calendar: activity covers the five years before this day (UTC). Default: today.")
    LocalDate asOf;

    @Option(names = "--threads", paramLabel = "N", description = "Generator threads (the output does not depend on it). Default: the number of processors.")
    Integer threads;

    @Option(names = "--schema", paramLabel = "NAME", description = "Schema of the raw tables in the warehouse. Default: the schema the project's "
            + "declarations of the raw tables read under the database mapping (e.g. " + RawTables.DEFAULT_SCHEMA + "), else "
            + RawTables.DEFAULT_SCHEMA + ".")
    String schema;

    @Option(names = "--out", paramLabel = "DIR", description = "Write one file per table into DIR instead of the warehouse.")
    Path out;

    @Option(names = "--format", paramLabel = "parquet|csv", defaultValue = "parquet", description = "File format for --out: parquet or csv. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--advance", paramLabel = "DURATION", description = "Append the next DURATION of activity (e.g. 1d, 12h, 30m) to the existing warehouse and update earlier rows.")
    String advance;

    @Option(names = "--no-progress", description = "Do not draw the progress bar.")
    boolean noProgress;

    @Mixin WarehouseOptions warehouse;

    @Mixin ProjectConfigOptions projectConfig;

    @Mixin DebugOption debug;

    @Mixin ProjectDirectory project;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        if (schema != null && schema.isBlank()) {
            throw usage("--schema needs a schema name, got an empty one", "name one, e.g. --schema " + RawTables.DEFAULT_SCHEMA
                    + ", or drop --schema to use the schema the project reads");
        }
        if (advance != null) {
            for (String option : List.of("--out", "--format", "--scale", "--as-of", "--threads")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw usage("--advance continues the data already in the warehouse; " + option + " does not apply",
                            "drop " + option + ", or generate anew without --advance");
                }
            }
            Duration period = parseDuration(advance);
            WarehouseOptions.Resolved settings = warehouse.resolveWithOptionalProject(project);
            if (!Files.exists(settings.file())) {
                // opening would create an empty warehouse file
                throw new PorygonException(SourceLocation.of(settings.file().toString()), "cannot advance: the warehouse does not exist",
                        "generate the data first: porygon generate --scale 0.1");
            }
            String rawSchema = RawTablesSchema.resolve(schema, warehouse, project, settings, projectConfig.overrides(), spec.commandLine().getErr());
            try (WarehouseWriteStop stop = WarehouseWriteStop.start(); DuckDbEngine engine = stop.watch(WarehouseOptions.open(settings))) {
                AdvanceSummary summary = stop.complete("generate", () -> new DayAdvance().advance(engine, rawSchema, seed, period, stop::requested),
                        spec.commandLine().getErr());
                if (summary == null) return 130;
                stdout.print(summary.render(rawSchema));
                stdout.flush();
            }
            return 0;
        }
        ScaleFactor.check(scale, "generate");
        if (out != null && out.toString().isBlank()) {
            // an empty --out "$DIR" would write into the current directory
            throw usage("--out needs a directory, got an empty name", "name the directory, e.g. --out data/ (it is created when missing)");
        }
        if (out == null && spec.commandLine().getParseResult().hasMatchedOption("--format")) {
            throw usage("--format is the format of the files --out writes; without --out the tables go into the warehouse",
                    "add --out DIR, or drop --format");
        }
        if (threads != null && !WarehouseConfig.validThreads(threads)) {
            throw usage("--threads must be a whole number from 1 to " + WarehouseConfig.MAX_THREADS + ", got " + threads, "drop --threads to use every processor");
        }
        LocalDate calendarNow = asOf != null ? asOf : LocalDate.now(ZoneOffset.UTC);
        int generatorThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        long startNanos = System.nanoTime();
        GenerationSummary summary;
        GenerateOptions options;
        if (out == null) {
            WarehouseOptions.Resolved settings = warehouse.resolveWithOptionalProject(project);
            options = new GenerateOptions(seed, scale, calendarNow, generatorThreads,
                    RawTablesSchema.resolve(schema, warehouse, project, settings, projectConfig.overrides(), spec.commandLine().getErr()));
            try (DuckDbEngine engine = WarehouseOptions.open(settings)) {
                AtomicBoolean stop = new AtomicBoolean();
                try (Interruption interruption = Interruption.cancelling(() -> stop.set(true))) {
                    try {
                        summary = new TheLookGenerator().generate(engine, options, progress(), stop::get);
                        if (stop.get()) sayCompletedAfterStop(summary, "replaced the raw tables in schema " + options.schema());
                    } catch (CancellationException e) {
                        // said before the interruption closes: the JVM exits as soon as it does
                        spec.commandLine().getErr().println("generate stopped: the warehouse's tables are as they were");
                        spec.commandLine().getErr().flush();
                        return 130;
                    }
                }
            }
        } else {
            warnOfWarehouseOptions(spec.commandLine().getErr());
            // files are named by table; the schema only names the scratch warehouse's
            options = new GenerateOptions(seed, scale, calendarNow, generatorThreads, schema != null ? schema : RawTables.DEFAULT_SCHEMA);
            summary = generateFiles(options);
            if (summary == null) return 130;
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        stdout.print(summary.render());
        stdout.printf(Locale.ROOT, "generated %,d rows in %.2f s (%,.0f rows/s), seed %d, scale %s, as of %s%s%n",
                summary.totalRows(), seconds, summary.totalRows() / seconds, seed, ScaleFactor.plain(scale), options.asOf(),
                out == null ? ", schema " + options.schema() : "");
        return 0;
    }

    /** Options of the warehouse that --out leaves aside, named rather than refused: scripts pass --warehouse to every command. */
    private static final List<String> WAREHOUSE_ONLY = List.of("--warehouse", "--schema", "--memory-limit", "--duckdb-threads",
            "--database-mapping", "--config");

    private void warnOfWarehouseOptions(PrintWriter err) {
        List<String> given = WAREHOUSE_ONLY.stream().filter(spec.commandLine().getParseResult()::hasMatchedOption).toList();
        if (given.isEmpty()) return;
        err.println("warning: " + String.join(", ", given) + (given.size() == 1 ? " does" : " do")
                + " not apply with --out, which writes the tables to files; ignored");
    }

    /** The files' summary, or null when Ctrl-C stopped the generate (it said so, and left no scratch warehouse behind). */
    private GenerationSummary generateFiles(GenerateOptions options) {
        FileExport.Format fileFormat;
        try {
            fileFormat = FileExport.Format.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw usage("unknown --format " + format, "use parquet or csv");
        }
        // before generating, which takes minutes at scale 1: a file or an unwritable place at --out
        OutputDirectory.prepare("--out", out.toAbsolutePath().normalize());
        // the scratch warehouse is as large as the data: one a killed generate left in the temp folder goes first
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        WorkDirectory.removeAbandoned(tmp, SCRATCH_PREFIX);
        // Ctrl-C stops the generator at its next block, or the export before its next file or its moves, and waits for the scratch warehouse to be deleted
        AtomicBoolean stop = new AtomicBoolean();
        try (Interruption interruption = Interruption.cancelling(() -> stop.set(true));
                WorkDirectory scratch = createScratch(tmp)) {
            try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(scratch.path().resolve("scratch.duckdb")))) {
                GenerationSummary summary = new TheLookGenerator().generate(engine, options, progress(), stop::get);
                FileExport.export(engine, options.schema(), out, fileFormat, stop::get);
                if (stop.get()) sayCompletedAfterStop(summary, "were written to " + out);
                return summary;
            } catch (CancellationException e) {
                // said before the interruption closes: the JVM exits as soon as it does
                spec.commandLine().getErr().println("generate stopped: no files were written to " + out);
                spec.commandLine().getErr().flush();
                return null;
            }
        }
    }

    private static WorkDirectory createScratch(Path tmp) {
        try {
            return WorkDirectory.create(tmp, SCRATCH_PREFIX);
        } catch (IOException e) {
            throw new PorygonException(SourceLocation.of(tmp.toString()), "cannot create the scratch warehouse in the temp folder: " + e.getMessage(),
                    "free space there, or give Java another temp folder: -Djava.io.tmpdir=DIR (./porygon takes it in PORYGON_JAVA_OPTS)", e);
        }
    }

    /**
     * A Ctrl-C that came after the last point where the work could stop (during the swap of the tables, or the moves of
     * the files): the work is done, which the user must not take for a stopped generate. Said before the interruption
     * closes, as the JVM exits as soon as it does (the summary after it may not be printed).
     */
    private void sayCompletedAfterStop(GenerationSummary summary, String outcome) {
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "generate completed before the stop took effect: its %,d rows %s%n", summary.totalRows(), outcome);
        err.flush();
    }

    private Progress progress() {
        if (noProgress || System.console() == null) return Progress.NONE;
        PrintWriter err = spec.commandLine().getErr();
        return (done, total) -> {
            int width = 30;
            int filled = (int) (width * done / Math.max(1, total));
            err.printf(Locale.ROOT, "\r[%s%s] %3d%%  users %,d/%,d", "#".repeat(filled), " ".repeat(width - filled), 100 * done / Math.max(1, total), done, total);
            if (done >= total) err.println();
            err.flush();
        };
    }

    /**
     * Reads {@code --as-of}. Picocli's own conversion would print the Java class and exception
     * ({@code cannot convert '2025-13-01' to class java.time.LocalDate (java.time.format.DateTimeParseException: ...)}).
     */
    static final class CalendarDay implements ITypeConverter<LocalDate> {
        static final LocalDate FIRST_AS_OF = LocalDate.of(1 + GenerateOptions.HISTORY_YEARS, 1, 1);
        static final LocalDate LAST_AS_OF = LocalDate.of(9999, 12, 31);

        @Override
        public LocalDate convert(String value) {
            LocalDate day;
            try {
                day = LocalDate.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a calendar day; write it as YYYY-MM-DD, e.g. 2025-06-01");
            }
            // the calendar is the five years before the day, and BigQuery's TIMESTAMP holds the years 1 to 9999
            if (day.isBefore(FIRST_AS_OF) || day.isAfter(LAST_AS_OF)) {
                throw new TypeConversionException("'" + value + "' is outside the years BigQuery's timestamps hold with the five years"
                        + " before it; write a day from " + FIRST_AS_OF + " to " + LAST_AS_OF);
            }
            return day;
        }
    }

    /** The longest advance: a year of activity is already millions of rows at scale 1; longer ones go in steps. */
    static final Duration MAX_ADVANCE = Duration.ofDays(366);

    /** {@code 1d}, {@code 12h}, {@code 30m}, or an ISO-8601 duration such as {@code PT6H}. */
    static Duration parseDuration(String text) {
        Duration d = readDuration(text);
        if (d.isZero() || d.isNegative()) throw usage("--advance must be a positive duration, got " + text, "write e.g. 1d, 12h or 30m");
        if (d.compareTo(Duration.ofNanos(1000)) < 0) {
            // the data's timestamps count microseconds: a shorter period would not move the clock
            throw usage("--advance must be at least a microsecond, got " + text, "write e.g. 1d, 12h or 30m");
        }
        if (d.compareTo(MAX_ADVANCE) > 0) {
            throw usage("--advance may be at most 366d, got " + text, "advance in several steps, e.g. --advance 366d more than once");
        }
        return d;
    }

    private static Duration readDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.matches("\\d+[dhm]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                return switch (t.charAt(t.length() - 1)) {
                    case 'd' -> Duration.ofDays(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofMinutes(n);
                };
            }
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw usage("cannot read --advance " + text + " as a duration", "write e.g. 1d, 12h or 30m");
        }
    }

    private static PorygonException usage(String message, String hint) {
        return new PorygonException(SourceLocation.of("porygon generate"), message, hint);
    }

}
