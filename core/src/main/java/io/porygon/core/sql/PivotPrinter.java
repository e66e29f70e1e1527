package io.porygon.core.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Pivot;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.UnPivot;

/**
 * Prints a FROM item that carries BigQuery's PIVOT or UNPIVOT. DuckDB has both operators, but names
 * and orders their output columns differently, so the operator goes into a subquery that gives the
 * output BigQuery's columns: for PIVOT {@code aggregateAlias_valueName} (DuckDB writes
 * {@code valueName_aggregateAlias}), a value's name derived as BigQuery derives it, a value listed
 * twice kept twice (DuckDB refuses that); for UNPIVOT the value columns before the name column, and
 * rows dropped only when every value column is NULL.
 */
final class PivotPrinter {

    private final DuckDbExpressionDeParser expressions;
    /** Receives each output column the operator defines, so that it is not read as a script variable. */
    private final Consumer<String> definesColumn;

    PivotPrinter(DuckDbExpressionDeParser expressions, Consumer<String> definesColumn) {
        this.expressions = expressions;
        this.definesColumn = definesColumn;
    }

    /** Prints {@code item}, through {@code printItem} for the item itself (its own alias included). */
    void print(FromItem item, Runnable printItem) {
        Pivot pivot = item.getPivot();
        UnPivot unpivot = item.getUnPivot();
        if (pivot == null && unpivot == null) {
            printItem.run();
            return;
        }
        if (pivot != null && unpivot != null) {
            throw new Untranslatable("PIVOT and UNPIVOT on one FROM item", "apply one of them in a subquery first", "PIVOT");
        }
        item.setPivot(null);
        item.setUnPivot(null);
        try {
            if (pivot != null) pivot(pivot, printItem, DuckDbSelectDeParser.rangeName(item));
            else unpivot(unpivot, printItem);
        } finally {
            item.setPivot(pivot);
            item.setUnPivot(unpivot);
        }
    }

    /**
     * Prints {@code pivot} applied to what {@code printItem} prints; {@code rangeName} is the item's
     * alias or table name, lower-cased, which BigQuery lets the aggregates use (null for none).
     */
    void pivot(Pivot pivot, Runnable printItem, String rangeName) {
        if (pivot.getMultiInItems() != null || pivot.getForColumns().size() != 1) {
            throw new Untranslatable("PIVOT over several columns", "pivot over one column: FOR column IN (...)", "PIVOT");
        }
        List<SelectItem<Function>> aggregates = pivot.getFunctionItems();
        boolean several = aggregates.size() > 1;
        if (several && aggregates.stream().anyMatch(a -> a.getAlias() == null)) {
            throw new Untranslatable("PIVOT with several aggregates, one without an alias",
                    "name each aggregate: PIVOT(SUM(x) AS total, COUNT(*) AS n FOR ...)", "PIVOT");
        }
        // DuckDB's PIVOT matches values by their text (2 is not 2.0) and takes only constants: the pivot
        // column becomes the number of the first value it equals, as BigQuery compares, and DuckDB pivots
        // on those numbers. The outer select gives every (value, aggregate) pair BigQuery's name, in
        // BigQuery's order, a repeated value included
        Map<String, Integer> valueNumbers = new LinkedHashMap<>();
        List<String> duckDbColumns = new ArrayList<>();
        List<String> outputColumns = new ArrayList<>();
        for (SelectItem<?> value : pivot.getSingleInItems()) {
            ValueName valueName = valueName(value);
            String printed = expressions.printed(() -> value.getExpression().accept(expressions, null));
            int number = valueNumbers.computeIfAbsent(printed, v -> valueNumbers.size());
            for (int a = 0; a < aggregates.size(); a++) {
                String duckDbName = "porygon_pivot_" + number + (several ? "_" + a : "");
                Alias alias = aggregates.get(a).getAlias();
                String name = alias == null ? valueName.alone() : name(alias) + "_" + valueName.suffix();
                if (!duckDbColumns.contains(duckDbName)) duckDbColumns.add(duckDbName);
                outputColumns.add(quote(duckDbName) + " AS " + quote(name));
                definesColumn.accept(name);
            }
        }
        Column column = pivot.getForColumns().get(0);
        String columnName = quote(name(column.getColumnName()));
        StringBuilder out = expressions.getBuilder();
        out.append("(SELECT * EXCLUDE (").append(String.join(", ", duckDbColumns.stream().map(PivotPrinter::quote).toList()))
                .append("), ").append(String.join(", ", outputColumns)).append(" FROM (SELECT * REPLACE (CASE");
        String compared = expressions.printed(() -> column.accept(expressions, null));
        valueNumbers.forEach((value, number) -> out.append(" WHEN ").append(compared).append(" IS NOT DISTINCT FROM ").append(value)
                .append(" THEN ").append(number));
        out.append(" END AS ").append(columnName).append(") FROM ");
        printItem.run();
        out.append(") PIVOT (");
        // DuckDB takes the aggregates' columns unqualified
        List<Column> qualified = new ArrayList<>();
        aggregates.forEach(a -> a.getExpression().accept(qualifiedBy(rangeName, qualified), null));
        List<Table> tables = qualified.stream().map(Column::getTable).toList();
        qualified.forEach(c -> c.setTable(null));
        expressions.pivotAggregates = true;
        try {
            for (int a = 0; a < aggregates.size(); a++) {
                if (a > 0) out.append(", ");
                aggregates.get(a).getExpression().accept(expressions, null);
                if (several) out.append(" AS \"").append(a).append('"');
            }
        } finally {
            expressions.pivotAggregates = false;
            for (int i = 0; i < qualified.size(); i++) qualified.get(i).setTable(tables.get(i));
        }
        out.append(" FOR ").append(columnName).append(" IN (");
        out.append(String.join(", ", valueNumbers.values().stream().map(n -> n + " AS " + quote("porygon_pivot_" + n)).toList()));
        out.append(")))");
        appendAlias(pivot.getAlias());
    }

