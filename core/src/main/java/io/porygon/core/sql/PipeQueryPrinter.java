package io.porygon.core.sql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.statement.piped.AggregatePipeOperator;
import net.sf.jsqlparser.statement.piped.AsPipeOperator;
import net.sf.jsqlparser.statement.piped.DropPipeOperator;
import net.sf.jsqlparser.statement.piped.FromQuery;
import net.sf.jsqlparser.statement.piped.JoinPipeOperator;
import net.sf.jsqlparser.statement.piped.LimitPipeOperator;
import net.sf.jsqlparser.statement.piped.OrderByPipeOperator;
import net.sf.jsqlparser.statement.piped.PivotPipeOperator;
import net.sf.jsqlparser.statement.piped.PipeOperator;
import net.sf.jsqlparser.statement.piped.SelectPipeOperator;
import net.sf.jsqlparser.statement.piped.SetOperationPipeOperator;
import net.sf.jsqlparser.statement.piped.SetPipeOperator;
import net.sf.jsqlparser.statement.piped.TableSamplePipeOperator;
import net.sf.jsqlparser.statement.piped.UnPivotPipeOperator;
import net.sf.jsqlparser.statement.piped.WherePipeOperator;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.Pivot;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SelectVisitor;
import net.sf.jsqlparser.statement.select.UnPivot;
import net.sf.jsqlparser.util.deparser.OrderByDeParser;

/**
 * Prints BigQuery's pipe syntax ({@code FROM t |> WHERE ... |> AGGREGATE ... GROUP BY ...}) as standard
 * SQL. Operators fill one SELECT while they can, so the FROM clause's table aliases stay visible to
 * them; when an operator has to apply after what that SELECT already does (a WHERE after a SELECT, a
 * second LIMIT), the SELECT becomes the FROM of a new one.
 */
final class PipeQueryPrinter {

    private final DuckDbExpressionDeParser expressions;
    private final DuckDbSelectDeParser selects;
    private final PivotPrinter pivots;

    PipeQueryPrinter(DuckDbExpressionDeParser expressions, DuckDbSelectDeParser selects, PivotPrinter pivots) {
        this.expressions = expressions;
        this.selects = selects;
        this.pivots = pivots;
    }

    /** One SELECT being filled by the operators; its parts are DuckDB text. */
    private static final class Query {
        final StringBuilder from;
        /** The one table alias its rows still answer to (BigQuery keeps it until a SELECT or AGGREGATE), or null. */
        String rangeAlias;
        final List<String> where = new ArrayList<>();
        String select;
        boolean selectExtendsStar;
        boolean distinct;
        String groupBy;
        String qualify;
        String orderBy;
        String limit;
        /** The columns BigQuery shows first over the joins of {@link #from} with USING (see DuckDbSelectDeParser#usingColumnsFirst). */
        final List<Column> usingFirst = new ArrayList<>();
        /**
         * Set when BigQuery's order of the star over its joins cannot be printed (a parenthesized join with USING on the
         * right of another join): thrown only when such a star is printed, not for the columns named.
         */
        Untranslatable starUnordered;

        Query(String from) {
            this.from = new StringBuilder(from);
        }

        /** Nothing yet shapes its rows after the FROM and WHERE: a filter, a join or a projection can still go in. */
        boolean onlyFiltered() {
            return select == null && groupBy == null && qualify == null && orderBy == null && limit == null;
        }

        /** This SELECT as the FROM of a new one, under {@code alias}, else under the alias its rows still have. */
        Query wrapped(String alias) {
            String name = alias != null ? alias : rangeAlias;
            Query outer = new Query("(" + render(true) + ")" + (name == null ? "" : " AS " + name));
            outer.rangeAlias = name;
            // its columns are still the star's, in DuckDB's order: a star over them is refused, columns named are not
            if (select == null || selectExtendsStar) outer.starUnordered = starUnordered;
            return outer;
        }

        String render() {
            return render(false);
        }

