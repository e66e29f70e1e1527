package io.porygon.cli;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.engine.EngineException;
import io.porygon.core.run.DatabaseMapping;
import io.porygon.duckdb.DuckDbEngine;
import io.porygon.duckdb.DuckDbSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Connection settings shared by the commands that open the warehouse. Flags win over the
 * project's {@value WarehouseConfig#FILE}, which wins over the defaults.
 */
public final class WarehouseOptions {
    static final Path DEFAULT_WAREHOUSE = Path.of(".porygon", "warehouse.duckdb");

    @Option(names = "--warehouse", paramLabel = "FILE",
            description = "DuckDB warehouse file (default: .porygon/warehouse.duckdb in the project, or warehouse.path of porygon.yaml).")
    Path warehouse;

    @Option(names = "--memory-limit", paramLabel = "SIZE", description = "DuckDB memory limit, e.g. 4GB (default: DuckDB's, 80%% of RAM).")
    String memoryLimit;

    @Option(names = "--duckdb-threads", paramLabel = "N", description = "Threads DuckDB uses inside one query (default: all cores, split between short actions running at once).")
    Integer duckdbThreads;

    @Option(names = "--database-mapping", paramLabel = "ignore|prefix",
            description = "What the GCP project of a target becomes: ignore (default; one catalog) or prefix (schema <project>_<dataset>).")
    String databaseMapping;

    @Option(names = "--config", paramLabel = "FILE", description = "Settings file (default: porygon.yaml in the project directory, if present).")
    Path config;

    /**
     * The effective settings for a project; {@code fileSetting} is what named the warehouse file, for the hints of an
     * error opening it: {@code --warehouse}, or warehouse.path of the settings file.
     */
    record Resolved(Path file, Integer duckdbThreads, String memoryLimit, DatabaseMapping databaseMapping, Integer runThreads,
            String fileSetting) {
        DuckDbSettings duckDb() {
            return new DuckDbSettings(file, duckdbThreads, memoryLimit);
        }
    }

    Resolved resolve(Path projectDir) {
        WarehouseConfig cfg = loadConfig(config, projectDir);
        if (duckdbThreads != null && !WarehouseConfig.validThreads(duckdbThreads)) {
            throw new PorygonException(SourceLocation.of("--duckdb-threads"), "must be a whole number from 1 to " + WarehouseConfig.MAX_THREADS
                    + ", not " + duckdbThreads, "drop --duckdb-threads to use every core");
        }
        if (memoryLimit != null && !WarehouseConfig.validMemoryLimit(memoryLimit)) {
            throw new PorygonException(SourceLocation.of("--memory-limit"), "must be a size above zero, not '" + memoryLimit + "'",
                    "a number and a unit, for example --memory-limit 4GB or 512MB");
        }
        Path file = warehouse != null ? warehouse.toAbsolutePath()
                : cfg.path() != null ? cfg.path() : projectDir.resolve(DEFAULT_WAREHOUSE);
        String fileSetting = warehouse == null && cfg.path() != null ? "warehouse.path (in " + configFile(config, projectDir) + ")" : "--warehouse";
        return new Resolved(file.normalize(), duckdbThreads != null ? duckdbThreads : cfg.duckdbThreads(),
                memoryLimit != null ? memoryLimit : cfg.memoryLimit(), databaseMapping(databaseMapping, cfg), cfg.runThreads(), fileSetting);
    }

    private static Path configFile(Path config, Path projectDir) {
        return config != null ? config.toAbsolutePath() : projectDir.resolve(WarehouseConfig.FILE);
    }

    /** The settings of {@code --config FILE}, which must exist, else of the project's porygon.yaml, if it has one. */
    static WarehouseConfig loadConfig(Path config, Path projectDir) {
        Path configFile = configFile(config, projectDir);
        if (config != null && !Files.isRegularFile(configFile)) {
            throw new PorygonException(SourceLocation.of(configFile.toString()), "config file not found", "check the --config path");
        }
        return WarehouseConfig.load(configFile);
    }

    /** {@code --database-mapping}, else the settings file's database_mapping, else ignore. */
    static DatabaseMapping databaseMapping(String flag, WarehouseConfig cfg) {
        if (flag != null) return WarehouseConfig.databaseMapping(flag, SourceLocation.of("--database-mapping"));
        return cfg.databaseMapping() != null ? cfg.databaseMapping() : DatabaseMapping.IGNORE;
    }

    /**
     * The options that give another command these settings, for commands that chain others (demo):
     * the resolved values as flags, and {@code --config} when one was given (it also holds run.threads).
     */
    List<String> asArguments(Resolved settings) {
        List<String> args = new ArrayList<>(List.of("--warehouse", settings.file().toString()));
        if (settings.memoryLimit() != null) args.addAll(List.of("--memory-limit", settings.memoryLimit()));
        if (settings.duckdbThreads() != null) args.addAll(List.of("--duckdb-threads", settings.duckdbThreads().toString()));
        args.addAll(List.of("--database-mapping", settings.databaseMapping() == DatabaseMapping.PREFIX_SCHEMA ? "prefix" : "ignore"));
        if (config != null) args.addAll(List.of("--config", config.toAbsolutePath().toString()));
        return args;
    }

