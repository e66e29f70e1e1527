package io.porygon.core.sql;

import io.porygon.core.sql.DuckDbExpressionDeParser.Operand;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;

/**
 * Prints BigQuery's array subscripts ({@code arr[OFFSET(i)]}, {@code [ORDINAL(i)]}, their SAFE_ forms,
 * a bare {@code [i]}) on DuckDB's one-based lists, with BigQuery's errors out of bounds; a bare
 * {@code [i]} on JSON is JSON's zero-based subscript.
 */
final class SubscriptPrinter {

    private final DuckDbExpressionDeParser printer;
    private final Set<String> userFunctions;

    SubscriptPrinter(DuckDbExpressionDeParser printer, Set<String> userFunctions) {
        this.printer = printer;
        this.userFunctions = userFunctions;
    }

    /** {@code object[index]} on an array expression, parenthesized: a translated call may print as an operator expression. */
    void onExpression(Expression object, Expression index) {
        subscript(new Operand("(" + printer.printed(() -> printer.print(object)) + ")", RepeatableExpression.test(object, userFunctions)), index);
    }

    /** {@code array[i][j]...}: each subscript applies to the element the previous one gave. */
    void all(Operand array, List<? extends Expression> indexes) {
        Operand current = array;
        for (int k = 0; k < indexes.size() - 1; k++) {
            Operand previous = current;
            Expression index = indexes.get(k);
            current = new Operand(printer.printed(() -> subscript(previous, index)),
                    previous.repeatable() && RepeatableExpression.test(index, userFunctions));
        }
        subscript(current, indexes.get(indexes.size() - 1));
    }

    /**
     * arr[OFFSET(i)] is zero-based, arr[ORDINAL(i)] one-based; DuckDB lists are one-based. DuckDB
     * counts a negative index from the end, where BigQuery's SAFE_ forms give NULL: a SAFE_ index
     * that may be negative becomes NULL there (DuckDB's subscript of NULL is NULL). OFFSET and
     * ORDINAL out of bounds are an error in BigQuery, where DuckDB gives NULL: they raise it.
     */
    private void subscript(Operand array, Expression index) {
        if (index instanceof StringValue) {
            printer.out().append(array.sql()).append('[');
            printer.print(index); // json_col['field']
            printer.out().append(']');
            return;
        }
        String kind = "OFFSET";
        Expression i = index;
        if (index instanceof Function f && f.getParameters() != null && f.getParameters().size() == 1) {
            kind = f.getName().toUpperCase(Locale.ROOT);
            i = (Expression) f.getParameters().get(0);
        }
        Expression position = i;
        boolean nonNegativeLiteral = i instanceof LongValue n && n.getValue() >= 0;
        if (!isPositionFunction(index)) {
            jsonOrOffset(array, position);
            return;
        }
        switch (kind) {
            case "OFFSET", "ORDINAL" -> checkedSubscript(array, position, kind.equals("OFFSET") ? 0 : 1, kind);
            case "SAFE_OFFSET" -> {
                printer.out().append(array.sql()).append('[');
                atLeast(i, 0, nonNegativeLiteral, () -> offset(position));
                printer.out().append(']');
            }
            case "SAFE_ORDINAL" -> {
                printer.out().append(array.sql()).append('[');
                atLeast(i, 1, nonNegativeLiteral, () -> printer.printArgument(position));
                printer.out().append(']');
            }
            default -> throw new Untranslatable("array subscript " + index, "write arr[OFFSET(i)] or arr[ORDINAL(i)]");
        }
    }

    /** arr[OFFSET(i)] / arr[ORDINAL(i)]: an index outside the array raises BigQuery's error; a NULL array or index gives NULL. */
    private void checkedSubscript(Operand array, Expression i, int first, String kind) {
        if (i instanceof LongValue n && n.getValue() >= first) {
            printer.once(List.of(array), o -> checkedLiteral(o.get(0), n.getValue(), first, kind));
            return;
        }
        printer.once(List.of(array, printer.operand(i)), o -> checked(o.get(0), o.get(1), first, kind));
    }

    /**
     * A bare {@code x[i]}: OFFSET(i) when x is an array, but a zero-based element when x is JSON
     * ({@code json_col.items[0]}), NULL out of bounds or below 0, as BigQuery's JSON subscript is. The
     * translator does not know x's type, so DuckDB's typeof() picks, the same for every row.
     */
    private void jsonOrOffset(Operand array, Expression i) {
        if (i instanceof LongValue n && n.getValue() >= 0) {
            printer.once(List.of(array), o -> "CASE WHEN typeof(" + o.get(0) + ") = 'JSON' THEN " + o.get(0) + "[" + n.getValue() + "] ELSE "
                    + checkedLiteral(o.get(0), n.getValue(), 0, "OFFSET") + " END");
            return;
        }
        printer.once(List.of(array, printer.operand(i)), o -> "CASE WHEN typeof(" + o.get(0) + ") = 'JSON' THEN CASE WHEN " + o.get(1)
                + " >= 0 THEN " + o.get(0) + "[" + o.get(1) + "] END ELSE " + checked(o.get(0), o.get(1), 0, "OFFSET") + " END");
    }

    private static String checkedLiteral(String a, long index, int first, String kind) {
        long element = index - first + 1;
        String problem = "'array index " + kind + "(" + index + ") is out of bounds (array length '";
        return "CASE WHEN len(" + a + ") < " + element + " THEN error(" + problem + " || CAST(len(" + a + ") AS VARCHAR) || ')') ELSE "
                + a + "[" + element + "] END";
    }

    private static String checked(String a, String x, int first, String kind) {
        String element = first == 0 ? x + " + 1" : x;
        return "CASE WHEN len(" + a + ") IS NULL THEN NULL WHEN " + x + " < " + first + " OR " + element + " > len(" + a
                + ") THEN error('array index " + kind + "(' || CAST(" + x + " AS VARCHAR) || ') is out of bounds (array length ' || CAST(len("
                + a + ") AS VARCHAR) || ')') ELSE " + a + "[" + element + "] END";
    }

    /**
     * A string subscript is a JSON field, the same in DuckDB. A bare index is JSON's element or an
     * array's OFFSET, which {@link #jsonOrOffset} tells apart when the query runs.
     */
    static boolean isJsonSubscript(Expression object, Expression index) {
        return index instanceof StringValue;
    }

    private static final Set<String> POSITION_FUNCTIONS = Set.of("OFFSET", "SAFE_OFFSET", "ORDINAL", "SAFE_ORDINAL");

    private static boolean isPositionFunction(Expression index) {
        return index instanceof Function f && f.getParameters() != null && f.getParameters().size() == 1
                && POSITION_FUNCTIONS.contains(f.getName().toUpperCase(Locale.ROOT));
    }

    /** Prints {@code index}, or NULL where {@code i} is below {@code first}, unless it is known not to be. */
    private void atLeast(Expression i, int first, boolean known, Runnable index) {
        if (known) {
            index.run();
            return;
        }
        printer.out().append("CASE WHEN ");
        printer.printArgument(i);
        printer.out().append(" >= ").append(first).append(" THEN ");
        index.run();
        printer.out().append(" END");
    }

    private void offset(Expression i) {
        printer.out().append('(');
        printer.print(i);
        printer.out().append(") + 1");
    }
}
