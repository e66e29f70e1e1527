package io.porygon.core.sql;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.statement.select.OrderByElement;

/**
 * {@code IGNORE NULLS} (or {@code RESPECT NULLS}) written after an argument that is a call, as in GA4's
 * {@code LAST_VALUE(IF(c, s, NULL) IGNORE NULLS) OVER (...)}: JSqlParser hangs it on the argument's call
 * (the IF), BigQuery on the enclosing aggregate or window function. Moved there before translation.
 */
final class NullHandlingPlacement {
    /** The functions BigQuery takes IGNORE|RESPECT NULLS in. */
    private static final Set<String> TAKE_IT = Set.of("ARRAY_AGG", "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE", "PERCENTILE_CONT",
            "PERCENTILE_DISC", "APPROX_QUANTILES");

    private NullHandlingPlacement() {}

    static void fix(Function outer) {
        if (outer.getParameters() == null || outer.getParameters().isEmpty()) return;
        Function inner = misplaced(outer.getParameters().get(outer.getParameters().size() - 1));
        // the lexer writes ARRAY_AGG(x IGNORE NULLS ORDER BY f(y)) as ... ORDER BY f(y) IGNORE NULLS, for JSqlParser
        List<OrderByElement> order = outer.getOrderByElements();
        if (inner == null && order != null && !order.isEmpty()) inner = misplaced(order.get(order.size() - 1).getExpression());
        if (inner == null) return;
        outer.setNullHandling(nullHandling(inner));
        clear(inner);
    }

    static void fix(AnalyticExpression outer) {
        Function inner = misplaced(outer.getExpression());
        if (inner == null) return;
        outer.setNullHandling(nullHandling(inner));
        clear(inner);
    }

    /** The argument's call when it carries a null handling that belongs to the enclosing call, else null. */
    private static Function misplaced(Expression argument) {
        return argument instanceof Function f && (f.isIgnoreNulls() || f.getNullHandling() != null)
                && !TAKE_IT.contains(f.getName().toUpperCase(Locale.ROOT)) ? f : null;
    }

    private static Function.NullHandling nullHandling(Function f) {
        return f.getNullHandling() != null ? f.getNullHandling() : Function.NullHandling.IGNORE_NULLS;
    }

    private static void clear(Function f) {
        f.setNullHandling(null);
        f.setIgnoreNulls(false);
    }
}
