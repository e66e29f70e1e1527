package io.porygon.core.sql;

/** DuckDB's quoting of identifiers and string literals, for every module that writes SQL text. */
public final class SqlQuoting {

    private SqlQuoting() {}

    /** {@code "name"}, a double quote inside doubled. */
    public static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** An identifier as written, without the double quotes (and doubled ones inside) a quoted one has. */
    public static String unquotedIdentifier(String identifier) {
        boolean quoted = identifier.length() >= 2 && identifier.startsWith("\"") && identifier.endsWith("\"");
        return quoted ? identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"") : identifier;
    }

    /** {@code 'text'}, a single quote inside doubled. */
    public static String string(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
