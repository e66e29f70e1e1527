package io.porygon.core.engine;

import java.util.Collection;

/**
 * A table's or view's query repeats a column name, which BigQuery refuses (DuckDB would rename the
 * second one): an error of the query itself, so an assertion does not fall back to reading its rows.
 */
public final class DuplicateColumnNames extends EngineException {
    public DuplicateColumnNames(Collection<String> repeated) {
        super("Duplicate column names in the result are not supported (as on BigQuery). Found duplicate(s): " + String.join(", ", repeated)
                + "; give the columns distinct aliases, or list them instead of *", null);
    }
}
