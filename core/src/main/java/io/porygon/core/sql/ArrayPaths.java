package io.porygon.core.sql;

import java.util.HashSet;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.TableFunction;

/**
 * BigQuery's implicit UNNEST: in {@code FROM t AS e, e.items AS item} (or {@code JOIN e.items}) the
 * second item is the array column of an earlier FROM item, not a table; it is written as the
 * {@code UNNEST(e.items) AS item} it means, before tables are looked up.
 */
final class ArrayPaths {
    private ArrayPaths() {}

    static void unnest(PlainSelect select) {
        if (select.getJoins() == null || select.getFromItem() == null) return;
        Set<String> ranges = new HashSet<>();
        addRange(ranges, select.getFromItem());
        for (Join join : select.getJoins()) {
            // e.items, or e.rec.items through a struct field (then e reads as the Table's database part)
            String first = join.getRightItem() instanceof Table path ? (path.getDatabaseName() != null ? path.getDatabaseName() : path.getSchemaName()) : null;
            if (first != null && ranges.contains(ScriptScope.normalize(first))) {
                Table path = (Table) join.getRightItem();
                String qualifier = path.getDatabaseName() != null ? path.getDatabaseName() + "." + path.getSchemaName() : path.getSchemaName();
                Function unnest = new Function();
                unnest.setName("UNNEST");
                unnest.setParameters(new ExpressionList<>(new Column(new Table(qualifier), path.getName())));
                TableFunction elements = new TableFunction(unnest);
                // without an alias the element is named after the path's last part, as in BigQuery
                elements.setAlias(path.getAlias() != null ? path.getAlias() : new Alias(path.getName()));
                join.setRightItem(elements);
            }
            addRange(ranges, join.getRightItem());
        }
    }

    private static void addRange(Set<String> ranges, FromItem item) {
        String name = DuckDbSelectDeParser.rangeName(item);
        if (name != null) ranges.add(name);
    }
}
