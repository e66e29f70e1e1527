package io.porygon.core.lineage;

import io.porygon.core.sql.QueryParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.Pivot;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * {@code FROM input PIVOT(SUM(sales) [AS total] FOR quarter IN ('Q1' [AS first], ...))}, as BigQuery defines it: a
 * column per IN value and aggregate, derived from the columns the aggregate reads; the input's other columns group the
 * rows and pass through. The FOR column only picks the rows each pivoted column aggregates, as a WHERE would, so it is
 * not a source (sqlglot answers the same).
 */
final class PivotedRelation {
    private PivotedRelation() {}

    /** @param inputName the name the aggregates may qualify the input's columns with */
    static Relation of(String label, Relation input, String inputName, Pivot pivot, Scope outer, QueryLineage queries) {
        if (pivot.getSingleInItems() == null) return new OpaqueRelation(label, "a PIVOT over several columns is not followed");
        Scope inputScope = new Scope(outer);
        inputScope.add(inputName, input);
        List<SelectItem<Function>> aggregates = pivot.getFunctionItems();
        Set<String> consumed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        pivot.getForColumns().forEach(c -> consumed.add(inputColumn(c, inputName)));
        List<Derivation> aggregated = new ArrayList<>();
        for (SelectItem<Function> aggregate : aggregates) {
            aggregated.add(ExpressionSources.of(aggregate.getExpression(), inputScope, queries, null));
            consumed.addAll(readColumns(aggregate.getExpression(), inputName));
        }
        List<ColumnLineage> pivoted = new ArrayList<>();
        for (SelectItem<?> value : pivot.getSingleInItems()) {
            String valueName = valueName(value);
            if (valueName == null) return new OpaqueRelation(label, "PIVOT names no column for IN value " + value + " (give it an alias)");
            for (int i = 0; i < aggregates.size(); i++) {
                SelectItem<Function> aggregate = aggregates.get(i);
                // BigQuery: aggregate alias _ value name; a lone aggregate may go without an alias
                if (aggregate.getAlias() == null && aggregates.size() > 1) {
                    return new OpaqueRelation(label, "a PIVOT of several aggregates needs an alias on each");
                }
                String name = aggregate.getAlias() == null ? valueName : QueryParser.identifier(aggregate.getAlias().getName()) + "_" + valueName;
                pivoted.add(new ColumnLineage(name, aggregated.get(i)));
            }
        }
        return DerivedRelation.passingThrough(label, input, consumed, pivoted);
    }

    /** The name BigQuery gives an IN value's column without an alias; null for a value it gives none we can tell. */
    private static String valueName(SelectItem<?> value) {
        if (value.getAlias() != null) return QueryParser.identifier(value.getAlias().getName());
        Expression e = value.getExpression();
        if (e instanceof StringValue s) return s.getValue();
        if (e instanceof LongValue n) return "_" + n.getStringValue();
        if (e instanceof SignedExpression s && s.getSign() == '-' && s.getExpression() instanceof LongValue n) return "minus_" + n.getStringValue();
        if (e instanceof BooleanValue b) return b.getValue() ? "TRUE" : "FALSE";
        if (e instanceof NullValue) return "NULL";
        return null;
    }

    /** The input's columns an aggregate reads: grouped by no longer, they leave the output. */
    private static Set<String> readColumns(Expression aggregate, String inputName) {
        Set<String> read = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        aggregate.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Column column, S context) {
                read.add(inputColumn(column, inputName));
                return null;
            }
        }, null);
        return read;
    }

    /** {@code x.sales} or {@code sales} (or a field of it): the input's column {@code sales}. */
    private static String inputColumn(Column column, String inputName) {
        List<String> path = ExpressionSources.path(column);
        return path.size() > 1 && path.get(0).equalsIgnoreCase(inputName) ? path.get(1) : path.get(0);
    }
}
