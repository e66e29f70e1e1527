package io.porygon.thelook;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.engine.Engine;
import io.porygon.core.engine.EngineException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Writes the raw tables of a warehouse to one file per table ({@code users.parquet}, ...), in the
 * layout {@link TheLookLoader} reads back. Uses DuckDB's COPY, so it needs a DuckDB engine; the
 * generator's {@code --out} runs against a scratch DuckDB file.
 */
public final class FileExport {
    public enum Format {
        PARQUET, CSV;

        public String extension() {
            return "." + name().toLowerCase(Locale.ROOT);
        }
    }

    /** Hidden, so a listing of the directory shows the tables only. */
    static final String STAGING_PREFIX = ".porygon-export-";

    private FileExport() {}

    public static void export(Engine engine, String schema, Path dir, Format format) {
        export(engine, schema, dir, format, () -> false);
    }

    /**
     * As {@link #export(Engine, String, Path, Format)}; once {@code stopped} says so (a Ctrl-C), throws a
     * CancellationException before the next file, or before the files are moved into place: the directory is then
     * left as it was.
     */
    public static void export(Engine engine, String schema, Path dir, Format format, BooleanSupplier stopped) {
        if (!engine.dialect().equals("duckdb")) {
            throw new PorygonException(SourceLocation.of(dir.toString()), "exporting files needs the DuckDB engine",
                    "generate into DuckDB, or drop --out");
        }
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing != null && !Files.isDirectory(existing)) {
            // the directory, or one of its parents, is a file: the caller chose the wrong place
            throw new PorygonException(SourceLocation.of(dir.toString()), "not a directory: " + existing + " is a file",
                    "write the files into a directory (it is created when missing), or move the file away");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new PorygonException(SourceLocation.of(dir.toString()), "cannot create the directory: " + reason(e),
                    "write the files into a directory you can write to", e);
        }
        List<Path> targets = RawTables.ALL.stream().map(table -> dir.resolve(table.name() + format.extension()).toAbsolutePath()).toList();
        for (Path target : targets) {
            if (Files.isDirectory(target)) {
                throw new PorygonException(SourceLocation.of(target.toString()), "cannot write the file: a directory of that name is in the way",
                        "move the directory away, or write the files into another directory");
            }
        }
        String options = format == Format.PARQUET ? "(FORMAT parquet)" : "(FORMAT csv, HEADER true)";
        // Written aside first and moved into place once all seven are, so a failure (a full disk, ...) leaves the
        // directory's earlier files as they were instead of mixing old and new tables. A staging directory that a killed
        // export left (kill -9 skips the clean-up) is removed first; one that an export still running uses is kept.
        WorkDirectory.removeAbandoned(dir, STAGING_PREFIX);
        try (WorkDirectory staging = createStaging(dir)) {
            for (int i = 0; i < targets.size(); i++) {
                throwIfStopped(stopped);
                RawTable table = RawTables.ALL.get(i);
                Path target = targets.get(i);
                // in key order: the tables' physical order depends on how they were written (see WriterLanes)
                String key = Sql.ident(table.columns().get(0).name());
                try {
                    engine.execute("COPY (SELECT * FROM " + Sql.table(schema, table) + " ORDER BY " + key + ") TO "
                            + Sql.literal(staging.path().resolve(target.getFileName()).toString()) + " " + options);
                } catch (EngineException e) {
                    throw new PorygonException(SourceLocation.of(target.toString()), "cannot write the file: " + e.reason(),
                            "check the free space and the permissions of " + dir + "; its earlier files are unchanged", e);
                }
            }
            throwIfStopped(stopped);
            for (Path target : targets) move(staging.path().resolve(target.getFileName()), target);
        }
    }

    private static void throwIfStopped(BooleanSupplier stopped) {
        if (stopped.getAsBoolean()) throw new CancellationException("export stopped");
    }

    private static WorkDirectory createStaging(Path dir) {
        try {
            return WorkDirectory.create(dir, STAGING_PREFIX);
        } catch (IOException e) {
            throw new PorygonException(SourceLocation.of(dir.toString()), "cannot write into the directory: " + reason(e),
                    "write the files into a directory you can write to", e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new PorygonException(SourceLocation.of(to.toString()), "cannot replace the file: " + reason(e),
                    "check the permissions of " + to.getParent(), e);
        }
    }

    private static String reason(IOException e) {
        return e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : String.valueOf(e.getMessage());
    }
}
