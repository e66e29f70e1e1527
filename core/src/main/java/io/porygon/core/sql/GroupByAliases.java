package io.porygon.core.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * BigQuery reads a name in GROUP BY as a select-list alias before a column of FROM ("those aliases
 * override names in the corresponding FROM clause"); DuckDB reads the column first, so
 * {@code SELECT DATE(ts) AS ts, COUNT(*) ... GROUP BY ts} made one group per timestamp instead of
 * per day. Such a name is printed as the item's position, which DuckDB reads as that item.
 */
final class GroupByAliases {
    private static final Set<String> GROUPINGS = Set.of("ROLLUP", "CUBE");

    private GroupByAliases() {}

    /** Replaces the GROUP BY names that are aliases by positions, also in ROLLUP, CUBE and GROUPING SETS; the returned action puts them back. */
    static Runnable printAsPositions(PlainSelect select) {
        return replace(select, i -> new LongValue(i + 1));
    }

    /**
     * For {@code SELECT AS STRUCT}, whose one DuckDB column is the struct of the items: such names are
     * replaced by the aliased expressions, for good, as the select list becomes the struct for good.
     */
    static void replaceByExpressions(PlainSelect select) {
        List<SelectItem<?>> items = select.getSelectItems();
        replace(select, i -> items.get(i).getExpression());
    }

    /** @param grouped what groups by the select item at an index */
    private static Runnable replace(PlainSelect select, IntFunction<Expression> grouped) {
        GroupByElement groupBy = select.getGroupBy();
        if (groupBy == null) return () -> {};
        Map<String, Expression> aliases = new HashMap<>();
        aliasIndexes(select.getSelectItems()).forEach((name, i) -> aliases.put(name, grouped.apply(i)));
        List<Runnable> undo = new ArrayList<>();
        if (groupBy.getGroupByExpressionList() != null) replace(groupBy.getGroupByExpressionList(), aliases, undo);
        if (groupBy.getGroupingSets() != null) groupBy.getGroupingSets().forEach(set -> replace(set, aliases, undo));
        return () -> undo.forEach(Runnable::run);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void replace(List grouped, Map<String, Expression> aliases, List<Runnable> undo) {
        for (int i = 0; i < grouped.size(); i++) {
            Object e = grouped.get(i);
            if (e instanceof Column c && c.getTable() == null && aliases.containsKey(ScriptScope.normalize(c.getColumnName()))) {
                int at = i;
                grouped.set(at, aliases.get(ScriptScope.normalize(c.getColumnName())));
                undo.add(() -> grouped.set(at, c));
            } else if (e instanceof Function f && GROUPINGS.contains(f.getName().toUpperCase(Locale.ROOT)) && f.getParameters() != null) {
                replace(f.getParameters(), aliases, undo);
            } else if (e instanceof ExpressionList<?> set) {
                replace(set, aliases, undo);
            }
        }
    }

    /**
     * The 0-based index of each alias that names something other than the column it is on ({@code x AS x}
     * and {@code t.x AS x} mean the same either way). None from a star on (its width is unknown here) and
     * none for an alias given twice (BigQuery refuses to group by it).
     */
    private static Map<String, Integer> aliasIndexes(List<SelectItem<?>> items) {
        Map<String, Integer> positions = new HashMap<>();
        Set<String> repeated = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Expression e = items.get(i).getExpression();
            if (e instanceof AllColumns) break; // AllTableColumns (t.*) is one too
            Alias alias = items.get(i).getAlias();
            if (alias == null) continue;
            String name = ScriptScope.normalize(alias.getName());
            if (e instanceof Column c && ScriptScope.normalize(c.getColumnName()).equals(name)) continue;
            if (positions.putIfAbsent(name, i) != null) repeated.add(name);
        }
        repeated.forEach(positions::remove);
        return positions;
    }
}
