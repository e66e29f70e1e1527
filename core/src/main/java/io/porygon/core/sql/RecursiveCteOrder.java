package io.porygon.core.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * In BigQuery's {@code WITH RECURSIVE} a CTE may read one defined after it; DuckDB's sees only the earlier ones
 * ("Table with name B does not exist"). The CTEs are put in an order where each comes after those it reads,
 * keeping the written order where it may: every name of the clause is visible to every CTE either way, so the
 * order changes nothing else. Reads among several CTEs that form a cycle keep the written order (BigQuery refuses
 * them; DuckDB's error stays).
 */
final class RecursiveCteOrder {
    private RecursiveCteOrder() {}

    static void reorder(Select select) {
        List<WithItem<?>> items = select.getWithItemsList();
        if (items == null || items.size() < 2 || !items.get(0).isRecursive()) return;
        Map<String, WithItem<?>> byName = new LinkedHashMap<>();
        for (WithItem<?> item : items) byName.put(ScriptScope.normalize(item.getAliasName()), item);
        if (byName.size() != items.size()) return;
        Map<WithItem<?>, Set<String>> reads = new LinkedHashMap<>();
        for (WithItem<?> item : items) {
            Set<String> names = tableNames(item);
            if (names == null) return;
            names.retainAll(byName.keySet());
            names.remove(ScriptScope.normalize(item.getAliasName())); // reading itself is the recursion
            reads.put(item, names);
        }
        List<WithItem<?>> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (ordered.size() < items.size()) {
            WithItem<?> next = null;
            // the first one written whose reads are all placed
            for (WithItem<?> item : items) {
                if (!ordered.contains(item) && placed.containsAll(reads.get(item))) {
                    next = item;
                    break;
                }
            }
            if (next == null) return; // a cycle: as written
            ordered.add(next);
            placed.add(ScriptScope.normalize(next.getAliasName()));
        }
        if (ordered.equals(items)) return;
        // JSqlParser prints RECURSIVE from the first item's flag
        boolean recursive = items.get(0).isRecursive();
        for (WithItem<?> item : ordered) item.setRecursive(false);
        ordered.get(0).setRecursive(recursive);
        select.setWithItemsList(ordered);
    }

    /** The names of the tables a CTE's query reads, normalized; null when the query could not be walked. */
    private static Set<String> tableNames(WithItem<?> item) {
        Set<String> names = new HashSet<>();
        TablesNamesFinder<Void> finder = new TablesNamesFinder<>() {
            @Override
            public <S> Void visit(Table table, S context) {
                if (table.getSchemaName() == null) names.add(ScriptScope.normalize(table.getName()));
                return null;
            }
        };
        try {
            finder.getTables((net.sf.jsqlparser.statement.Statement) item.getSelect());
        } catch (RuntimeException notWalked) {
            return null;
        }
        return names;
    }
}
