package io.porygon.core.sql;

/** DuckDB's quoting of identifiers and string literals, for every module that writes SQL text. */
public final class SqlQuoting {

    private SqlQuoting() {}

    /** {@code "name"}, a double quote inside doubled. */
    public static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code 'text'}, a single quote inside doubled. */
    public static String string(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