        /** {@code inner}: the FROM of another query, which carries on a star whose order is unknown ({@link #starUnordered}). */
        private String render(boolean inner) {
            if (!inner && starUnordered != null && (select == null || selectExtendsStar)) throw starUnordered;
            StringBuilder sql = new StringBuilder("SELECT ");
            if (distinct) sql.append("DISTINCT ");
            sql.append(select == null ? (inner && starUnordered != null ? "*" : star()) : select).append(" FROM ").append(from);
            if (!where.isEmpty()) sql.append(" WHERE ").append(String.join(" AND ", where));
            if (groupBy != null) sql.append(" GROUP BY ").append(groupBy);
            if (qualify != null) sql.append(" QUALIFY ").append(qualify);
            if (orderBy != null) sql.append(" ORDER BY ").append(orderBy);
            if (limit != null) sql.append(' ').append(limit);
            return sql.toString();
        }

        /** The input's columns in BigQuery's order: a join's USING columns first, as a standard SELECT * shows them. */
        String star() {
            if (starUnordered != null) throw starUnordered;
            if (usingFirst.isEmpty()) return "*";
            String names = String.join(", ", usingFirst.stream().map(Column::getColumnName).toList());
            return names + ", * EXCLUDE (" + names + ")";
        }

        /** Whether its columns are those of FROM ... JOIN ... USING: a star of a later step needs the order {@link #star} gives. */
        boolean joinsUsing() {
            return !usingFirst.isEmpty() || starUnordered != null;
        }

        /** {@link #usingFirst} after one more join; the order unknown after a parenthesized join with USING on its right. */
        void join(Join join) {
            if (starUnordered != null) return;
            try {
                DuckDbSelectDeParser.afterJoin(usingFirst, join);
            } catch (Untranslatable unordered) {
                starUnordered = unordered;
            }
        }
    }

    String print(FromQuery query) {
        Query current;
        if (query.isUsingFromKeyword()) {
            selects.printAsOneColumn(query.getFromItem());
            current = new Query(printed(() -> query.getFromItem().accept(selects, null)));
            try {
                current.usingFirst.addAll(DuckDbSelectDeParser.usingColumnsFirst(query.getFromItem(), null));
            } catch (Untranslatable unordered) {
                current.starUnordered = unordered;
            }
            if (query.getJoins() != null) {
                for (Join join : query.getJoins()) {
                    current.join(join);
                    current.from.append(' ').append(join(join));
                }
            } else if (query.getFromItem().getAlias() != null) {
                current.rangeAlias = query.getFromItem().getAlias().getName();
            } else if (query.getFromItem() instanceof Table table) {
                current.rangeAlias = table.getName();
            }
        } else {
            // a standard query followed by pipe operators
            current = new Query("(" + printed(() -> query.getFromItem().accept(selects, null)) + ")");
        }
        for (PipeOperator operator : query.getPipeOperators()) current = apply(current, operator);
        if (query.getWithItemsList() == null || query.getWithItemsList().isEmpty()) return current.render();
        List<String> ctes = query.getWithItemsList().stream().map(w -> printed(() -> selects.visit(w, null))).toList();
        return "WITH " + String.join(", ", ctes) + " " + current.render();
    }

    /**
     * Hands every FROM item (tables, subqueries, joined items, set operations' queries) and every
     * expression of a pipe query to the consumers: JSqlParser's table finder does not walk pipe syntax.
     */
    static void walk(FromQuery query, Consumer<FromItem> items, Consumer<Expression> expressions) {
        if (query.getWithItemsList() != null) query.getWithItemsList().forEach(w -> items.accept(w.getSelect()));
        items.accept(query.getFromItem());
        List<Join> joins = new ArrayList<>(query.getJoins() == null ? List.of() : query.getJoins());
        for (PipeOperator operator : query.getPipeOperators()) {
            if (operator instanceof JoinPipeOperator join) joins.add(join.getJoin());
            else if (operator instanceof SetOperationPipeOperator setOperation) setOperation.getSelects().forEach(items);
            else if (operator instanceof WherePipeOperator where) expressions.accept(where.getExpression());
            else if (operator instanceof SelectPipeOperator select) select.getSelectItems().forEach(i -> expressions.accept(i.getExpression()));
            else if (operator instanceof AggregatePipeOperator aggregate) {
                aggregate.getSelectItems().forEach(i -> expressions.accept(i.getExpression()));
                aggregate.getGroupItems().forEach(i -> expressions.accept(i.getExpression()));
            } else if (operator instanceof SetPipeOperator set) {
                set.getUpdateSets().forEach(u -> u.getValues().forEach(expressions));
            } else if (operator instanceof OrderByPipeOperator order) {
                order.getOrderByElements().forEach(e -> expressions.accept(e.getExpression()));
            }
        }
        for (Join join : joins) {
            items.accept(join.getRightItem());
            if (join.getOnExpressions() != null) join.getOnExpressions().forEach(expressions);
        }
    }

