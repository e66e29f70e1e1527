package io.porygon.duckdb;

import static io.porygon.duckdb.DuckDbEngine.columnList;
import static io.porygon.duckdb.DuckDbEngine.quoteIdent;
import static io.porygon.duckdb.DuckDbEngine.sqlName;

import io.porygon.core.engine.Column;
import io.porygon.core.engine.Engine;
import io.porygon.core.engine.Relation;
import io.porygon.core.graph.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes an increment's staged rows into its table as BigQuery would: appended, merged on a unique key,
 * or replacing the partitions they fall in, each in one transaction and after BigQuery's checks (a value
 * of a type the column cannot take, a table row that two new rows match).
 */
final class IncrementWriter {
    private final Engine engine;

    IncrementWriter(Engine engine) {
        this.engine = engine;
    }

    /** INSERT of the new rows' {@code columns}. */
    long insert(Relation target, Relation source, List<String> columns) {
        rejectUnassignableTypes(target, source, columns);
        return insertRows(target.target(), source.target(), columns);
    }

    private long insertRows(Target target, Target source, List<String> columns) {
        String cols = columnList(columns);
        return engine.executeUpdate("INSERT INTO " + sqlName(target) + " (" + cols + ") SELECT " + cols + " FROM " + sqlName(source));
    }

    /**
     * MERGE ... WHEN MATCHED THEN UPDATE ... WHEN NOT MATCHED THEN INSERT, in one transaction. As in
     * BigQuery, a target row that matches two new rows is an error (NULL keys never match). When the
     * new rows have every column of the table, matched rows are deleted and all new rows inserted:
     * the same result, about 3.5 times faster on DuckDB, whose updates rewrite every column of a
     * matched row (docs/BENCHMARKS.md, issue 6). Otherwise, or when the table repeats a key that
     * matches, the matched rows are updated: the columns the new rows lack keep their values, and
     * each row of a repeated key takes the new values, as in BigQuery.
     */
    long merge(Relation table, Relation rows, List<String> columns, List<String> uniqueKey, String targetFilter) {
        Target target = table.target();
        Target source = rows.target();
        String keysMatch = uniqueKey.stream()
                .map(k -> "t." + quoteIdent(k) + " = s." + quoteIdent(k))
                .collect(Collectors.joining(" AND "));
        String matches = targetFilter == null ? keysMatch : keysMatch + " AND (" + targetFilter + ")";
        Set<String> incoming = columns.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        boolean everyColumn = table.columns().stream().allMatch(c -> incoming.contains(c.name().toLowerCase(Locale.ROOT)));
        rejectUnassignableTypes(table, rows, columns);
        long[] written = {0};
        engine.inTransaction(() -> {
            rejectAmbiguousMatches(target, source, uniqueKey, matches);
            if (everyColumn && !repeatsAMatchedKey(target, source, uniqueKey, matches)) {
                engine.execute("DELETE FROM " + sqlName(target) + " AS t USING " + sqlName(source) + " AS s WHERE " + matches);
                written[0] = insertRows(target, source, columns);
            } else {
                String sets = columns.stream().map(c -> quoteIdent(c) + " = s." + quoteIdent(c)).collect(Collectors.joining(", "));
                written[0] = engine.executeUpdate("UPDATE " + sqlName(target) + " AS t SET " + sets + " FROM " + sqlName(source) + " AS s WHERE " + matches);
                String cols = columnList(columns);
                written[0] += engine.executeUpdate("INSERT INTO " + sqlName(target) + " (" + cols + ") SELECT " + cols + " FROM " + sqlName(source)
                        + " AS s WHERE NOT EXISTS (SELECT 1 FROM " + sqlName(target) + " AS t WHERE " + matches + ")");
            }
        });
        return written[0];
    }