    /** Collects into {@code found} the columns qualified by {@code rangeName}. */
    private static ExpressionVisitorAdapter<Void> qualifiedBy(String rangeName, List<Column> found) {
        return new ExpressionVisitorAdapter<>() {
            @Override
            public <S> Void visit(Column column, S context) {
                if (rangeName != null && column.getTable() != null && ScriptScope.normalize(column.getTable().getName()).equals(rangeName)) {
                    found.add(column);
                }
                return null;
            }
        };
    }

    /**
     * The names BigQuery derives from a pivot value: after an aggregate's alias ({@code total_1}) and
     * alone ({@code _1}, as a name cannot start with a digit).
     */
    private record ValueName(String suffix, String alone) {
        ValueName(String name) {
            this(name, name);
        }
    }

    /**
     * A value's name: its alias, else a string's text, {@code 1}, {@code minus_1} and {@code 1_point_5}
     * for numbers, {@code NULL}, {@code true}, {@code false}.
     */
    private static ValueName valueName(SelectItem<?> value) {
        if (value.getAlias() != null) return new ValueName(name(value.getAlias()));
        Expression e = value.getExpression();
        if (e instanceof StringValue s) return new ValueName(s.getValue());
        if (e instanceof NullValue) return new ValueName("NULL");
        if (e instanceof BooleanValue b) return new ValueName(String.valueOf(b.getValue()));
        if (e instanceof LongValue || e instanceof DoubleValue) return new ValueName(number(e), "_" + number(e));
        // DATE '2024-01-02' (JSqlParser reads it as a cast of the text): BigQuery names it _2024_01_02
        if (e instanceof CastExpression cast && cast.isImplicitCast() && cast.getLeftExpression() instanceof StringValue text
                && cast.getColDataType().getDataType().equalsIgnoreCase("DATE")) {
            return new ValueName("_" + text.getValue().replace('-', '_'));
        }
        if (e instanceof SignedExpression signed && signed.getSign() == '-'
                && (signed.getExpression() instanceof LongValue || signed.getExpression() instanceof DoubleValue)) {
            return new ValueName("minus_" + number(signed.getExpression()));
        }
        throw new Untranslatable("a PIVOT value without an alias: " + e, "name its column: IN (" + e + " AS name)", "PIVOT");
    }

    private static String number(Expression literal) {
        return literal.toString().replace(".", "_point_");
    }

    /** Prints {@code unpivot} applied to what {@code printItem} prints. */
    void unpivot(UnPivot unpivot, Runnable printItem) {
        List<Column> valueColumns = unpivot.getUnPivotClause();
        String nameColumn = name(unpivot.getUnPivotForClause().get(0).getColumnName());
        StringBuilder out = expressions.getBuilder();
        out.append("(SELECT * EXCLUDE (").append(quote(nameColumn)).append("), ").append(quote(nameColumn)).append(" FROM ");
        printItem.run();
        // a row goes when all its values are NULL; DuckDB's own EXCLUDE NULLS drops it when any is
        boolean dropAllNull = !unpivot.getIncludeNulls();
        out.append(" UNPIVOT").append(dropAllNull && valueColumns.size() == 1 ? "" : " INCLUDE NULLS").append(" (");
        List<String> values = valueColumns.stream().map(c -> quote(name(c.getColumnName()))).toList();
        out.append(values.size() == 1 ? values.get(0) : "(" + String.join(", ", values) + ")");
        out.append(" FOR ").append(quote(nameColumn)).append(" IN (");
        List<SelectItem<?>> columns = unpivot.getUnPivotInClause();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) out.append(", ");
            SelectItem<?> item = columns.get(i);
            out.append(expressions.printed(() -> item.getExpression().accept(expressions, null))); // a column, or (a, b)
            if (item.getAlias() != null) out.append(" AS ").append(item.getAlias().getName());
        }
        out.append("))");
        if (dropAllNull && values.size() > 1) {
            out.append(" WHERE NOT (").append(String.join(" AND ", values.stream().map(v -> v + " IS NULL").toList())).append(')');
        }
        out.append(')');
        appendAlias(unpivot.getAlias());
        definesColumn.accept(nameColumn);
        valueColumns.forEach(c -> definesColumn.accept(name(c.getColumnName())));
    }

    private void appendAlias(Alias alias) {
        if (alias != null) expressions.getBuilder().append(" AS ").append(alias.getName());
    }

    private static String name(Alias alias) {
        return name(alias.getName());
    }

    /** An identifier as written, without the double quotes the lexer may have put around it. */
    private static String name(String identifier) {
        return SqlQuoting.unquotedIdentifier(identifier);
    }

    private static String quote(String name) {
        return SqlQuoting.identifier(name);
    }
}
