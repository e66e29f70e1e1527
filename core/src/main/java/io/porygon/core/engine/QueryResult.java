package io.porygon.core.engine;

import java.util.List;

/**
 * Rows returned by a query: the column names, the first rows (up to the limit the caller asked
 * for) and the total number of rows the query returned.
 */
public record QueryResult(List<String> columns, List<List<Object>> rows, long totalRows) {
    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
