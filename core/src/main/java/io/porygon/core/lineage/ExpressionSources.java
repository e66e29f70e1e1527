package io.porygon.core.lineage;

import io.porygon.core.sql.QueryParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LambdaExpression;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * The upstream columns an expression reads, everywhere in it: arguments of functions and aggregates, CASE
 * conditions and results, a window's PARTITION BY and ORDER BY, and the columns a subquery in it returns.
 */
final class ExpressionSources extends ExpressionVisitorAdapter<Void> {
    /**
     * The argument where a function takes a date part, which JSqlParser reads as a column (DATE_TRUNC(d, MONTH)); as
     * the translator reads them (DateTimeFunctions): anywhere else DAY or date is a column.
     */
    private static final Map<String, Integer> DATE_PART_ARGUMENT = Map.of("DATE_TRUNC", 1, "DATETIME_TRUNC", 1, "TIMESTAMP_TRUNC", 1,
            "TIME_TRUNC", 1, "LAST_DAY", 1, "DATE_DIFF", 2, "DATETIME_DIFF", 2, "TIMESTAMP_DIFF", 2, "TIME_DIFF", 2);
    /** Words JSqlParser reads as columns where BigQuery means a date part (DATE_TRUNC(d, MONTH), WEEK(MONDAY)). */
    private static final Set<String> DATE_PARTS = Set.of("MICROSECOND", "MILLISECOND", "SECOND", "MINUTE", "HOUR", "DAY", "DAYOFWEEK",
            "DAYOFYEAR", "WEEK", "ISOWEEK", "MONTH", "QUARTER", "YEAR", "ISOYEAR", "DATE", "DATETIME", "TIME", "SUNDAY", "MONDAY",
            "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY");
    /** Functions without parentheses, which JSqlParser may read as columns. */
    private static final Set<String> NILADIC = Set.of("CURRENT_DATE", "CURRENT_TIMESTAMP", "CURRENT_DATETIME", "CURRENT_TIME");

    private final Scope scope;
    private final QueryLineage queries;
    private final List<WindowDefinition> namedWindows;
    private final List<Derivation> found = new ArrayList<>();
    private final Set<Column> dateParts = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The parameters of the lambdas being visited ({@code e} of {@code e -> e > 1}), by lower-case name: not columns. */
    private final List<String> lambdaParameters = new ArrayList<>();

    private ExpressionSources(Scope scope, QueryLineage queries, List<WindowDefinition> namedWindows) {
        this.scope = scope;
        this.queries = queries;
        this.namedWindows = namedWindows == null ? List.of() : namedWindows;
    }

    static Derivation of(Expression e, Scope scope, QueryLineage queries, List<WindowDefinition> namedWindows) {
        ExpressionSources v = new ExpressionSources(scope, queries, namedWindows);
        e.accept(v, null);
        return Derivation.merge(v.found);
    }

    @Override
    public <S> Void visit(Column column, S context) {
        List<String> path = path(column);
        // an element the function passes its lambda: its source is the array, an argument of the function
        if (lambdaParameters.contains(Scope.key(path.get(0)))) return null;
        if (path.size() == 1 && !column.getColumnName().startsWith("\"")) {
            String upper = path.get(0).toUpperCase(Locale.ROOT);
            if (dateParts.contains(column) && DATE_PARTS.contains(upper)) return null;
            if (NILADIC.contains(upper) && !scope.knows(path.get(0))) return null;
        }
        found.add(scope.resolve(path));
        return null;
    }

    @Override
    public <S> Void visit(Function function, S context) {
        Integer part = DATE_PART_ARGUMENT.get(function.getName().toUpperCase(Locale.ROOT).replaceFirst("^SAFE\\.", ""));
        if (part != null && function.getParameters() != null && part < function.getParameters().size()) {
            Expression p = function.getParameters().get(part);
            // WEEK(MONDAY): the weekday is part of the date part
            if (p instanceof Function week && week.getName().equalsIgnoreCase("WEEK") && week.getParameters() != null
                    && week.getParameters().size() == 1) {
                p = week.getParameters().get(0);
            }
            if (p instanceof Column c && c.getTable() == null) dateParts.add(c);
        }
        return super.visit(function, context);
    }

    @Override
    public <S> Void visit(LambdaExpression lambda, S context) {
        List<String> names = lambda.getIdentifiers().stream().map(n -> Scope.key(QueryParser.identifier(n))).toList();
        lambdaParameters.addAll(names);
        lambda.getExpression().accept(this, context);
        names.forEach(lambdaParameters::remove);
        return null;
    }

    @Override
    public <S> Void visit(AnalyticExpression analytic, S context) {
        // not JSqlParser's adapter: it leaves out the window and the aggregate's own ORDER BY (ARRAY_AGG(x ORDER BY d)
        // OVER (...)), whose presence makes it read the window's ORDER BY, null without one
        for (Expression e : new Expression[] {analytic.getExpression(), analytic.getOffset(), analytic.getDefaultValue()}) {
            if (e != null) e.accept(this, context);
        }
        if (analytic.getFuncOrderBy() != null) analytic.getFuncOrderBy().forEach(o -> o.getExpression().accept(this, context));
        if (analytic.getPartitionExpressionList() != null) for (Object p : analytic.getPartitionExpressionList()) ((Expression) p).accept(this, context);
        if (analytic.getOrderByElements() != null) analytic.getOrderByElements().forEach(o -> o.getExpression().accept(this, context));
        // OVER w, OVER (w ORDER BY ...): the named window's columns are in the WINDOW clause
        String named = analytic.getWindowName() != null ? analytic.getWindowName()
                : analytic.getWindowDefinition() != null ? analytic.getWindowDefinition().getWindowName() : null;
        for (WindowDefinition w : namedWindows) {
            if (named == null || !named.equalsIgnoreCase(w.getWindowName())) continue;
            if (w.getPartitionExpressionList() != null) for (Object p : w.getPartitionExpressionList()) ((Expression) p).accept(this, context);
            if (w.getOrderByElements() != null) w.getOrderByElements().forEach(o -> o.getExpression().accept(this, context));
        }
        return null;
    }

    @Override
    public <S> Void visit(ParenthesedSelect select, S context) {
        return subquery(select);
    }

    @Override
    public <S> Void visit(Select select, S context) {
        return subquery(select);
    }

    /** A scalar, IN, EXISTS or ARRAY subquery: its value comes from the columns it returns, which may be the query's CTEs'. */
    private Void subquery(Select select) {
        DerivedRelation rows = queries.select(select, scope, scope.ctes());
        List<Derivation> parts = new ArrayList<>();
        rows.lineage().forEach(c -> parts.add(c.derivation()));
        if (!rows.unknownStars().isEmpty()) parts.add(Derivation.unresolved("a subquery selects * of " + DerivedRelation.labels(rows.unknownStars())));
        found.add(Derivation.merge(parts));
        return null;
    }

    /** The parts of a column reference, unquoted: [alias, column, field...] or [column, field...]. */
    static List<String> path(Column column) {
        List<String> parts = new ArrayList<>();
        Table t = column.getTable();
        if (t != null) {
            if (t.getDatabaseName() != null) parts.add(QueryParser.identifier(t.getDatabaseName()));
            if (t.getSchemaName() != null) parts.add(QueryParser.identifier(t.getSchemaName()));
            if (t.getName() != null) parts.add(QueryParser.identifier(t.getName()));
        }
        parts.add(QueryParser.identifier(column.getColumnName()));
        return parts;
    }
}
