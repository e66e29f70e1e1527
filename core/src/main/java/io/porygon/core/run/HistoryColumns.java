package io.porygon.core.run;

import io.porygon.core.engine.Column;
import io.porygon.core.engine.Engine;
import io.porygon.core.graph.Target;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and writes a history table whose columns are not this version's: one an older Porygon made, or one edited
 * by hand. A read sees NULL for a column the table lacks; a write first rebuilds the table with this version's
 * columns in order, keeping its rows, since the bulk writer appends by position.
 */
final class HistoryColumns {
    private HistoryColumns() {}

    /** The select list of {@code wanted} over {@code table}: NULL for the columns it lacks. */
    static String selectList(Engine engine, Target table, List<Column> wanted) {
        Set<String> present = engine.columns(table).stream().map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return wanted.stream()
                .map(c -> present.contains(c.name()) ? c.name() : "CAST(NULL AS " + c.type() + ") AS " + c.name())
                .collect(Collectors.joining(", "));
    }

    /**
     * Rebuilds {@code table} with {@code wanted} as its columns, in order, when it lacks one or holds them in another
     * order. A table with a column this version does not know (a newer Porygon's) is left as it is: a rebuild would
     * drop that column, so writing to it fails as before and the run warns that its history was not written.
     */
    static void upgrade(Engine engine, Target table, List<Column> wanted) {
        List<String> actual = engine.columns(table).stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        List<String> names = wanted.stream().map(Column::name).toList();
        if (actual.equals(names) || !names.containsAll(actual)) return;
        String name = WarehouseRunStore.name(table);
        engine.execute("CREATE OR REPLACE TABLE " + name + " AS SELECT " + selectList(engine, table, wanted) + " FROM " + name);
    }
}