    private Query apply(Query q, PipeOperator operator) {
        if (operator instanceof WherePipeOperator where) {
            String condition = printed(where.getExpression());
            // a window function filters after the others, as QUALIFY does (pipe syntax has no QUALIFY)
            boolean window = callsWindowFunction(where.getExpression());
            Query target = q.onlyFiltered() ? q : q.wrapped(null);
            if (window) target.qualify = condition;
            else target.where.add(condition);
            return target;
        }
        if (operator instanceof SelectPipeOperator select) return project(q, select);
        if (operator instanceof AggregatePipeOperator aggregate) return aggregate(q, aggregate);
        if (operator instanceof SetPipeOperator set) {
            List<String> replaced = new ArrayList<>();
            for (var update : set.getUpdateSets()) {
                for (int i = 0; i < update.getColumns().size(); i++) {
                    Expression value = update.getValue(i);
                    replaced.add(printed(value) + " AS " + update.getColumn(i).getColumnName());
                }
            }
            return withStar(q, "* REPLACE (" + String.join(", ", replaced) + ")");
        }
        if (operator instanceof DropPipeOperator drop) {
            return withStar(q, "* EXCLUDE (" + String.join(", ", drop.getColumns().stream().map(c -> c.getColumnName()).toList()) + ")");
        }
        if (operator instanceof AsPipeOperator as) return q.wrapped(as.getAlias().getName());
        if (operator instanceof OrderByPipeOperator order) {
            Query target = q.orderBy == null && q.limit == null ? q : q.wrapped(null);
            target.orderBy = String.join(", ", order.getOrderByElements().stream().map(this::orderItem).toList());
            return target;
        }
        if (operator instanceof LimitPipeOperator limit) {
            Query target = q.limit == null ? q : q.wrapped(null);
            target.limit = "LIMIT " + printed(limit.getLimitExpression())
                    + (limit.getOffsetExpression() == null ? "" : " OFFSET " + printed(limit.getOffsetExpression()));
            return target;
        }
        if (operator instanceof JoinPipeOperator join) {
            // a filter of the left side may stay in WHERE for an inner or left join, not for a right or full one
            boolean rowsKept = q.where.isEmpty() || !(join.getJoin().isRight() || join.getJoin().isFull());
            Query target = q.onlyFiltered() && rowsKept ? q : q.wrapped(null);
            target.join(join.getJoin());
            target.from.append(' ').append(join(join.getJoin()));
            target.rangeAlias = null; // two tables now: a later new SELECT keeps neither alias
            return target;
        }
        if (operator instanceof SetOperationPipeOperator setOperation) return setOperation(q, setOperation);
        if (operator instanceof PivotPipeOperator pivot) return new Query(printed(() -> pivots.pivot(pivot(pivot), input(q), null)));
        if (operator instanceof UnPivotPipeOperator unpivot) return new Query(printed(() -> pivots.unpivot(unpivot(unpivot), input(q))));
        if (operator instanceof TableSamplePipeOperator sample) {
            BigDecimal percent = BigDecimal.valueOf(sample.getPercent()).stripTrailingZeros();
            return new Query("(" + q.render() + ") TABLESAMPLE SYSTEM (" + percent.toPlainString() + " PERCENT)");
        }
        String name = operator.getClass().getSimpleName().replace("PipeOperator", "").toUpperCase(Locale.ROOT);
        throw new Untranslatable("the pipe operator |> " + name + " has no DuckDB form yet",
                "write that step as a standard query: SELECT ... FROM (the query so far)", "|> " + name);
    }

    /** Prints the query so far as the FROM item of a PIVOT or UNPIVOT. */
    private Runnable input(Query q) {
        return () -> expressions.getBuilder().append('(').append(q.render()).append(')');
    }

