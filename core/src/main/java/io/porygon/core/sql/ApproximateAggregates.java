package io.porygon.core.sql;

import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;

import java.util.Map;
import java.util.Set;

/**
 * BigQuery's approximate aggregates computed exactly: an exact result is within any approximation
 * BigQuery allows, and it is deterministic, which tests need. (APPROX_COUNT_DISTINCT is a template
 * in {@link FunctionCatalog}.)
 */
final class ApproximateAggregates {

    /** The aggregates here read DISTINCT and IGNORE/RESPECT NULLS themselves. */
    static final Set<String> WITH_OWN_CLAUSES = Set.of("APPROX_QUANTILES", "APPROX_TOP_COUNT");

    private ApproximateAggregates() {}

    static void register(Map<String, CallRenderer> specials) {
        specials.put("APPROX_QUANTILES", ApproximateAggregates::quantiles);
        specials.put("APPROX_TOP_COUNT", ApproximateAggregates::topCount);
    }

    /** The {@code number} argument: BigQuery requires an INT64 literal (or a query parameter) here too. */
    private static long number(CallContext c, int index, String what) {
        if (!(c.args().get(index) instanceof LongValue n) || n.getValue() < 1) {
            throw c.unsupported("a number of " + what + " that is not a positive integer literal", "write the number of " + what + " as a literal, e.g. 4");
        }
        return n.getValue();
    }

    private static void refuseOrdering(CallContext c) {
        Function f = c.function();
        if ((f.getOrderByElements() != null && !f.getOrderByElements().isEmpty()) || f.getLimit() != null) {
            throw c.unsupported("ORDER BY or LIMIT", "BigQuery does not accept them here either");
        }
    }

    /**
     * APPROX_QUANTILES(x, n): the n+1 boundaries min, ..., max of the sorted values, the k-th being
     * the first value whose cumulative share reaches k/n (PERCENTILE_DISC's rule and DuckDB's
     * quantile_disc), computed with integers so no boundary moves by rounding. DISTINCT sorts the
     * distinct values; RESPECT NULLS keeps NULLs, which sort first. NULL when no value is not NULL.
     */
    private static void quantiles(CallContext c) {
        if (c.args().size() != 2) throw c.unsupported(c.args().size() + " arguments", "pass a value and the number of quantiles");
        refuseOrdering(c);
        Function f = c.function();
        long n = number(c, 1, "quantiles");
        boolean respectNulls = f.getNullHandling() == Function.NullHandling.RESPECT_NULLS;
        c.text("list_transform([");
        if (respectNulls) c.text("list_sort(");
        else c.text("list_sort(list_filter(");
        c.text(f.isDistinct() ? "list(DISTINCT " : "list(").arg(0).text(")");
        c.text(respectNulls ? ", 'ASC', 'NULLS FIRST')" : ", porygon_e -> porygon_e IS NOT NULL))");
        c.text("], porygon_s -> CASE WHEN coalesce(len(list_filter(porygon_s, porygon_e -> porygon_e IS NOT NULL)), 0) = 0 THEN NULL "
                + "ELSE list_transform(generate_series(0, " + n + "), porygon_k -> porygon_s[greatest(1, (len(porygon_s) * porygon_k + "
                + (n - 1) + ") // " + n + ")]) END)[1]");
    }

    /**
     * APPROX_TOP_COUNT(x, n): the n most frequent values with their counts, most frequent first (ties
     * by value); NULL counts as a value. NULL when there are no rows.
     */
    private static void topCount(CallContext c) {
        if (c.args().size() != 2) throw c.unsupported(c.args().size() + " arguments", "pass a value and the number of top elements");
        refuseOrdering(c);
        if (c.function().isDistinct() || c.function().getNullHandling() != null || c.function().isIgnoreNulls()) {
            throw c.unsupported("DISTINCT or IGNORE/RESPECT NULLS", "BigQuery does not accept them here either");
        }
        long n = number(c, 1, "top elements");
        // histogram() counts the values that are not NULL; the NULLs are count(*) - count(x)
        c.text("CASE WHEN count(*) = 0 THEN NULL ELSE list_transform(list_sort(list_concat(list_transform(map_entries(histogram(")
                .arg(0).text(")), porygon_e -> {'n': -CAST(porygon_e.value AS BIGINT), 'v': porygon_e.key}), CASE WHEN count(*) > count(")
                .arg(0).text(") THEN [{'n': -(count(*) - count(").arg(0).text(")), 'v': NULL}] ELSE [] END))[1:" + n
                        + "], porygon_e -> {'value': porygon_e.v, 'count': -porygon_e.n}) END");
    }
}
