package io.porygon.thelook;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.engine.Engine;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

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

    private FileExport() {}

    public static void export(Engine engine, String schema, Path dir, Format format) {
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
            String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : String.valueOf(e.getMessage());
            throw new PorygonException(SourceLocation.of(dir.toString()), "cannot create the directory: " + reason,
                    "write the files into a directory you can write to", e);
        }
        for (RawTable table : RawTables.ALL) {
            Path file = dir.resolve(table.name() + format.extension()).toAbsolutePath();
            String options = format == Format.PARQUET ? "(FORMAT parquet)" : "(FORMAT csv, HEADER true)";
            // in key order: the tables' physical order depends on how they were written (see WriterLanes)
            String key = Sql.ident(table.columns().get(0).name());
            engine.execute("COPY (SELECT * FROM " + Sql.table(schema, table) + " ORDER BY " + key + ") TO "
                    + Sql.literal(file.toString()) + " " + options);
        }
    }
}
