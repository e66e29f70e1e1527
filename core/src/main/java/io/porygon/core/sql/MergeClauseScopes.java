package io.porygon.core.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeDelete;
import net.sf.jsqlparser.statement.merge.MergeInsert;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeUpdate;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * BigQuery resolves the names of a MERGE clause in one table: a {@code WHEN NOT MATCHED [BY TARGET]}
 * clause (its condition and INSERT values) sees only the source's columns, a {@code WHEN NOT MATCHED BY
 * SOURCE} clause only the target's. DuckDB sees both in every clause and calls a name they share
 * ambiguous, so an unqualified column there is qualified with the table the clause sees. The INSERT
 * column list names target columns and stays; a subquery has its own FROM and is left alone;
 * {@code WHEN MATCHED} sees both tables in BigQuery too and is left alone.
 */
final class MergeClauseScopes {
    private MergeClauseScopes() {}

    /** @param isVariable names read as script variables, not columns (left unqualified for the variable reader) */
    static void qualify(Merge merge, Predicate<String> isVariable) {
        if (merge.getOperations() == null) return;
        String target = qualifier(merge.getTable());
        String source = qualifier(merge.getFromItem());
        Set<String> ranges = new HashSet<>();
        for (String range : new String[] {target, source}) if (range != null) ranges.add(ScriptScope.normalize(range));
        for (MergeOperation operation : merge.getOperations()) {
            if (operation instanceof MergeInsert insert && source != null) {
                qualify(insert.getAndPredicate(), source, ranges, isVariable);
                if (insert.getValues() != null) insert.getValues().forEach(v -> qualify(v, source, ranges, isVariable));
            } else if (operation instanceof MergeDelete delete && DuckDbMergeDeParser.isBySource(delete.getAndPredicate()) && target != null) {
                qualify(delete.getAndPredicate(), target, ranges, isVariable);
            } else if (operation instanceof MergeUpdate update && DuckDbMergeDeParser.isBySource(update.getAndPredicate()) && target != null) {
                qualify(update.getAndPredicate(), target, ranges, isVariable);
                if (update.getUpdateSets() == null) continue;
                for (UpdateSet set : update.getUpdateSets()) set.getValues().forEach(v -> qualify(v, target, ranges, isVariable));
            }
        }
        for (MergeOperation operation : merge.getOperations()) {
            if (operation instanceof MergeInsert insert) {
                parenthesizeFieldReads(insert.getAndPredicate(), ranges);
                if (insert.getValues() != null) insert.getValues().forEach(v -> parenthesizeFieldReads(v, ranges));
            } else if (operation instanceof MergeDelete delete) {
                parenthesizeFieldReads(delete.getAndPredicate(), ranges);
            } else if (operation instanceof MergeUpdate update) {
                parenthesizeFieldReads(update.getAndPredicate(), ranges);
                if (update.getUpdateSets() != null) update.getUpdateSets().forEach(set -> set.getValues().forEach(v -> parenthesizeFieldReads(v, ranges)));
            }
        }
    }

    /**
     * {@code S.info.n} as {@code (S.info).n}: DuckDB's MERGE fails to bind a field read through the table's name
     * in a clause (an internal error), and reads the parenthesized form.
     */
    private static void parenthesizeFieldReads(Expression expression, Set<String> ranges) {
        if (expression == null) return;
        expression.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Column column, S context) {
                if (column.getTable() == null) return null;
                List<String> path = writtenParts(column.getTable());
                if (path.size() >= 2 && ranges.contains(ScriptScope.normalize(path.get(0)))) {
                    String read = "(" + path.get(0) + "." + path.get(1) + ")";
                    column.setTable(new Table(read + (path.size() > 2 ? "." + String.join(".", path.subList(2, path.size())) : "")));
                }
                return null;
            }
        }, null);
    }

    /** A qualifier's parts in the order written (JSqlParser keeps them last first). */
    private static List<String> writtenParts(Table table) {
        List<String> parts = new ArrayList<>(table.getNameParts());
        Collections.reverse(parts);
        return parts;
    }

    /** The name a MERGE's table or source is known by: its alias, else a table's name; null for a subquery without alias. */
    static String qualifier(FromItem item) {
        Alias alias = item == null ? null : item.getAlias();
        if (alias != null && alias.getName() != null) return alias.getName();
        return item instanceof Table table ? table.getName() : null;
    }

    /** {@code ranges}: the MERGE's target and source names; a path that starts with neither reads a struct column ({@code info.n}). */
    private static void qualify(Expression expression, String qualifier, Set<String> ranges, Predicate<String> isVariable) {
        if (expression == null) return;
        // the adapter has no select visitor, so it does not enter subqueries
        expression.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Column column, S context) {
                String name = column.getColumnName();
                boolean keyword = name.equalsIgnoreCase("DEFAULT") || name.equals(DuckDbMergeDeParser.BY_SOURCE);
                Table table = column.getTable();
                if (table == null || table.getName() == null) {
                    if (!keyword && !isVariable.test(name)) column.setTable(new Table(qualifier));
                    return null;
                }
                List<String> path = writtenParts(table);
                if (!ranges.contains(ScriptScope.normalize(path.get(0))) && !isVariable.test(path.get(0))) {
                    path.add(0, qualifier);
                    column.setTable(new Table(path));
                }
                return null;
            }
        }, null);
    }
}
