package io.porygon.thelook;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.engine.Column;
import io.porygon.core.engine.Engine;
import io.porygon.core.graph.Target;
import io.porygon.thelook.RawTable.BigQueryType;
import io.porygon.thelook.RawTable.RawColumn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code porygon load thelook --from DIR}: loads the real tables, exported from the public dataset
 * as CSV, newline-delimited JSON or Parquet, into the source schema. Each table is one file ({@code users.csv},
 * {@code users.parquet}) or BigQuery's sharded export ({@code users-000000000000.csv}, ...). Every
 * file is staged first and checked against the public columns; nothing is replaced unless all seven
 * tables pass, and the report names every missing column and every value that is not of its type.
 */
public final class TheLookLoader {
    static final String STAGING = "porygon_staging";
    private static final Set<String> INTEGERS = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
            "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT");

    /**
     * The checks that need no warehouse, which the command runs before opening it (that would create an empty
     * warehouse for a load that cannot work): the folder, and that it holds a file of at least one table. When
     * some have files, their columns are checked by {@link #load} so that every problem is reported at once.
     */
    public static void checkFolder(Path dir) {
        checkDirectory(dir);
        List<String> problems = new ArrayList<>();
        boolean none = true;
        for (RawTable table : RawTables.ALL) none &= sourceOf(dir, table, problems) == null;
        if (none) throw mismatch(dir, problems);
    }

    /** Refuses the staging schema as the target: it is dropped once the load is done, with the tables loaded there. */
    public static void checkSchema(String schema) {
        if (schema.equalsIgnoreCase(STAGING)) {
            throw new PorygonException(SourceLocation.of("--schema"), "schema " + schema + " is where load stages the files,"
                    + " and it is dropped when the load ends", "name another schema, e.g. --schema " + RawTables.DEFAULT_SCHEMA
                    + ", or drop --schema to use the one the project reads");
        }
    }

    private static void checkDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            boolean file = Files.exists(dir);
            throw new PorygonException(SourceLocation.of(dir.toString()), file ? "is a file, not a directory" : "no such directory",
                    "pass the folder holding users.csv (or .parquet) and the other six tables to --from"
                            + (file ? ", not one file: " + dir.toAbsolutePath().getParent() : ""));
        }
    }

    private static PorygonException mismatch(Path dir, List<String> problems) {
        return new PorygonException(SourceLocation.of(dir.toString()),
                "the files do not match The Look's public tables:\n    " + String.join("\n    ", problems),
                "export the seven tables with their public columns; README.md (Data) shows the layout, as does `porygon generate --out DIR`");
    }

    public GenerationSummary load(Engine engine, Path dir, String schema) {
        return load(engine, dir, schema, () -> false);
    }

    /**
     * As above; once {@code stopped} says so (a Ctrl-C, which also cancels the file being read), throws a
     * CancellationException before the next step, and drops what was staged.
     */
    public GenerationSummary load(Engine engine, Path dir, String schema, BooleanSupplier stopped) {
        checkSchema(schema);
        checkDirectory(dir);
        List<String> problems = new ArrayList<>();
        Map<RawTable, List<String>> selects = new LinkedHashMap<>();
        GenerationSummary loaded = null;
        try {
            for (RawTable table : RawTables.ALL) {
                // a cancelled read or check is reported as the file's problem: the stop goes first
                TheLookGenerator.throwIfStopped(stopped);
                Path source = sourceOf(dir, table, problems);
                if (source == null) continue;
                Target staged = new Target(null, STAGING, table.name());
                try {
                    engine.loadFile(staged, source);
                } catch (RuntimeException e) {
                    problems.add(source.getFileName() + ": cannot be read: " + readError(e.getMessage()));
                    continue;
                }
                List<String> select = check(engine, staged, table, source.getFileName().toString(), problems);
                if (select != null) selects.put(table, select);
            }
            TheLookGenerator.throwIfStopped(stopped);
            if (!problems.isEmpty()) throw mismatch(dir, problems);
            engine.execute("BEGIN TRANSACTION");
            try {
                engine.ensureSchema(RawTables.USERS.target(schema));
                for (var e : selects.entrySet()) {
                    engine.execute("CREATE OR REPLACE TABLE " + Sql.table(schema, e.getKey()) + " AS SELECT "
                            + String.join(", ", e.getValue()) + " FROM " + Sql.table(STAGING, e.getKey().name()));
                }
                // counted before the COMMIT: once it is done, a stop must find nothing left that could fail
                Map<String, Long> rows = new LinkedHashMap<>();
                for (RawTable table : RawTables.ALL) {
                    rows.put(table.name(), Sql.asLong(engine.queryRows("SELECT count(*) FROM " + Sql.table(schema, table)).get(0).get(0)));
                }
                TheLookGenerator.throwIfStopped(stopped);
                engine.execute("COMMIT");
                loaded = new GenerationSummary(rows, Map.of());
            } finally {
                if (loaded == null) TheLookGenerator.rollbackQuietly(engine);
            }
        } finally {
            dropStaging(engine, loaded != null);
        }
        return loaded;
    }

    /** After a load that committed, a failure to drop what it staged (a stop interrupting the DROP) is no failure of the load. */
    private static void dropStaging(Engine engine, boolean loaded) {
        try {
            engine.execute("DROP SCHEMA IF EXISTS " + Sql.ident(STAGING) + " CASCADE");
        } catch (RuntimeException e) {
            if (!loaded) throw e;
        }
    }

    /** The file (or glob of shards) holding a table, or null after noting the problem. */
    private static Path sourceOf(Path dir, RawTable table, List<String> problems) {
        Pattern name = Pattern.compile(Pattern.quote(table.name()) + "([-_][0-9]+)?\\.(parquet|csv|csv\\.gz|json|json\\.gz)");
        Pattern other = Pattern.compile(Pattern.quote(table.name()) + "([-_][0-9]+)?\\.[^.]+(\\.[^.]+)?");
        List<String> unread;
        List<Path> all;
        List<Path> matches;
        try (Stream<Path> files = Files.list(dir)) {
            all = files.sorted().toList();
            matches = all.stream().filter(p -> name.matcher(p.getFileName().toString()).matches()).toList();
            unread = all.stream().map(p -> p.getFileName().toString())
                    .filter(f -> other.matcher(f).matches() && !name.matcher(f).matches()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> empty = matches.stream().filter(TheLookLoader::isEmpty).map(p -> p.getFileName().toString()).toList();
        if (!empty.isEmpty()) {
            // only a CSV has a header line to export
            boolean csv = empty.stream().allMatch(f -> f.endsWith(".csv") || f.endsWith(".csv.gz"));
            problems.add(String.join(", ", empty) + ": empty file (0 bytes); export " + table.name() + " again"
                    + (csv ? ", with its header line" : ""));
            return null;
        }
        if (matches.isEmpty()) {
            problems.add(table.name() + ": no file (expected " + table.name() + ".csv, " + table.name() + ".json, " + table.name()
                    + ".parquet, gzipped .csv.gz or .json.gz, or shards such as " + table.name() + "-000000000000.csv or "
                    + table.name() + "-000000000000.parquet)"
                    + (unread.isEmpty() ? "" : "; " + String.join(", ", unread) + " cannot be read: export as CSV, JSON or Parquet"
                            + " (Avro is not read)"));
            return null;
        }
        if (matches.size() == 1) return matches.get(0);
        Set<String> extensions = matches.stream().map(p -> extension(p.getFileName().toString())).collect(Collectors.toSet());
        boolean sharded = matches.stream().noneMatch(p -> p.getFileName().toString().startsWith(table.name() + "."));
        // one glob reads the shards: users-0.csv beside users_1.csv would leave one of them out
        long separators = matches.stream().map(p -> p.getFileName().toString().charAt(table.name().length())).distinct().count();
        if (extensions.size() > 1 || separators > 1 || !sharded) {
            problems.add(table.name() + ": several files (" + matches.stream().map(p -> p.getFileName().toString())
                    .collect(Collectors.joining(", ")) + "); keep one file or one set of shards");
            return null;
        }
        String first = matches.get(0).getFileName().toString();
        String glob = table.name() + first.charAt(table.name().length()) + "*" + extension(first);
        // the glob also reads files not named as shards, such as a second download "users-000000000001 (1).csv"
        PathMatcher shards = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        List<String> strays = all.stream().filter(p -> shards.matches(p.getFileName()) && !matches.contains(p))
                .map(p -> p.getFileName().toString()).toList();
        if (!strays.isEmpty()) {
            problems.add(String.join(", ", strays) + ": not named as a shard of " + table.name() + " (" + table.name()
                    + first.charAt(table.name().length()) + "000000000000" + extension(first) + ", ...), but " + glob
                    + " would read it with the shards; remove or rename it");
            return null;
        }
        return dir.resolve(glob);
    }

    private static boolean isEmpty(Path file) {
        try {
            return Files.size(file) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String extension(String fileName) {
        if (fileName.endsWith(".csv.gz")) return ".csv.gz";
        if (fileName.endsWith(".json.gz")) return ".json.gz";
        return fileName.substring(fileName.lastIndexOf('.'));
    }

    /**
     * Checks a staged table's columns against the public ones and returns the select list that
     * converts them, or null when something is missing or mistyped (noted in {@code problems}).
     */
    private static List<String> check(Engine engine, Target staged, RawTable table, String file, List<String> problems) {
        // matched case-insensitively: exports from other tools may capitalise headers
        Map<String, String> actual = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (Column c : engine.columns(staged)) {
            if (c.name().equals(Engine.FILE_COLUMN)) continue;
            actual.put(c.name().toLowerCase(Locale.ROOT), c.name());
            types.put(c.name().toLowerCase(Locale.ROOT), c.type().toUpperCase(Locale.ROOT));
        }
        int before = problems.size();
        List<String> select = new ArrayList<>();
        // BigQuery's JSON leaves NULL values out, so a column no record has is NULL; but not the key, and
        // not most of the columns (a file of another table)
        boolean json = file.endsWith(".json") || file.endsWith(".json.gz");
        long present = table.columns().stream().filter(c -> actual.containsKey(c.name())).count();
        boolean nullsLeftOut = json && actual.containsKey(table.columns().get(0).name()) && 2 * present >= table.width();
        for (RawColumn column : table.columns()) {
            String sourceName = actual.get(column.name());
            if (sourceName == null && nullsLeftOut) {
                select.add("CAST(NULL AS " + column.type().duckDbType() + ") AS " + Sql.ident(column.name()));
                continue;
            }
            if (sourceName == null) {
                problems.add(file + ": missing column " + column.name() + " (" + column.type() + ")");
                continue;
            }
            String type = types.get(column.name());
            String source = Sql.ident(sourceName);
            if (!accepts(column.type(), type)) {
                if (!type.equals("VARCHAR")) {
                    problems.add(file + ": column " + column.name() + " is " + type + ", expected " + column.type());
                    continue;
                }
                String bad = badValues(engine, staged, source, column.type(), file);
                if (bad != null) {
                    problems.add(file + ": column " + column.name() + " holds values that are not " + column.type() + ": " + bad);
                    continue;
                }
            }
            select.add(convert(source, column.type()) + " AS " + Sql.ident(column.name()));
        }
        if (problems.size() != before) return null;
        RawColumn key = table.columns().get(0);
        String twice = duplicateKeys(engine, staged, convert(Sql.ident(actual.get(key.name())), key.type()));
        if (twice == null) return select;
        problems.add(file + ": column " + key.name() + " holds " + twice + "; a key of The Look is on one row only:"
                + " was a row or a file exported twice?");
        return null;
    }

    /** Keys on more than one row, as "N values on more than one row, e.g. 42 on 2 rows", or null when there are none. */
    private static String duplicateKeys(Engine engine, Target staged, String key) {
        List<Object> r = engine.queryRows("SELECT count(*) OVER (), k, n FROM (SELECT " + key + " AS k, count(*) AS n FROM "
                + Sql.table(staged.schema(), staged.name()) + " WHERE k IS NOT NULL GROUP BY k HAVING count(*) > 1) ORDER BY k LIMIT 1")
                .stream().findFirst().orElse(null);
        if (r == null) return null;
        long count = Sql.asLong(r.get(0));
        return String.format(Locale.ROOT, "%,d value%s on more than one row, e.g. %s on %,d rows", count, count == 1 ? "" : "s", r.get(1), Sql.asLong(r.get(2)));
    }

    private static boolean accepts(BigQueryType expected, String actual) {
        return switch (expected) {
            case INT64 -> INTEGERS.contains(actual);
            case FLOAT64 -> INTEGERS.contains(actual) || actual.equals("DOUBLE") || actual.equals("FLOAT") || actual.startsWith("DECIMAL");
            case STRING -> actual.equals("VARCHAR");
            case TIMESTAMP -> actual.startsWith("TIMESTAMP");
        };
    }

    /**
     * Text values that do not convert, as "N values, e.g. 'x' at FILE row R (hint)" with the first of
     * them and where it is, or null when all convert. Rows are counted from 1, after a CSV's header.
     */
    private static String badValues(Engine engine, Target staged, String source, BigQueryType expected, String label) {
        String table = Sql.table(staged.schema(), staged.name());
        String file = Sql.ident(Engine.FILE_COLUMN);
        String failing = source + " IS NOT NULL AND " + tryConvert(source, expected) + " IS NULL";
        List<Object> r = engine.queryRows("SELECT count(*) OVER (), " + source + ", " + file + ", rowid FROM " + table
                + " WHERE " + failing + " ORDER BY rowid LIMIT 1").stream().findFirst().orElse(null);
        if (r == null) return null;
        long count = Sql.asLong(r.get(0));
        String path = String.valueOf(r.get(2));
        long first = Sql.asLong(engine.queryRows("SELECT min(rowid) FROM " + table + " WHERE " + file + " = "
                + Sql.literal(path)).get(0).get(0));
        String name = Path.of(path).getFileName().toString();
        String where = (name.equals(label) ? "" : name + " ") + "row " + String.format(Locale.ROOT, "%,d", Sql.asLong(r.get(3)) - first + 1)
                + (name.contains(".csv") ? " after the header" : "");
        if (name.contains(".json")) where = where.replace("row ", "line ");
        return String.format(Locale.ROOT, "%,d value%s, e.g. '%s' at %s (%s)", count, count == 1 ? "" : "s", r.get(1), where, form(expected));
    }

    /** How BigQuery writes a value of the type, for the hint on a value that does not convert. */
    private static String form(BigQueryType type) {
        return switch (type) {
            case INT64 -> "an INT64 is a whole number such as 42";
            case FLOAT64 -> "a FLOAT64 is a number such as 12.5, NaN or Infinity";
            case TIMESTAMP -> "a TIMESTAMP is written 2024-01-31 12:34:56 UTC or 2024-01-31 12:34:56.123456 UTC";
            case STRING -> "any text";
        };
    }

    // BigQuery writes timestamps as "2024-01-31 12:34:56 UTC"; TIMESTAMPTZ reads them as instants
    private static String tryConvert(String source, BigQueryType expected) {
        String cast = "TRY_CAST(" + source + " AS " + expected.duckDbType() + ")";
        // DuckDB's cast rounds '5.6' to 6, and reads '1e3', '0x10' and '1_000' too: an INT64 is written in digits
        return expected == BigQueryType.INT64
                ? "CASE WHEN regexp_full_match(" + source + ", '\\s*[+-]?[0-9]+\\s*') THEN " + cast + " END"
                : cast;
    }

    private static String convert(String source, BigQueryType expected) {
        return "CAST(" + source + " AS " + expected.duckDbType() + ")";
    }

    /** DuckDB's account of a file it cannot read (which line, what it found), without its generic advice and the SQL. */
    static String readError(String message) {
        if (message == null) return "unknown error";
        // with the dialect fixed, DuckDB's sniffer fails only when the rows it samples disagree on their number of fields
        if (message.contains("not possible to automatically detect the CSV parsing dialect")) {
            return "its first rows do not all have as many fields as its header (a row cut short, a field too many,"
                    + " or a quote that does not close)";
        }
        List<String> said = new ArrayList<>();
        for (String line : message.split("\n")) {
            // the statement, as Porygon's engine or DuckDB's parser (LINE 1: CREATE ... read_parquet(...)) quotes it
            if (line.startsWith("  in: ") || line.startsWith("LINE ")) break;
            // DuckDB quotes the line it could not read whole: a corrupt or binary file's may be megabytes long
            if (line.length() > 300) line = line.substring(0, 300) + "... (" + String.format(Locale.ROOT, "%,d", line.length()) + " characters)";
            // advice on DuckDB's reader options (union_by_name, ...) that load does not take
            int advice = Math.max(line.indexOf("Possible fixes"), line.indexOf("Possible solutions"));
            if (advice >= 0) {
                if (!line.substring(0, advice).isBlank()) said.add(line.substring(0, advice).strip());
                break;
            }
            if (!line.isBlank()) said.add(line.strip());
        }
        return String.join(" / ", said.subList(0, Math.min(said.size(), 4)));
    }
}
