package io.porygon.core.lineage;

import io.porygon.core.sql.QueryParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.UnPivot;

/**
 * {@code FROM input UNPIVOT(sales FOR quarter IN (q1, q2))}, or {@code ((a, b) FOR quarter IN ((q1a, q1b), ...))}, as
 * BigQuery defines it: the input's other columns pass through, then each values column, derived from the unpivoted
 * columns at its position in every set, then the name column, which holds the constant names (or aliases) of those
 * columns and so has no source.
 */
final class UnpivotedRelation {
    private UnpivotedRelation() {}

    static Relation of(String label, Relation input, UnPivot unpivot) {
        List<String> values = unpivot.getUnPivotClause().stream().map(c -> QueryParser.identifier(c.getColumnName())).toList();
        if (unpivot.getUnPivotForClause().size() != 1) return new OpaqueRelation(label, "an UNPIVOT with several name columns is not followed");
        String nameColumn = QueryParser.identifier(unpivot.getUnPivotForClause().get(0).getColumnName());
        List<List<String>> sets = new ArrayList<>();
        for (SelectItem<?> item : unpivot.getUnPivotInClause()) {
            List<String> set = columnSet(item.getExpression());
            if (set == null || set.size() != values.size()) {
                return new OpaqueRelation(label, "UNPIVOT's IN set " + item + " does not match its " + values.size() + " values columns");
            }
            sets.add(set);
        }
        Set<String> consumed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        sets.forEach(consumed::addAll);
        List<ColumnLineage> produced = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            List<Derivation> parts = new ArrayList<>();
            for (List<String> set : sets) parts.add(input.column(set.get(i)));
            produced.add(new ColumnLineage(values.get(i), Derivation.merge(parts)));
        }
        produced.add(new ColumnLineage(nameColumn, Derivation.NONE));
        return DerivedRelation.passingThrough(label, input, consumed, produced);
    }

    /** {@code q1} or {@code (q1a, q1b)}: the input's columns it names; null for anything else. */
    private static List<String> columnSet(Expression e) {
        if (e instanceof Column c) return List.of(QueryParser.identifier(c.getColumnName()));
        if (!(e instanceof ParenthesedExpressionList<?> list)) return null;
        List<String> set = new ArrayList<>();
        for (Expression part : list) {
            if (!(part instanceof Column c)) return null;
            set.add(QueryParser.identifier(c.getColumnName()));
        }
        return set;
    }
}