    /**
     * Dataform's INSERT_OVERWRITE: a delete of the table rows in the partitions the new rows fall in
     * (within {@code targetFilter}), then an insert of the new rows, in one transaction. As in Dataform's
     * script, which lists the partitions {@code WHERE partitionBy IS NOT NULL} and deletes those
     * {@code IN UNNEST(...)}, a NULL partition value replaces nothing: the new rows are added beside the
     * table's. The partition expression names columns without a table: inside the subquery they are the
     * new rows', outside it the table's.
     */
    long replacePartitions(Relation table, Relation rows, List<String> columns, String partitionBy, String targetFilter) {
        rejectUnassignableTypes(table, rows, columns);
        Target target = table.target();
        Target source = rows.target();
        String partitions = "SELECT DISTINCT " + partitionBy + " FROM " + sqlName(source) + " WHERE (" + partitionBy + ") IS NOT NULL";
        String deleted = "(" + partitionBy + ") IN (" + partitions + ")" + (targetFilter == null ? "" : " AND (" + targetFilter + ")");
        long[] written = {0};
        engine.inTransaction(() -> {
            engine.execute("DELETE FROM " + sqlName(target) + " AS t WHERE " + deleted);
            written[0] = insertRows(target, source, columns);
        });
        return written[0];
    }

    /**
     * Whether the table holds a key of the new rows twice (an earlier MERGE inserts every new row
     * that matches nothing). MERGE updates each of those rows; a delete and insert would leave one.
     * The new rows' keys are unique among those that match (see rejectAmbiguousMatches), so a
     * repeated table key shows as more matching pairs than distinct keys.
     */
    private boolean repeatsAMatchedKey(Target target, Target source, List<String> uniqueKey, String matches) {
        return !keysAreDistinct(uniqueKey, sqlName(source) + " AS s JOIN " + sqlName(target) + " AS t ON " + matches);
    }

    /** Whether the new rows ({@code s}) of {@code rows} hold each key once; a NULL in a key counts as a repeat. */
    private boolean keysAreDistinct(List<String> uniqueKey, String rows) {
        String keys = uniqueKey.stream().map(k -> "s." + quoteIdent(k)).collect(Collectors.joining(", "));
        String distinct = uniqueKey.size() == 1 ? keys : "(" + keys + ")";
        return Boolean.TRUE.equals(engine.queryRows("SELECT count(*) = count(DISTINCT " + distinct + ") FROM " + rows).get(0).get(0));
    }

    /** BigQuery's MERGE fails when a target row matches more than one new row; so does this one. */
    private void rejectAmbiguousMatches(Target target, Target source, List<String> uniqueKey, String matches) {
        // Most increments repeat no key, which a distinct count of the new rows shows cheaply (a NULL in a key sends them
        // on to the full check). The GROUP BY below sizes its perfect hash table by the keys' range (2^22 slots for event
        // ids, see PERFECT_HASH_BITS) and its EXISTS hashes the whole table: about 0.1 s each for events_fct.
        if (keysAreDistinct(uniqueKey, sqlName(source) + " AS s")) return;
        String keys = uniqueKey.stream().map(k -> "s." + quoteIdent(k)).collect(Collectors.joining(", "));
        List<List<Object>> repeated = engine.queryRows("SELECT " + keys + ", count(*) FROM " + sqlName(source) + " AS s GROUP BY " + keys
                + " HAVING count(*) > 1 AND EXISTS (SELECT 1 FROM " + sqlName(target) + " AS t WHERE " + matches + ") LIMIT 1");
        if (!repeated.isEmpty()) {
            List<Object> row = repeated.get(0);
            throw new DuckDbException("MERGE must match at most one new row for each row of " + target.name() + ": the key "
                    + row.subList(0, row.size() - 1) + " comes " + row.get(row.size() - 1) + " times in the new rows"
                    + " (make the incremental query return one row per unique key)", null);
        }
    }