    private static Pivot pivot(PivotPipeOperator operator) {
        Pivot pivot = new Pivot();
        pivot.setFunctionItems(List.of(new SelectItem<>(operator.getAggregateExpression())));
        pivot.setForColumns(new ExpressionList<>(operator.getInputColumn()));
        pivot.setSingleInItems(operator.getPivotColumns());
        pivot.setAlias(operator.getAlias());
        return pivot;
    }

    private static UnPivot unpivot(UnPivotPipeOperator operator) {
        UnPivot unpivot = new UnPivot();
        unpivot.setUnPivotClause(new ExpressionList<>(operator.getValuesColumn()));
        unpivot.setUnPivotForClause(new ExpressionList<>(operator.getNameColumn()));
        unpivot.setUnPivotInClause(operator.getPivotColumns());
        unpivot.setAlias(operator.getAlias());
        return unpivot;
    }

    /** Whether {@code condition} calls a window function itself (not in a subquery of its own). */
    private static boolean callsWindowFunction(Expression condition) {
        boolean[] found = {false};
        condition.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(AnalyticExpression analytic, S context) {
                found[0] = true;
                return null;
            }
        }, null);
        return found[0];
    }

    /** SELECT, EXTEND, WINDOW and RENAME: JSqlParser reads them all as a select operator with its name. */
    private Query project(Query q, SelectPipeOperator operator) {
        List<String> items = operator.getSelectItems().stream().map(this::selectItem).toList();
        String name = operator.getOperatorName().toUpperCase(Locale.ROOT);
        if (name.equals("EXTEND") || name.equals("WINDOW")) { // WINDOW is the older name of EXTEND
            // SELECT *, new columns: later extensions of the same SELECT may read the earlier ones
            boolean fits = q.groupBy == null && q.qualify == null && q.orderBy == null && q.limit == null
                    && (q.select == null || q.selectExtendsStar);
            Query target = fits ? q : q.wrapped(null);
            // over a star whose order is unknown, * stands for it: refused if it is printed as the result's
            String star = target.starUnordered != null ? "*" : target.star();
            target.select = (target.select == null ? star : target.select) + ", " + String.join(", ", items);
            target.selectExtendsStar = true;
            return target;
        }
        if (name.equals("RENAME")) return withStar(q, "* RENAME (" + String.join(", ", items) + ")");
        String modifier = operator.getModifier();
        if (modifier != null && !modifier.equalsIgnoreCase("DISTINCT") && !modifier.equalsIgnoreCase("ALL")) {
            throw new Untranslatable("|> SELECT " + modifier, "select the columns themselves", "SELECT");
        }
        // a star there, DuckDB's, would not show the USING columns first: it reads the joins' columns as BigQuery orders them
        boolean star = operator.getSelectItems().stream().anyMatch(i -> i.getExpression() instanceof AllColumns && !(i.getExpression() instanceof AllTableColumns));
        if (star && q.starUnordered != null) throw q.starUnordered;
        Query target = q.onlyFiltered() && !(star && q.joinsUsing()) ? q : q.wrapped(null);
        target.select = String.join(", ", items);
        target.starUnordered = null;
        target.distinct = modifier != null && modifier.equalsIgnoreCase("DISTINCT");
        target.rangeAlias = null; // a new table: BigQuery's SELECT keeps no table alias
        return target;
    }

    /** SET, DROP and RENAME: the input's columns, some of them changed. */
    private static Query withStar(Query q, String star) {
        // after a join with USING, from the columns in BigQuery's order
        if (q.starUnordered != null) throw q.starUnordered;
        Query target = q.onlyFiltered() && !q.joinsUsing() ? q : q.wrapped(null);
        target.select = star;
        return target;
    }

    /**
     * The grouping columns, then the aggregates; {@code GROUP AND ORDER BY} and ASC/DESC after an item
     * order the result by those items, grouping columns first.
     */
    private Query aggregate(Query q, AggregatePipeOperator operator) {
        Query target = q.onlyFiltered() ? q : q.wrapped(null);
        List<String> columns = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<String> order = new ArrayList<>();
        List<SelectItem<?>> groupItems = operator.getGroupItems();
        for (int i = 0; i < groupItems.size(); i++) {
            SelectItem<?> item = groupItems.get(i);
            if (item.getExpression() instanceof Function f
                    && Set.of("ROLLUP", "CUBE", "GROUPING SETS").contains(f.getName().toUpperCase(Locale.ROOT))) {
                throw new Untranslatable("|> AGGREGATE ... GROUP BY " + f.getName().toUpperCase(Locale.ROOT) + " is not translated",
                        "write that step as a standard query: SELECT ..., aggregates FROM (the query so far) GROUP BY "
                                + f.getName().toUpperCase(Locale.ROOT) + "(...)", "|> AGGREGATE");
            }
            String expression = printed(item.getExpression());
            String direction = direction(item, operator.getGroupItemsOrderSuffices(), i);
            columns.add(aliasIsDirection(item) ? expression : selectItem(item));
            groups.add(expression);
            if (direction != null || operator.isUsingShortHandOrdering()) order.add(expression + (direction == null ? "" : " " + direction));
        }
        List<SelectItem<?>> aggregates = operator.getSelectItems();
        for (int i = 0; i < aggregates.size(); i++) {
            SelectItem<?> item = aggregates.get(i);
            String direction = direction(item, operator.getSelectItemsOrderSuffices(), i);
            columns.add(aliasIsDirection(item) ? printed(item.getExpression()) : selectItem(item));
            if (direction != null) order.add(printed(item.getExpression()) + " " + direction);
        }
        target.select = String.join(", ", columns);
        target.starUnordered = null;
        target.rangeAlias = null;
        if (!groups.isEmpty()) target.groupBy = String.join(", ", groups);
        if (!order.isEmpty()) target.orderBy = String.join(", ", order);
        return target;
    }

    /**
     * The order suffix of an AGGREGATE item: after an alias JSqlParser keeps it in its suffix list; without
     * one it reads a lone ASC or DESC as the item's alias.
     */
    private static String direction(SelectItem<?> item, List<String> suffixes, int index) {
        String suffix = suffixes != null && index < suffixes.size() ? suffixes.get(index) : null;
        if (suffix != null && !suffix.isBlank()) return suffix.strip().toUpperCase(Locale.ROOT);
        return aliasIsDirection(item) ? item.getAlias().getName().toUpperCase(Locale.ROOT) : null;
    }

    private static boolean aliasIsDirection(SelectItem<?> item) {
        Alias alias = item.getAlias();
        return alias != null && (alias.getName().equalsIgnoreCase("ASC") || alias.getName().equalsIgnoreCase("DESC"));
    }

    private Query setOperation(Query q, SetOperationPipeOperator operator) {
        String modifier = operator.getModifier() == null ? "" : operator.getModifier().toUpperCase(Locale.ROOT).strip();
        if (!modifier.equals("ALL") && !modifier.equals("DISTINCT")) {
            throw new Untranslatable("|> " + operator.getSetOperationType() + " " + modifier, "write ALL or DISTINCT after it", "|>");
        }
        String keyword = " " + operator.getSetOperationType() + (modifier.equals("ALL") ? " ALL " : " ");
        StringBuilder union = new StringBuilder("(").append(q.render()).append(')');
        for (var select : operator.getSelects()) union.append(keyword).append(printed(() -> select.accept((SelectVisitor<StringBuilder>) selects, null)));
        return new Query("(" + union + ")");
    }

    private String join(Join join) {
        DuckDbSelectDeParser.joinUnnestOnTrue(join);
        selects.printAsOneColumn(join.getRightItem());
        return printed(() -> selects.deparseJoin(join)).strip();
    }

    private String selectItem(SelectItem<?> item) {
        // a field read after another expression is named after the field, as in a standard SELECT
        String name = item.getAlias() != null ? item.getAlias().getName() : DuckDbSelectDeParser.fieldName(item.getExpression());
        return printed(item.getExpression()) + (name == null ? "" : " AS " + name);
    }

    private String orderItem(OrderByElement element) {
        return printed(() -> new OrderByDeParser(expressions, expressions.getBuilder()).deParseElement(element));
    }

    private String printed(Expression expression) {
        return printed(() -> expression.accept(expressions, null));
    }

    private String printed(Runnable print) {
        return expressions.printed(print);
    }
}