    /**
     * For commands that need a warehouse but no project (generate, load, history): with {@code --warehouse}
     * they run anywhere, taking settings from a porygon.yaml in the current directory, if any.
     */
    Resolved resolveWithOptionalProject(ProjectDirectory project) {
        if (warehouse == null) return resolve(project.resolve());
        return resolve(project.find().orElse(Path.of("").toAbsolutePath()));
    }

    /** Opens the warehouse, turning DuckDB's lock error into advice. */
    static DuckDbEngine open(Resolved settings) {
        return open(settings, settings.duckDb());
    }

    /** Opens the warehouse to read it only, as other readers may at the same time. */
    static DuckDbEngine openToRead(Resolved settings) {
        return open(settings, settings.duckDb().asReadOnly());
    }

    private static DuckDbEngine open(Resolved settings, DuckDbSettings duckDb) {
        try {
            return new DuckDbEngine(duckDb);
        } catch (EngineException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage();
            String why = WarehouseInUse.matches(msg) ? WarehouseInUse.message(msg) : firstLine(msg);
            throw new PorygonException(SourceLocation.of(settings.file().toString()), "cannot open the warehouse: " + why,
                    hint(msg, duckDb.readOnly(), settings.fileSetting()), e);
        }
    }

    private static final String CANNOT_READ = "you may not read the file: check its permissions";

    /** What to do about DuckDB's error opening the file named with --warehouse, by what the error says. */
    static String hint(String msg, boolean readOnly) {
        return hint(msg, readOnly, "--warehouse");
    }

    /** What to do about DuckDB's error opening the file that {@code fileSetting} named, by what the error says. */
    static String hint(String msg, boolean readOnly, String fileSetting) {
        if (WarehouseInUse.matches(msg)) return WarehouseInUse.hint(msg, readOnly);
        // a flag is passed, a setting of the file is set
        boolean flag = fileSetting.startsWith("--");
        if (msg.contains("Permission denied")) {
            return readOnly ? CANNOT_READ
                    : "the file is read-only for you: make it writable (chmod u+w), or copy it; `porygon history` and `porygon docs` only read it";
        }
        // DuckDbEngine's own checks of the folder, before DuckDB sees the file
        // EPERM: a folder above is immutable (chattr +i)
        if (msg.contains("where the warehouse and its log") || (msg.contains("cannot create the warehouse's folder")
                && (msg.contains("Read-only file system") || msg.contains("AccessDeniedException") || msg.contains("Operation not permitted")))) {
            return "the folder is read-only for you (or on a read-only file system): "
                    + (flag ? "pass a " + fileSetting + " in" : "set " + fileSetting + " to a file in")
                    + " a folder you can write in, or copy the file there; `porygon history` and `porygon docs` only read it";
        }
        if (msg.contains("cannot create the warehouse's folder") && msg.contains("FileAlreadyExistsException")) {
            return "a file has the name of the warehouse's folder: " + fileSetting + " must name a file inside a folder";
        }
        // an immutable file (EPERM) or a read-only mount (EROFS): as read-only as a file without write permission
        if (msg.contains("Operation not permitted") || msg.contains("Read-only file system")) {
            return readOnly ? CANNOT_READ
                    : "the file cannot be written (immutable, or on a read-only file system): copy it to a folder you can write in and"
                    + (flag ? " pass that with " + fileSetting : " set " + fileSetting + " to the copy")
                    + "; `porygon history` and `porygon docs` only read it";
        }
        if (msg.contains("database file with version number") || msg.contains("storage version")) {
            return "the file was written by a DuckDB version this Porygon cannot read: open it with that DuckDB, EXPORT DATABASE, and IMPORT"
                    + " DATABASE into a new file (or generate and run again into a new file)";
        }
        if (msg.contains("Corrupt database file") || msg.contains("Could not read enough bytes") || msg.contains("checksum")) {
            return "the file is damaged or truncated (a partial copy?): restore it from a backup, or move it away and generate and run again";
        }
        if (msg.contains("Is a directory")) return fileSetting + " names a folder: name a file in it, e.g. warehouse.duckdb";
        if (msg.contains("not a DuckDB database") || msg.contains("not a valid DuckDB database")) {
            return readOnly ? "point " + fileSetting + " at the DuckDB file a run wrote; `porygon history` and `porygon docs` only read it and create none"
                    : "point " + fileSetting + " at a DuckDB file, or at a path where none is yet (a new warehouse is created)";
        }
        return "check " + fileSetting + ", --memory-limit and --duckdb-threads";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
