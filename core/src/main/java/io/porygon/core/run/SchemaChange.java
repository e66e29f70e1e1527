package io.porygon.core.run;

import io.porygon.core.engine.Column;
import io.porygon.core.graph.OnSchemaChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How an incremental run reconciles the table's columns with the incremental query's, under the
 * action's {@code onSchemaChange}: the columns to add and drop first, and the columns to write.
 */
record SchemaChange(List<Column> added, List<String> dropped, List<String> written) {

    /**
     * The reconciliation under {@code mode}; fails when the action cannot write: the query's columns
     * changed under FAIL, a column of the table missing from the query under IGNORE or EXTEND, no
     * column in common, or a unique key column not written.
     */
    static SchemaChange between(List<Column> table, List<Column> query, OnSchemaChange mode, List<String> uniqueKey, boolean isProtected) {
        // --full-refresh leaves a protected table as it is
        String rebuild = isProtected ? "remove protected: true and rebuild the table with --full-refresh" : "rebuild the table with --full-refresh";
        SchemaChange change = between(table, query, mode, rebuild);
        if (change.written().isEmpty()) {
            throw new IllegalStateException("the incremental query has none of the table's columns (onSchemaChange is " + mode + ")"
                    + "; " + rebuild);
        }
        Set<String> written = change.written().stream().map(SchemaChange::lower).collect(Collectors.toSet());
        Set<String> selected = names(query);
        for (String key : uniqueKey) {
            if (written.contains(lower(key))) continue;
            if (selected.contains(lower(key))) {
                // selected, but new to the table, which keeps its columns under this mode
                throw new IllegalStateException("the unique key column " + key + " is new in the query, and onSchemaChange " + mode
                        + " adds no column to the table; " + rebuild + ", or set onSchemaChange to EXTEND");
            }
            throw new IllegalStateException("the unique key column " + key + " is not among the columns the incremental query writes"
                    + " (onSchemaChange is " + mode + "); check the spelling of uniqueKey and select the column, or " + rebuild);
        }
        return change;
    }

    private static SchemaChange between(List<Column> table, List<Column> query, OnSchemaChange mode, String rebuild) {
        Set<String> tableNames = names(table);
        Set<String> queryNames = names(query);
        List<Column> added = query.stream().filter(c -> !tableNames.contains(key(c))).toList();
        List<String> removed = table.stream().filter(c -> !queryNames.contains(key(c))).map(Column::name).toList();
        List<String> all = query.stream().map(Column::name).toList();
        return switch (mode) {
            case IGNORE -> {
                // Dataform writes every column of the table, so a column the query lost fails on BigQuery
                if (!removed.isEmpty()) {
                    throw new IllegalStateException("the incremental query no longer returns " + removed + ", which the table has"
                            + " (onSchemaChange is IGNORE: every column of the table is written, as in Dataform); select it again, "
                            + rebuild + ", or set onSchemaChange to SYNCHRONIZE");
                }
                yield new SchemaChange(List.of(), List.of(), query.stream().filter(c -> tableNames.contains(key(c))).map(Column::name).toList());
            }
            case FAIL -> {
                if (!added.isEmpty() || !removed.isEmpty()) {
                    List<String> changes = new ArrayList<>();
                    if (!added.isEmpty()) changes.add("new " + added.stream().map(Column::name).toList());
                    if (!removed.isEmpty()) changes.add("missing " + removed);
                    throw new IllegalStateException("onSchemaChange is FAIL and the incremental query's columns changed: "
                            + String.join(", ", changes) + "; " + rebuild + ", or set onSchemaChange to EXTEND or SYNCHRONIZE");
                }
                yield new SchemaChange(List.of(), List.of(), all);
            }
            case EXTEND -> {
                if (!removed.isEmpty()) {
                    throw new IllegalStateException("onSchemaChange is EXTEND, which allows no column removals, and the incremental query"
                            + " no longer returns " + removed + "; select it again, " + rebuild + ", or set onSchemaChange to SYNCHRONIZE");
                }
                yield new SchemaChange(added, List.of(), all);
            }
            case SYNCHRONIZE -> new SchemaChange(added, removed, all);
        };
    }

    /** The table's columns once the change is made: those dropped leave, those added come last, as ALTER TABLE does. */
    List<Column> applyTo(List<Column> table) {
        Set<String> gone = dropped.stream().map(SchemaChange::lower).collect(Collectors.toSet());
        List<Column> after = new ArrayList<>(table.stream().filter(c -> !gone.contains(key(c))).toList());
        after.addAll(added);
        return after;
    }

    private static Set<String> names(List<Column> columns) {
        return columns.stream().map(SchemaChange::key).collect(Collectors.toSet());
    }

    private static String key(Column c) {
        return lower(c.name());
    }

    /** DuckDB's and BigQuery's column names are case-insensitive. */
    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
