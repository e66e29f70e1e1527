package io.porygon.core.lineage;

import io.porygon.core.sql.QueryParser;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.StructType;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.Values;

/**
 * Rows written in the query, as config tables are: {@code UNNEST([STRUCT(...), ...])} or {@code (VALUES (...), ...) AS
 * v (a, b)}. Each column is derived from the values at its position in every row.
 */
final class LiteralRows {
    private LiteralRows() {}

    /**
     * {@code UNNEST([STRUCT(x AS a, ...), STRUCT(...)])}: the first struct names the columns. Null for an array that is
     * not written as structs whose first names all its fields.
     */
    static DerivedRelation structs(Expression array, Scope scope, QueryLineage queries) {
        if (!(array instanceof ArrayConstructor literal) || literal.getExpressions() == null || literal.getExpressions().isEmpty()
                || !(literal.getExpressions().get(0) instanceof StructType first) || first.getArguments() == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (SelectItem<?> field : first.getArguments()) {
            if (field.getAlias() == null) return null;
            names.add(QueryParser.identifier(field.getAlias().getName()));
        }
        List<List<Expression>> rows = new ArrayList<>();
        for (Expression e : literal.getExpressions()) {
            // the structs after the first may leave their fields unnamed: STRUCT('FR', 'France') or ('FR', 'France')
            if (e instanceof StructType struct && struct.getArguments() != null) {
                rows.add(struct.getArguments().stream().<Expression>map(SelectItem::getExpression).toList());
            } else if (e instanceof Function f && f.getName().equalsIgnoreCase("STRUCT") && f.getParameters() != null) {
                rows.add(new ArrayList<>(f.getParameters()));
            } else if (e instanceof ParenthesedExpressionList<?> row) {
                rows.add(new ArrayList<>(row));
            } else {
                return null;
            }
        }
        return byPosition("UNNEST", names, rows, scope, queries);
    }

    /**
     * {@code (VALUES (1, 'a'), (2, 'b')) AS v (n, s)}: the alias names the columns (no engine-independent name exists
     * without it, so null then). BigQuery has no VALUES; DuckDB and Spark read it.
     */
    static DerivedRelation values(Values values, Alias alias, Scope scope, QueryLineage queries) {
        if (alias == null || alias.getAliasColumns() == null) return null;
        List<String> names = alias.getAliasColumns().stream().map(c -> QueryParser.identifier(c.name)).toList();
        List<List<Expression>> rows = new ArrayList<>();
        // one row is parsed as the list of its values, several as a list of rows, each parenthesized or a lone value
        if (values.getExpressions() instanceof ParenthesedExpressionList<?> row) {
            rows.add(new ArrayList<>(row));
        } else {
            for (Expression e : values.getExpressions()) rows.add(e instanceof ParenthesedExpressionList<?> row ? new ArrayList<>(row) : List.of(e));
        }
        return byPosition("VALUES", names, rows, scope, queries);
    }

    private static DerivedRelation byPosition(String label, List<String> names, List<List<Expression>> rows, Scope scope, QueryLineage queries) {
        List<ColumnLineage> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            List<Derivation> parts = new ArrayList<>();
            for (List<Expression> row : rows) {
                parts.add(i < row.size() ? ExpressionSources.of(row.get(i), scope, queries, null)
                        : Derivation.unresolved("the rows of " + label + " have different numbers of values"));
            }
            columns.add(new ColumnLineage(names.get(i), Derivation.merge(parts)));
        }
        return new DerivedRelation(label, columns, List.of());
    }
}
