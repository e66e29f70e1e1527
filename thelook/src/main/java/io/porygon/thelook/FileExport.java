package io.porygon.thelook;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.engine.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
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
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
