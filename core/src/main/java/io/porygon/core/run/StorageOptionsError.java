package io.porygon.core.run;

import io.porygon.core.SourceLocation;
import io.porygon.core.graph.StatementLines;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The error of a table whose bigquery.partitionBy or clusterBy its query does not bind ({@link Planner#storageCheck}),
 * placed at the line of its config that names what is missing.
 */
final class StorageOptionsError {
    /** The first name a warehouse error quotes (DuckDB: Referenced column "x" not found). */
    private static final Pattern QUOTED_NAME = Pattern.compile("\"([^\"]+)\"");

    private static final Pattern BIGQUERY_KEY = Pattern.compile("\\bbigquery\\b[\"']?\\s*[:(]");
    private static final Pattern STORAGE_KEY = Pattern.compile("\\b(?:partitionBy|clusterBy)\\b");

    /** A call of a JavaScript file that starts the next action. */
    private static final Pattern NEXT_ACTION = Pattern.compile("(?<![.\\w])(?:publish|operate|assert|declare|test|notebook)\\s*\\(");

    private StorageOptionsError() {}

    /**
     * At the line of the action's partitionBy or clusterBy that holds the name the warehouse could not bind, else at
     * its first of those keys: searched in the action's own config (in SQLX the bigquery options before its SQL; in
     * JavaScript, where a file may publish several tables, from its publish() call to the next action's), to the
     * end of their block (not in a description, nor in another action's config).
     */
    static String of(PlannedAction p, String error) {
        StatementLines lines = Planner.statementLines(p.action());
        int start = p.action().sqlStartLine();
        int configStart;
        int configEnd;
        int options;
        if (p.action().fileName() != null && p.action().fileName().endsWith(".js")) {
            int next = lines.firstLineMatching(NEXT_ACTION, start + 1, lines.lineCount() + 1);
            configStart = start;
            configEnd = next > 0 ? next : lines.lineCount() + 1;
            options = lines.firstLineMatching(BIGQUERY_KEY, start, configEnd);
        } else {
            configStart = 1;
            configEnd = start;
            options = lines.lastLineMatching(BIGQUERY_KEY, configEnd);
        }
        int key = lines.firstLineMatching(STORAGE_KEY, options > 0 ? options : configStart, configEnd);
        int line = key > 0 ? key : options;
        Matcher quoted = QUOTED_NAME.matcher(error);
        if (key > 0 && quoted.find()) {
            int blockEnd = lines.firstLineMatching(Pattern.compile("}"), key, configEnd);
            int named = lines.firstLineMatching(Pattern.compile("\\b" + Pattern.quote(quoted.group(1)) + "\\b"), key,
                    blockEnd > 0 ? blockEnd + 1 : configEnd);
            if (named > 0) line = named;
        }
        SourceLocation at = line > 0 ? new SourceLocation(p.action().fileName(), line, 0) : Planner.placeOf(p.action());
        return at + ": bigquery.partitionBy or clusterBy does not fit the query's columns, so BigQuery would not create the table: "
                + error + "\n  hint: partitionBy and clusterBy name columns of the query's result (partitionBy may wrap one in DATE(),"
                + " TIMESTAMP_TRUNC() or RANGE_BUCKET())";
    }
}
