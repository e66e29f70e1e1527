package io.porygon.core.sql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A script's temporary table ({@code CREATE TEMP TABLE}). BigQuery drops it when the script ends; on
 * DuckDB it would outlive the action in the runner's session, and the next action there would see it.
 */
final class TempTable {
    private static final Pattern CREATE = Pattern.compile(
            "(?is)\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?TEMP(?:ORARY)?\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\"[^\"]*(?:\"\"[^\"]*)*\"|\\w+)");

    private TempTable() {}

    /** The name of the temporary table a (lexed) statement creates, or null. */
    static String createdBy(String statement) {
        Matcher m = CREATE.matcher(statement);
        return m.lookingAt() ? m.group(1) : null;
    }

    static String drop(String name) {
        return "DROP TABLE IF EXISTS temp.main." + name;
    }
}
