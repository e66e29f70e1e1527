package io.porygon.thelook;

import io.porygon.duckdb.DuckDbEngine;
import io.porygon.duckdb.DuckDbSettings;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test helpers: real DuckDB warehouses filled by the generator. */
final class Warehouses {
    static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);
    static final String SCHEMA = RawTables.DEFAULT_SCHEMA;

    private Warehouses() {}

    static DuckDbEngine open(Path file) {
        return new DuckDbEngine(DuckDbSettings.of(file));
    }

    static GenerationSummary generate(DuckDbEngine engine, long seed, double scale, int threads) {
        return new TheLookGenerator().generate(engine, new GenerateOptions(seed, scale, AS_OF, threads, SCHEMA), Progress.NONE);
    }

    static long count(DuckDbEngine engine, String sql) {
        return ((Number) engine.queryRows(sql).get(0).get(0)).longValue();
    }

    /** A digest of a table's full content in key order: equal digests mean identical tables. */
    static String digest(DuckDbEngine engine, String schema, RawTable table) {
        String key = table.columns().get(0).name();
        return (String) engine.queryRows("SELECT md5(string_agg(CAST(t AS VARCHAR), chr(10) ORDER BY " + key + ")) FROM "
                + schema + "." + table.name() + " t").get(0).get(0);
    }

    /** The digest of every raw table, by table name. */
    static Map<String, String> digests(DuckDbEngine engine, String schema) {
        Map<String, String> digests = new LinkedHashMap<>();
        for (RawTable table : RawTables.ALL) digests.put(table.name(), digest(engine, schema, table));
        return digests;
    }
}
