package io.porygon.core.sql;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.ArrayExpression;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.LambdaExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.StructType;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;

/**
 * Whether a GoogleSQL expression may be printed twice in a translation and still mean one value:
 * no subquery (it would run twice, and a correlated one per row), no volatile function (RAND,
 * GENERATE_UUID give a new value each time), no user function (whose body is unknown here). What
 * is not recognized counts as not repeatable: the caller then binds it once, which is always correct.
 */
final class RepeatableExpression {

    private static final Set<String> VOLATILE = Set.of("RAND", "GENERATE_UUID");

    private RepeatableExpression() {}

    static boolean test(Expression e, Set<String> userFunctions) {
        if (e == null) return true;
        if (e instanceof Column || e instanceof LongValue || e instanceof DoubleValue || e instanceof StringValue
                || e instanceof NullValue || e instanceof BooleanValue || e instanceof TimeKeyExpression
                || e instanceof DateTimeLiteralExpression || e instanceof HexValue) {
            return true;
        }
        if (e instanceof Parenthesis p) return test(p.getExpression(), userFunctions);
        if (e instanceof StructCoercion.Positional p) return test(p.value(), userFunctions);
        // (a + b) parses as a one-item parenthesized list
        if (e instanceof ExpressionList<?> list) return all(list, userFunctions);
        if (e instanceof SignedExpression s) return test(s.getExpression(), userFunctions);
        if (e instanceof NotExpression n) return test(n.getExpression(), userFunctions);
        if (e instanceof CastExpression c) return test(c.getLeftExpression(), userFunctions);
        if (e instanceof IsNullExpression n) return test(n.getLeftExpression(), userFunctions);
        if (e instanceof ExtractExpression x) return test(x.getExpression(), userFunctions);
        if (e instanceof IntervalExpression i) return test(i.getExpression(), userFunctions);
        if (e instanceof LambdaExpression l) return test(l.getExpression(), userFunctions);
        if (e instanceof BinaryExpression b) {
            return test(b.getLeftExpression(), userFunctions) && test(b.getRightExpression(), userFunctions);
        }
        if (e instanceof InExpression in) {
            return test(in.getLeftExpression(), userFunctions) && test(in.getRightExpression(), userFunctions);
        }
        if (e instanceof Between b) {
            return test(b.getLeftExpression(), userFunctions) && test(b.getBetweenExpressionStart(), userFunctions)
                    && test(b.getBetweenExpressionEnd(), userFunctions);
        }
        if (e instanceof ArrayExpression a) {
            return test(a.getObjExpression(), userFunctions) && test(a.getIndexExpression(), userFunctions)
                    && test(a.getStartIndexExpression(), userFunctions) && test(a.getStopIndexExpression(), userFunctions);
        }
        if (e instanceof ArrayConstructor a) return all(a.getExpressions(), userFunctions);
        if (e instanceof StructType s) {
            return s.getArguments() == null || s.getArguments().stream().allMatch(item -> test(item.getExpression(), userFunctions));
        }
        if (e instanceof CaseExpression c) {
            if (!test(c.getSwitchExpression(), userFunctions) || !test(c.getElseExpression(), userFunctions)) return false;
            for (WhenClause w : c.getWhenClauses()) {
                if (!test(w.getWhenExpression(), userFunctions) || !test(w.getThenExpression(), userFunctions)) return false;
            }
            return true;
        }
        if (e instanceof AnalyticExpression a) {
            // the same window over the same rows gives the same values
            return test(a.getExpression(), userFunctions) && test(a.getOffset(), userFunctions)
                    && test(a.getDefaultValue(), userFunctions);
        }
        if (e instanceof Function f) {
            List<String> parts = f.getMultipartName();
            String name = parts.get(parts.size() - 1).toUpperCase(Locale.ROOT);
            boolean builtIn = parts.size() == 1 || (parts.size() == 2 && parts.get(0).equalsIgnoreCase("SAFE"));
            if (!builtIn || VOLATILE.contains(name) || userFunctions.contains(name)) return false;
            return all(f.getParameters(), userFunctions);
        }
        return false;
    }

    private static boolean all(ExpressionList<?> list, Set<String> userFunctions) {
        if (list == null) return true;
        for (Object o : list) {
            if (o instanceof AllColumns) continue; // COUNT(*)
            if (!(o instanceof Expression x) || !test(x, userFunctions)) return false;
        }
        return true;
    }
}
