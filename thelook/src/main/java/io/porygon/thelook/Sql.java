package io.porygon.thelook;

import io.porygon.core.sql.SqlQuoting;

/** Small helpers for the few statements the generator and loader issue (DuckDB dialect). */
final class Sql {
    private Sql() {}

    static String ident(String name) {
        return SqlQuoting.identifier(name);
    }

    static String literal(String value) {
        return SqlQuoting.string(value);
    }

    static String table(String schema, RawTable table) {
        return ident(schema) + "." + ident(table.name());
    }

    static String table(String schema, String name) {
        return ident(schema) + "." + ident(name);
    }

    static long asLong(Object value) {
        return ((Number) value).longValue();
    }

    static double asDouble(Object value) {
        return ((Number) value).doubleValue();
    }
}
