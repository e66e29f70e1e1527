package io.porygon.core.engine;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A table's or view's query repeats a column name, which BigQuery refuses (DuckDB would rename the
 * second one): an error of the query itself, so an assertion does not fall back to reading its rows.
 */
public final class DuplicateColumnNames extends EngineException {
    public DuplicateColumnNames(Collection<String> repeated) {
        super("Duplicate column names in the result are not supported (as on BigQuery). Found duplicate(s): " + String.join(", ", repeated)
                + "; give the columns distinct aliases, or list them instead of *", null);
    }

    /** The names that repeat an earlier one, case ignored as in BigQuery's column names, in order; empty when none does. */
    public static SortedSet<String> among(Collection<String> names) {
        Set<String> seen = new HashSet<>();
        SortedSet<String> repeated = new TreeSet<>();
        for (String name : names) {
            if (!seen.add(name.toLowerCase(Locale.ROOT))) repeated.add(name);
        }
        return repeated;
    }
}
