package io.porygon.duckdb;

import static io.porygon.duckdb.DuckDbEngine.quoteIdent;
import static io.porygon.duckdb.DuckDbEngine.quoteLiteral;
import static io.porygon.duckdb.DuckDbEngine.sqlName;

import io.porygon.core.engine.Engine;
import io.porygon.core.engine.EngineException;
import io.porygon.core.graph.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * Reads an export of a table (CSV, newline-delimited JSON or Parquet, as BigQuery writes them; one file or a glob of
 * shards) into a DuckDB table, as text where the format has no types, so that the caller checks and converts values.
 */
final class FileLoader {
    private final Engine engine;

    FileLoader(Engine engine) {
        this.engine = engine;
    }

    /** See {@link Engine#loadFile}; the target's schema exists. */
    void load(Target target, Path file) {
        String path = quoteLiteral(file.toAbsolutePath().toString());
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String fileColumn = ", filename = " + quoteLiteral(Engine.FILE_COLUMN);
        // EXPORT DATA (uri = '...-*.csv', compression = 'GZIP') names gzipped files .csv (or .json)
        List<Path> files = name.endsWith(".parquet") ? List.of() : filesOf(file);
        files.stream().filter(FileLoader::startsAsGzip).forEach(FileLoader::checkGzip);
        String gzip = !name.endsWith(".gz") && !files.isEmpty() && startsAsGzip(files.get(0)) ? ", compression = 'gzip'" : "";
        if (name.endsWith(".json") || name.endsWith(".json.gz")) {
            loadJson(target, path + gzip, fileColumn);
            return;
        }
        String source = name.endsWith(".parquet")
                ? "read_parquet(" + path + fileColumn + ")"
                // BigQuery's export dialect, fixed: DuckDB's guess from a sample of rows rejects a quoted comma
                // further on, and reads a stray quote as text. BigQuery writes NULL as an empty field and an
                // empty STRING as "": the latter stays an empty string
                : "read_csv(" + path + ", header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"',"
                        + " allow_quoted_nulls = false"
                        + gzip + fileColumn + ")";
        // insertion order is kept (DuckDB's default), so rowid follows the files' rows
        engine.execute("CREATE OR REPLACE TABLE " + sqlName(target) + " AS SELECT * FROM " + source);
    }

    /**
     * Newline-delimited JSON, as BigQuery exports it: every key any record has becomes a text column
     * (BigQuery writes INT64 as strings and leaves NULL values out, so DuckDB's guess of types and
     * columns from a sample would not do).
     */
    private void loadJson(Target target, String path, String fileColumn) {
        List<String> keys = new ArrayList<>();
        for (List<Object> row : engine.queryRows("SELECT DISTINCT unnest(json_keys(json)) AS k FROM read_ndjson_objects(" + path + ") ORDER BY k")) {
            keys.add(String.valueOf(row.get(0)));
        }
        String source = keys.isEmpty()
                ? "(SELECT NULL::VARCHAR AS " + quoteIdent(Engine.FILE_COLUMN) + " WHERE false)"
                : "read_json(" + path + ", format = 'newline_delimited', columns = {"
                        + keys.stream().map(k -> quoteLiteral(k) + ": 'VARCHAR'").collect(Collectors.joining(", ")) + "}" + fileColumn + ")";
        engine.execute("CREATE OR REPLACE TABLE " + sqlName(target) + " AS SELECT * FROM " + source);
    }

    /** The file, or the files the glob matches; none when the folder cannot be read (DuckDB then reports the file). */
    private static List<Path> filesOf(Path file) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> matched = Files.newDirectoryStream(file.toAbsolutePath().getParent(), file.getFileName().toString())) {
            matched.forEach(files::add);
        } catch (IOException | RuntimeException e) {
            // DuckDB reports the file it cannot read
        }
        return files;
    }

    /** Whether a file starts with gzip's magic number; false when it cannot be read (DuckDB then reports it). */
    private static boolean startsAsGzip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Reads a gzipped file to its end and checksum: DuckDB takes a gzip stream cut short (an interrupted download) as
     * ending there, so the rows before the cut would load as the whole table.
     */
    private static void checkGzip(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new EngineException("gzip data cut short or corrupt in " + file.getFileName() + " (" + e.getMessage()
                    + "); download or export the file again", e);
        }
    }
}