    /**
     * BigQuery writes a value into a column of its own type only, or coerces INT64 to NUMERIC or FLOAT64,
     * NUMERIC to FLOAT64 and DATE to DATETIME; DuckDB would cast anything it can (15.5 into an INT64 column as 16,
     * an array or a struct into a STRING column as its text, a STRING into an array column parsed as a list). A
     * column of NULLs only is fine: BigQuery's NULL literal takes any type. Arrays and structs are checked for
     * their kind only (an array into an array column), their elements and fields are not.
     */
    private void rejectUnassignableTypes(Relation table, Relation rows, List<String> columns) {
        Map<String, String> tableTypes = new HashMap<>();
        table.columns().forEach(c -> tableTypes.put(c.name().toLowerCase(Locale.ROOT), c.type()));
        Set<String> written = columns.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Target source = rows.target();
        for (Column c : rows.columns()) {
            String name = c.name().toLowerCase(Locale.ROOT);
            if (!written.contains(name) || !tableTypes.containsKey(name)) continue;
            String from;
            String to;
            String fromKind = kind(c.type());
            String toKind = kind(tableTypes.get(name));
            if (!fromKind.equals(toKind)) {
                from = googleSqlTypeName(c.type());
                to = googleSqlTypeName(tableTypes.get(name));
            } else {
                from = googleSqlType(c.type());
                to = googleSqlType(tableTypes.get(name));
                if (from == null || to == null || from.equals(to) || widens(from, to)) continue;
            }
            if (engine.queryRows("SELECT 1 FROM " + sqlName(source) + " WHERE " + quoteIdent(c.name()) + " IS NOT NULL LIMIT 1").isEmpty()) continue;
            throw new DuckDbException("Value of type " + from + " cannot be assigned to " + c.name() + ", which has type " + to
                    + " (the table's column type; CAST the column to " + to + " in the query)", null);
        }
    }

    private static boolean widens(String from, String to) {
        return from.equals("INT64") && (to.equals("NUMERIC") || to.equals("FLOAT64")) || from.equals("NUMERIC") && to.equals("FLOAT64")
                || from.equals("DATE") && to.equals("DATETIME");
    }

    /** ARRAY, STRUCT or MAP for a DuckDB type of that kind, SCALAR for any other. */
    private static String kind(String engineType) {
        String t = engineType.strip().toUpperCase(Locale.ROOT);
        if (t.endsWith("]")) return "ARRAY";
        if (t.startsWith("STRUCT(")) return "STRUCT";
        if (t.startsWith("MAP(")) return "MAP";
        return "SCALAR";
    }

    /** A DuckDB type as GoogleSQL writes it ({@code VARCHAR[]} as {@code ARRAY<STRING>}), or as DuckDB does when it has no such name. */
    static String googleSqlTypeName(String engineType) {
        String t = engineType.strip();
        if (t.endsWith("]")) return "ARRAY<" + googleSqlTypeName(t.substring(0, t.lastIndexOf('['))) + ">";
        if (t.toUpperCase(Locale.ROOT).startsWith("STRUCT(") && t.endsWith(")")) {
            List<String> fields = new ArrayList<>();
            for (String field : topLevelParts(t.substring("STRUCT(".length(), t.length() - 1))) {
                String f = field.strip();
                int space = f.startsWith("\"") ? f.indexOf('"', 1) + 1 : f.indexOf(' ');
                if (space <= 0 || space >= f.length()) {
                    fields.add(f);
                    continue;
                }
                String fieldName = f.substring(0, space).replace("\"", "");
                fields.add(fieldName + " " + googleSqlTypeName(f.substring(space).strip()));
            }
            return "STRUCT<" + String.join(", ", fields) + ">";
        }
        String scalar = googleSqlType(t);
        return scalar != null ? scalar : t;
    }

    /** {@code text} split at the commas outside parentheses and quotes. */
    private static List<String> topLevelParts(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') quoted = !quoted;
            else if (!quoted && ch == '(') depth++;
            else if (!quoted && ch == ')') depth--;
            else if (!quoted && depth == 0 && ch == ',') {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** The GoogleSQL type that values of a DuckDB type are, or null for those not checked (nested types, ...). */
    private static String googleSqlType(String engineType) {
        String t = engineType.toUpperCase(Locale.ROOT);
        if (t.startsWith("DECIMAL")) return "NUMERIC";
        return switch (t) {
            case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT" -> "INT64";
            case "FLOAT", "DOUBLE" -> "FLOAT64";
            case "VARCHAR" -> "STRING";
            case "BLOB" -> "BYTES";
            case "BOOLEAN" -> "BOOL";
            case "DATE", "TIME", "INTERVAL" -> t;
            case "TIMESTAMP" -> "DATETIME";
            case "TIMESTAMP WITH TIME ZONE" -> "TIMESTAMP";
            default -> null; // nested and other types: not checked
        };
    }
}
