package io.porygon.core.sql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BigQuery's {@code CREATE [OR REPLACE] [SNAPSHOT] TABLE t CLONE|COPY s [OPTIONS(...)]} as the
 * {@code CREATE TABLE t AS SELECT * FROM s} DuckDB has: a clone, a copy and a snapshot hold the source's
 * rows as of now (BigQuery shares their storage; a snapshot is read-only), which a copy gives on DuckDB.
 * Works on the lexer's output (backticked names are double-quoted there), before parsing.
 */
final class TableCopyRewrite {
    private static final String NAME = "(?:\"[^\"]*\"|[\\w-]+)(?:\\s*\\.\\s*(?:\"[^\"]*\"|[\\w-]+))*";
    private static final Pattern COPY = Pattern.compile("(?is)\\s*CREATE\\s+(OR\\s+REPLACE\\s+)?(?:SNAPSHOT\\s+)?TABLE\\s+"
            + "(IF\\s+NOT\\s+EXISTS\\s+)?(" + NAME + ")\\s+(?:CLONE|COPY)\\s+(" + NAME + ")(\\s+FOR\\s+SYSTEM_TIME\\s+AS\\s+OF\\b.*?)?"
            + "(?:\\s+OPTIONS\\s*\\(.*\\))?\\s*");

    private TableCopyRewrite() {}

    /** The statement as a CREATE TABLE ... AS SELECT when it clones or copies a table, else as it was. */
    static String rewrite(String sql) {
        Matcher m = COPY.matcher(sql);
        if (!m.matches()) return sql;
        if (m.group(5) != null) {
            throw new Untranslatable("CLONE ... FOR SYSTEM_TIME AS OF (time travel) cannot run on DuckDB: it keeps no past versions of"
                    + " a table", "clone the table as it is now, or keep this statement out of runs on DuckDB", "FOR SYSTEM_TIME AS OF");
        }
        return "CREATE " + (m.group(1) == null ? "" : "OR REPLACE ") + "TABLE " + (m.group(2) == null ? "" : "IF NOT EXISTS ")
                + m.group(3) + " AS SELECT * FROM " + m.group(4);
    }
}
