package io.porygon.core.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import io.porygon.core.sql.DuckDbExpressionDeParser.UnnestColumn;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitor;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.RowGetExpression;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StructType;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.parser.ASTNodeAccessImpl;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.piped.FromQuery;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.Offset;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Pivot;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.UnPivot;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.util.deparser.OrderByDeParser;
import net.sf.jsqlparser.util.deparser.SelectDeParser;

/** Prints SELECT structure in DuckDB's dialect: UNNEST aliases and {@code SELECT AS STRUCT}. */
final class DuckDbSelectDeParser extends SelectDeParser {

    private final DuckDbExpressionDeParser expressions;
    /** Column names the statement defines (select-list and UNNEST aliases), lower-cased. */
    private final Set<String> columnAliases = new HashSet<>();

    private final PivotPrinter pivots;

    DuckDbSelectDeParser(DuckDbExpressionDeParser expressions, StringBuilder builder) {
        super(expressions, builder);
        this.expressions = expressions;
        this.pivots = new PivotPrinter(expressions, name -> columnAliases.add(ScriptScope.normalize(name)));
    }

    Set<String> columnAliases() {
        return columnAliases;
    }

    /** Aliases this printer gave to variable reads, which are not names the user defined. */
    private final Set<Alias> givenAliases = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Records an item's alias, unless the item only renames a name to itself ({@code x AS x}). */
    private void recordAlias(SelectItem<?> item) {
        Alias alias = item.getAlias();
        if (alias == null || givenAliases.contains(alias)) return;
        String name = ScriptScope.normalize(alias.getName());
        boolean itself = item.getExpression() instanceof Column c && c.getTable() == null
                && ScriptScope.normalize(c.getColumnName()).equals(name);
        if (!itself) columnAliases.add(name);
    }

    @Override
    public <S> StringBuilder visit(PlainSelect select, S context) {
        RecursiveCteOrder.reorder(select);
        Map<String, UnnestColumn> outer = expressions.unnestRanges(Map.of());
        expressions.unnestRanges(withOuterRanges(outer, select));
        List<Column> aliasReads = orderByAliasReads(select);
        expressions.readAsWritten(aliasReads, true);
        List<AllColumns> suffixless = withoutTableSuffix(select);
        List<AllColumns> elementless = withoutUnnestElements(select);
        List<AllColumns> overUsing = registerStarsOverUsing(select);
        try {
            return visitPlain(select, context);
        } finally {
            overUsing.forEach(starsOverUsing::remove);
            expressions.unnestRanges(outer);
            expressions.readAsWritten(aliasReads, false);
            elementless.forEach(star -> star.getExceptColumns().remove(star.getExceptColumns().size() - 1));
            suffixless.forEach(star -> star.getExceptColumns().remove(star.getExceptColumns().size() - 1));
        }
    }

    /**
     * A subquery reads the UNNEST aliases of the selects around it too (GA4's {@code (SELECT value FROM
     * UNNEST(items.item_params) ...)}), unless its own FROM clause names a range the same.
     */
    private static Map<String, UnnestColumn> withOuterRanges(Map<String, UnnestColumn> outer, PlainSelect select) {
        Map<String, UnnestColumn> own = unnestRanges(select);
        if (outer.isEmpty()) return own;
        Map<String, UnnestColumn> ranges = new HashMap<>(outer);
        ranges.keySet().removeAll(ownRangeNames(select));
        ranges.putAll(own);
        return ranges;
    }

    private static Set<String> ownRangeNames(PlainSelect select) {
        Set<String> names = new HashSet<>();
        for (FromItem item : fromItems(select)) {
            String name = rangeName(item);
            if (name != null) names.add(name);
        }
        return names;
    }

    /** The stars of the select lists being printed over joins with USING, and the columns each shows first. */
    private final Map<AllColumns, List<Column>> starsOverUsing = new IdentityHashMap<>();

    /**
     * Registers the stars of the select list ({@code *}, not {@code t.*}) over joins with USING in {@link
     * #starsOverUsing}. Returns the stars registered (the caller takes them back).
     */
    private List<AllColumns> registerStarsOverUsing(PlainSelect select) {
        List<AllColumns> stars = new ArrayList<>();
        for (SelectItem<?> item : select.getSelectItems()) {
            if (item.getExpression() instanceof AllColumns star && !(star instanceof AllTableColumns)) stars.add(star);
        }
        List<Column> first = stars.isEmpty() ? List.of() : usingColumnsFirst(select.getFromItem(), select.getJoins());
        if (first.isEmpty()) return List.of();
        List<AllColumns> registered = new ArrayList<>();
        for (AllColumns star : stars) if (starsOverUsing.putIfAbsent(star, first) == null) registered.add(star);
        return registered;
    }

    /**
     * The columns BigQuery's {@code SELECT *} shows first over a FROM item and its joins: a join with USING shows its
     * USING columns, then its left side's columns (so an earlier join's USING columns next), then its right side's.
     * Empty when no join has USING.
     */
    static List<Column> usingColumnsFirst(FromItem from, List<Join> joins) {
        List<Column> first = from instanceof ParenthesedFromItem p && isParenthesizedJoin(p)
                ? usingColumnsFirst(p.getFromItem(), p.getJoins()) : new ArrayList<>();
        if (joins != null) joins.forEach(join -> afterJoin(first, join));
        return first;
    }

    /**
     * {@code first} after one more join (see {@link #usingColumnsFirst(FromItem, List)}). A parenthesized join with
     * USING on the right would show its USING columns amid the others, which a DuckDB star cannot: refused.
     */
    static void afterJoin(List<Column> first, Join join) {
        FromItem right = join.getRightItem();
        if (isParenthesizedJoin(right) && !usingColumnsFirst(right, null).isEmpty()) {
            throw new Untranslatable("SELECT * over a parenthesized join with USING on the right of another join: BigQuery shows"
                    + " its USING columns after the left side's columns", "list the columns, or write the joins without parentheses", "USING");
        }
        if (join.getUsingColumns() == null || join.getUsingColumns().isEmpty()) return;
        Set<String> using = new HashSet<>();
        join.getUsingColumns().forEach(c -> using.add(ScriptScope.normalize(c.getColumnName())));
        first.removeIf(c -> using.contains(ScriptScope.normalize(c.getColumnName())));
        first.addAll(0, join.getUsingColumns());
    }

    /** A parenthesized FROM item of joins, {@code (a JOIN b USING (k))}, whose columns are theirs (no PIVOT on it). */
    private static boolean isParenthesizedJoin(FromItem item) {
        return item instanceof ParenthesedFromItem p && p.getJoins() != null && !p.getJoins().isEmpty()
                && p.getPivot() == null && p.getUnPivot() == null;
    }

    /**
     * BigQuery's {@code SELECT *} over joins with USING shows the USING columns first (see {@link #usingColumnsFirst(FromItem, List)}),
     * DuckDB's where the left side has them: they print before the star, which leaves them out ({@code SELECT k, *
     * EXCLUDE (k)}); a REPLACE of one goes with it. DuckDB's bare k, and its EXCLUDE of k, is the merged column
     * (COALESCE(a.k, b.k) after a FULL JOIN, as BigQuery's). A column k of a FROM item not joined USING k would be
     * left out too: BigQuery's result then has k twice, which a table refuses.
     */
    @Override
    protected void deparseSelectItemsClause(List<SelectItem<?>> items) {
        if (items == null || items.stream().noneMatch(i -> starsOverUsing.containsKey(i.getExpression()))) {
            super.deparseSelectItemsClause(items);
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) getBuilder().append(", ");
            List<Column> first = starsOverUsing.get(items.get(i).getExpression());
            if (first == null) items.get(i).accept(this, null);
            else printUsingColumnsFirst((AllColumns) items.get(i).getExpression(), first);
        }
    }

    private void printUsingColumnsFirst(AllColumns star, List<Column> first) {
        ExpressionList<Column> except = new ExpressionList<>();
        if (star.getExceptColumns() != null) except.addAll(star.getExceptColumns());
        List<SelectItem<?>> replace = star.getReplaceExpressions() == null ? new ArrayList<>() : new ArrayList<>(star.getReplaceExpressions());
        Set<String> excepted = new HashSet<>();
        except.forEach(c -> excepted.add(ScriptScope.normalize(c.getColumnName())));
        StringBuilder out = getBuilder();
        for (Column column : first) {
            String name = ScriptScope.normalize(column.getColumnName());
            if (excepted.contains(name)) continue;
            SelectItem<?> replaced = replace.stream().filter(r -> ScriptScope.normalize(r.getAlias().getName()).equals(name)).findFirst().orElse(null);
            if (replaced == null) {
                out.append(column.getColumnName());
            } else {
                replace.remove(replaced);
                replaced.getExpression().accept(expressions, null);
                out.append(" AS ").append(replaced.getAlias().getName());
            }
            out.append(", ");
            except.add(column);
        }
        new AllColumns(except, replace).accept(expressions, null);
    }

    /** The FROM item and the joined ones, in order. */
    private static List<FromItem> fromItems(PlainSelect select) {
        List<FromItem> items = new ArrayList<>();
        items.add(select.getFromItem());
        if (select.getJoins() != null) select.getJoins().forEach(j -> items.add(j.getRightItem()));
        return items;
    }

    private static final String TABLE_SUFFIX = "_TABLE_SUFFIX";

    /**
     * A star of the select list over a wildcard table leaves out its {@code _TABLE_SUFFIX}: a
     * pseudo-column in BigQuery, a column of the view that stands for the wildcard on DuckDB. Returns
     * the stars given the exception (the caller takes it back: a template may print the select again).
     */
    private static List<AllColumns> withoutTableSuffix(PlainSelect select) {
        Set<String> wildcards = wildcardRanges(select);
        if (wildcards.isEmpty()) return List.of();
        List<AllColumns> stars = new ArrayList<>();
        for (SelectItem<?> item : select.getSelectItems()) {
            boolean overWildcard = item.getExpression() instanceof AllTableColumns t ? wildcards.contains(ScriptScope.normalize(t.getTable().getName()))
                    : item.getExpression() instanceof AllColumns;
            if (overWildcard && except((AllColumns) item.getExpression(), TABLE_SUFFIX)) stars.add((AllColumns) item.getExpression());
        }
        return stars;
    }

    /**
     * A star of the select list leaves out the whole elements of the FROM clause's UNNESTs with an alias:
     * BigQuery's star shows a struct element's fields (and any other element itself), which the range
     * of such an UNNEST holds beside the whole element. Returns the stars given the exception.
     */
    private static List<AllColumns> withoutUnnestElements(PlainSelect select) {
        if (unnestRanges(select).values().stream().noneMatch(UnnestColumn::isElement)) return List.of();
        List<AllColumns> stars = new ArrayList<>();
        for (SelectItem<?> item : select.getSelectItems()) {
            if (item.getExpression() instanceof AllColumns star && !(star instanceof AllTableColumns)
                    && except(star, DuckDbExpressionDeParser.ELEMENT)) {
                stars.add(star);
            }
        }
        return stars;
    }

    /**
     * Adds {@code column} to a star's exceptions unless it is the last one already: a select printed within its own
     * printing ({@code SELECT AS STRUCT *}, {@link #structOfRows}) would list it twice, which DuckDB refuses.
     * Returns whether it added it (the caller takes back only those).
     */
    private static boolean except(AllColumns star, String column) {
        if (star.getExceptColumns() == null) star.setExceptColumns(new ExpressionList<>());
        List<Column> except = star.getExceptColumns();
        for (Column c : except) if (column.equals(c.getColumnName()) && c.getTable() == null) return false;
        except.add(new Column(column));
        return true;
    }

    /** The names a SELECT's FROM clause reads wildcard tables ({@code events_*}) by: their aliases, else their names. */
    private static Set<String> wildcardRanges(PlainSelect select) {
        Set<String> ranges = new HashSet<>();
        List<FromItem> items = fromItems(select);
        for (FromItem item : items) {
            if (item instanceof Table t && SqlQuoting.unquotedIdentifier(t.getName()).endsWith("*")) ranges.add(rangeName(t));
        }
        return ranges;
    }

    /**
     * The UNNEST aliases of a SELECT's FROM clause and the DuckDB ranges {@link #unnest} prints them in.
     */
    private static Map<String, UnnestColumn> unnestRanges(PlainSelect select) {
        List<FromItem> items = fromItems(select);
        Map<String, UnnestColumn> ranges = new HashMap<>();
        for (FromItem item : items) {
            if (!(item instanceof TableFunction t) || !t.getFunction().getName().equalsIgnoreCase("UNNEST")) continue;
            boolean offset = t.getWithClause() != null;
            if (t.getAlias() == null && !offset) continue;
            // WITH OFFSET without a name: the column is offset, a keyword DuckDB reads only qualified
            List<String> names = t.getAlias() == null ? List.of("offset") : unnestNames(t.getAlias().getName());
            boolean named = !offset || names.size() == 2;
            String range = unnestRange(named ? names.get(0).replace("\"", "") : UNNAMED_ELEMENT);
            if (named) ranges.put(ScriptScope.normalize(names.get(0)), new UnnestColumn(range, DuckDbExpressionDeParser.ELEMENT));
            if (offset) ranges.put(ScriptScope.normalize(names.get(names.size() - 1)), new UnnestColumn(range, quoted(names.get(names.size() - 1))));
        }
        return ranges;
    }

    /** A name as the inner select of an UNNEST's range gives it, in double quotes. */
    private static String quoted(String name) {
        return '"' + name.replace("\"", "") + '"';
    }

    /** For good, as a {@code SELECT AS STRUCT} becomes a struct for good: DuckDB has no column of the alias to order by. */
    private static void orderByAliasesAsExpressions(PlainSelect select) {
        if (select.getOrderByElements() == null) return;
        Map<String, Expression> aliased = new HashMap<>();
        for (SelectItem<?> item : select.getSelectItems()) {
            if (item.getAlias() != null) aliased.put(ScriptScope.normalize(item.getAlias().getName()), item.getExpression());
        }
        for (OrderByElement order : select.getOrderByElements()) {
            if (order.getExpression() instanceof Column c && c.getTable() == null) {
                Expression e = aliased.get(ScriptScope.normalize(c.getColumnName()));
                if (e != null) order.setExpression(e);
            }
        }
    }

    /** ORDER BY's bare names that a select-list alias defines: those read the alias, not an UNNEST's element (BigQuery's rule). */
    private static List<Column> orderByAliasReads(PlainSelect select) {
        if (select.getOrderByElements() == null) return List.of();
        Set<String> aliases = new HashSet<>();
        for (SelectItem<?> item : select.getSelectItems()) {
            if (item.getAlias() != null) aliases.add(ScriptScope.normalize(item.getAlias().getName()));
        }
        List<Column> reads = new ArrayList<>();
        for (OrderByElement order : select.getOrderByElements()) {
            if (order.getExpression() instanceof Column c && c.getTable() == null && aliases.contains(ScriptScope.normalize(c.getColumnName()))) {
                reads.add(c);
            }
        }
        return reads;
    }

    private <S> StringBuilder visitPlain(PlainSelect select, S context) {
        select.getSelectItems().forEach(DuckDbSelectDeParser::aliasWrittenWithoutKeywords);
        select.getSelectItems().forEach(this::recordAlias);
        select.getSelectItems().forEach(this::nameFieldRead);
        nameGroupedPaths(select);
        PlainSelect.BigQuerySelectQualifier qualifier = select.getBigQuerySelectQualifier();
        if (qualifier == PlainSelect.BigQuerySelectQualifier.AS_STRUCT
                && select.getSelectItems().stream().anyMatch(i -> i.getExpression() instanceof AllColumns)) {
            return structOfRows(select, context);
        }
        if (qualifier == PlainSelect.BigQuerySelectQualifier.AS_STRUCT) {
            // SELECT AS STRUCT a, b  ==  SELECT STRUCT(a, b); in a later branch of a set operation, positional
            List<SelectItem<?>> items = new ArrayList<>(select.getSelectItems());
            // its one DuckDB column is the struct: GROUP BY and ORDER BY read an alias as the aliased expression
            GroupByAliases.replaceByExpressions(select);
            orderByAliasesAsExpressions(select);
            select.setBigQuerySelectQualifier(null);
            Expression struct = new StructType(StructType.Dialect.BIG_QUERY, items);
            if (positionalStructs.contains(select)) struct = new StructCoercion.Positional(struct, expressions);
            select.setSelectItems(List.of(new SelectItem<>(struct)));
        } else if (qualifier != null) {
            String written = "SELECT " + qualifier.name().replace('_', ' ');
            throw new Untranslatable(written + " is not translated to DuckDB", "select the value as a column instead", written);
        } else {
            select.getSelectItems().forEach(this::nameBareRead);
        }
        Expression qualify = select.getQualify();
        Expression having = select.getHaving();
        Map<String, Expression> raisingInQualify = raisingAliases(select, qualify, false);
        Map<String, Expression> raisingInHaving = raisingAliases(select, having, true);
        Expression printedQualify = qualify == null || raisingInQualify.isEmpty() ? qualify : new AliasesInlined(qualify, raisingInQualify);
        if (having != null && !raisingInHaving.isEmpty()) select.setHaving(new AliasesInlined(having, raisingInHaving));
        select.setQualify(printedQualify);
        // after the alias reads above: HAVING and QUALIFY read a name grouped by position as the grouped value
        Runnable groupByNames = GroupByAliases.printAsPositions(select);
        List<WindowDefinition> windows = select.getWindowDefinitions();
        if (windows != null) {
            List<WindowDefinition> translated = new ArrayList<>();
            for (int i = 0; i < windows.size(); i++) {
                // BigQuery writes QUALIFY before WINDOW, DuckDB after it: the last window prints it
                Expression after = i == windows.size() - 1 ? printedQualify : null;
                translated.add(new TranslatedWindow(windows.get(i), expressions, after));
            }
            select.setWindowDefinitions(translated);
            select.setQualify(null);
        }
        if (select.getJoins() != null) select.getJoins().forEach(DuckDbSelectDeParser::joinUnnestOnTrue);
        try {
            return ordersByStructFields(select) ? orderedOutside(select, context) : super.visit(select, context);
        } finally {
            // a template may print this select again
            groupByNames.run();
            select.setWindowDefinitions(windows);
            select.setQualify(qualify);
            select.setHaving(having);
        }
    }

    /**
     * The select-list aliases that HAVING or QUALIFY read and whose expressions the translation lets
     * raise an error (a division, a checked cast, an array index): DuckDB refuses such a read, so
     * those clauses print the expression itself, which means the same there.
     */
    private Map<String, Expression> raisingAliases(PlainSelect select, Expression clause, boolean having) {
        if (clause == null) return Map.of();
        String text = clause.toString().toLowerCase(Locale.ROOT);
        Map<String, Expression> raising = new HashMap<>();
        for (SelectItem<?> item : select.getSelectItems()) {
            if (item.getAlias() == null) continue;
            String name = ScriptScope.normalize(item.getAlias().getName());
            // an alias named like a column its expression reads (c / a AS c) stays the column, but in HAVING a column
            // that is not grouped can only be the alias (ARRAY_AGG(action ...)[OFFSET(0)] AS action ... HAVING
            // action != 'd'). Inside an aggregate (HAVING SUM(x)) the name is the column's: the printer leaves those.
            boolean column = readsColumn(item.getExpression(), name) && (!having || groupsBy(select, name));
            if (Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(text).find() && !column
                    && expressions.printed(() -> item.getExpression().accept(expressions, null)).contains("error(")) {
                raising.put(name, item.getExpression());
            }
        }
        return raising;
    }

    private static boolean groupsBy(PlainSelect select, String name) {
        if (select.getGroupBy() == null || select.getGroupBy().getGroupByExpressionList() == null) return false;
        for (Object e : select.getGroupBy().getGroupByExpressionList()) {
            if (e instanceof Column c && ScriptScope.normalize(c.getColumnName()).equals(name)) return true;
        }
        return false;
    }

    private static boolean readsColumn(Expression expression, String name) {
        boolean[] found = {false};
        expression.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Column column, S context) {
                if (ScriptScope.normalize(column.getColumnName()).equals(name)) found[0] = true;
                return null;
            }
        }, null);
        return found[0];
    }

    /** A HAVING or QUALIFY condition printed with some aliases read as their expressions. */
    private final class AliasesInlined extends ASTNodeAccessImpl implements Expression {
        private final Expression condition;
        private final Map<String, Expression> aliases;

        AliasesInlined(Expression condition, Map<String, Expression> aliases) {
            this.condition = condition;
            this.aliases = aliases;
        }

        @Override
        public <T, S> T accept(ExpressionVisitor<T> visitor, S context) {
            List<T> result = new ArrayList<>(1);
            expressions.inliningAliases(aliases, () -> result.add(condition.accept(visitor, context)));
            return result.get(0);
        }

        @Override
        public String toString() {
            return condition.toString();
        }
    }

    /**
     * {@code SELECT s.* FROM (...) ORDER BY a}, where {@code s} is a struct column, not a table: DuckDB's
     * ORDER BY does not see the fields the star expands to, BigQuery's does.
     */
    private static boolean ordersByStructFields(PlainSelect select) {
        if (select.getOrderByElements() == null
                || !select.getOrderByElements().stream().allMatch(o -> o.getExpression() instanceof Column c && c.getTable() == null)) {
            return false;
        }
        Set<String> ranges = new HashSet<>();
        ranges.add(rangeName(select.getFromItem()));
        if (select.getJoins() != null) select.getJoins().forEach(j -> ranges.add(rangeName(j.getRightItem())));
        return select.getSelectItems().stream().anyMatch(i -> i.getExpression() instanceof AllTableColumns star
                && !ranges.contains(ScriptScope.normalize(star.getTable().getName())));
    }

    /** The name a FROM item's columns can be qualified by, lower-cased: its alias, else a table's name; null for none. */
    static String rangeName(FromItem item) {
        if (item == null) return null;
        if (item.getAlias() != null) return ScriptScope.normalize(item.getAlias().getName());
        return item instanceof Table table ? ScriptScope.normalize(table.getName()) : null;
    }

    /** Prints the select without its ORDER BY and LIMIT, then orders and limits its rows from outside. */
    private <S> StringBuilder orderedOutside(PlainSelect select, S context) {
        List<OrderByElement> order = select.getOrderByElements();
        Limit limit = select.getLimit();
        Offset offset = select.getOffset();
        select.setOrderByElements(null);
        select.setLimit(null);
        select.setOffset(null);
        StringBuilder out = getBuilder();
        try {
            out.append("SELECT * FROM (");
            super.visit(select, context);
            out.append(')');
            new OrderByDeParser(expressions, out).deParse(order);
            if (limit != null) out.append(limit);
            if (offset != null) out.append(offset);
            return out;
        } finally {
            select.setOrderByElements(order);
            select.setLimit(limit);
            select.setOffset(offset);
        }
    }

    /**
     * {@code SELECT AS STRUCT} with a star: DuckDB's struct constructors take no star, but the alias of
     * a subquery reads as its row's struct. Without a FROM clause the star is the outer row's
     * ({@code (SELECT AS STRUCT t.* EXCEPT (c))}), unnested into columns first.
     */
    private <S> StringBuilder structOfRows(PlainSelect select, S context) {
        StringBuilder out = getBuilder();
        select.setBigQuerySelectQualifier(null);
        try {
            out.append("SELECT porygon_struct FROM (");
            if (select.getFromItem() != null) {
                visit(select, context);
            } else if (select.getSelectItems().size() == 1 && select.getSelectItems().get(0).getExpression() instanceof AllTableColumns row) {
                AllColumns star = new AllColumns(row.getExceptColumns(), row.getReplaceExpressions());
                out.append("SELECT ").append(expressions.printed(() -> star.accept(expressions, null)))
                        .append(" FROM (SELECT UNNEST(").append(row.getTable().getFullyQualifiedName()).append("))");
            } else {
                throw new Untranslatable("SELECT AS STRUCT with a star beside other items and no FROM clause",
                        "name the fields: SELECT AS STRUCT t.a, t.b, ...", "SELECT AS STRUCT");
            }
            return out.append(") AS porygon_struct");
        } finally {
            select.setBigQuerySelectQualifier(PlainSelect.BigQuerySelectQualifier.AS_STRUCT);
        }
    }

    /**
     * BigQuery names a column that only reads a variable or an UNNEST's element after it ({@code SELECT x} gives
     * column x, {@code SELECT s.a} column a); DuckDB would name it after the call, or the range's column, that reads it.
     */
    private void nameBareRead(SelectItem<?> item) {
        if (item.getAlias() == null && item.getExpression() instanceof Column column && column.getArrayConstructor() == null
                && (expressions.isVariable(column) || expressions.readsUnnestElement(column))) {
            String name = column.getColumnName();
            Alias alias = new Alias(name.startsWith("\"") ? name : '"' + name + '"', true);
            givenAliases.add(alias);
            item.setAlias(alias);
        }
    }

    /**
     * BigQuery names a column that reads a field of any expression after the field ({@code
     * arr[OFFSET(0)].a} gives column a, as {@code s.a} does); DuckDB would name it after the whole
     * expression, which a later {@code x.a} could not read.
     */
    private void nameFieldRead(SelectItem<?> item) {
        String name = item.getAlias() == null ? fieldName(item.getExpression()) : null;
        if (name != null) {
            Alias alias = new Alias(name, true);
            givenAliases.add(alias);
            item.setAlias(alias);
        }
    }

    /**
     * An alias written without AS is printed with it: DuckDB reads {@code 'a' key} as a syntax error. And
     * {@code EXTRACT(YEAR FROM d) year}, which JSqlParser reads as an interval without its keyword, is that
     * expression named {@code year}: BigQuery has no interval without the INTERVAL keyword.
     */
    @SuppressWarnings("unchecked")
    private static void aliasWrittenWithoutKeywords(SelectItem<?> item) {
        if (item.getAlias() != null) {
            item.getAlias().setUseAs(true);
            return;
        }
        // the interval is the item, or the last operand of it (d + 1 day, x IN (1, 2) second, -x month)
        Expression e = item.getExpression();
        Expression named = keywordless(e);
        if (named != null) {
            ((SelectItem<Expression>) item).setExpression(named);
            item.setAlias(new Alias(((IntervalExpression) e).getIntervalType(), true));
            return;
        }
        for (Expression last = lastOperand(e); last != null; e = last, last = lastOperand(e)) {
            named = keywordless(last);
            if (named != null) {
                replaceLastOperand(e, named);
                item.setAlias(new Alias(((IntervalExpression) last).getIntervalType(), true));
                return;
            }
        }
    }

    /** The operand written last in {@code e} (a + b, x IN (...), x BETWEEN a AND b, -x, NOT x), or null. */
    private static Expression lastOperand(Expression e) {
        if (e instanceof BinaryExpression b) return b.getRightExpression();
        if (e instanceof InExpression in) return in.getRightExpression();
        if (e instanceof Between between) return between.getBetweenExpressionEnd();
        if (e instanceof SignedExpression signed) return signed.getExpression();
        if (e instanceof NotExpression not) return not.getExpression();
        return null;
    }

    private static void replaceLastOperand(Expression e, Expression operand) {
        if (e instanceof BinaryExpression b) b.setRightExpression(operand);
        else if (e instanceof InExpression in) in.setRightExpression(operand);
        else if (e instanceof Between between) between.setBetweenExpressionEnd(operand);
        else if (e instanceof SignedExpression signed) signed.setExpression(operand);
        else if (e instanceof NotExpression not) not.setExpression(operand);
    }

    /** What an interval written without its keyword stands for ({@code 1} of {@code 1 day}), or null. */
    private static Expression keywordless(Expression e) {
        if (!(e instanceof IntervalExpression interval) || interval.isUsingIntervalKeyword()) return null;
        if (interval.getExpression() != null) return interval.getExpression();
        try {
            return CCJSqlParserUtil.parseExpression(interval.getParameter());
        } catch (JSQLParserException ex) {
            return null; // left as it was
        }
    }

    /**
     * {@code SELECT ep.key ... GROUP BY key} (or {@code ORDER BY key}): BigQuery reads a select item's implicit
     * name (the last part of a path) there, DuckDB only an alias, so such an item gets its implicit name as
     * alias. DuckDB's GROUP BY reads a FROM column of that name before an alias, so nothing that bound before
     * reads otherwise.
     */
    private static void nameGroupedPaths(PlainSelect select) {
        List<Object> reads = new ArrayList<>();
        if (select.getGroupBy() != null && select.getGroupBy().getGroupByExpressionList() != null) {
            reads.addAll(select.getGroupBy().getGroupByExpressionList());
        }
        if (select.getOrderByElements() != null) select.getOrderByElements().forEach(o -> reads.add(o.getExpression()));
        Set<String> bareNames = new HashSet<>();
        for (Object e : reads) {
            if (e instanceof Column c && c.getTable() == null) bareNames.add(ScriptScope.normalize(c.getColumnName()));
        }
        if (bareNames.isEmpty()) return;
        for (SelectItem<?> item : select.getSelectItems()) {
            if (item.getAlias() == null && item.getExpression() instanceof Column c && c.getTable() != null
                    && bareNames.contains(ScriptScope.normalize(c.getColumnName()))) {
                item.setAlias(new Alias(c.getColumnName(), true));
            }
        }
    }

    /** The quoted name of the field {@code e} reads after another expression ({@code (x).a}), or null. */
    static String fieldName(Expression e) {
        if (!(e instanceof RowGetExpression field)) return null;
        String name = field.getColumnName();
        return name.startsWith("\"") ? name : '"' + name + '"';
    }

    /** A named window ({@code WINDOW w AS (...)}) printed through the translating expression printer. */
    private static final class TranslatedWindow extends WindowDefinition {
        private final transient DuckDbExpressionDeParser expressions;
        private final transient Expression qualify;

        TranslatedWindow(WindowDefinition original, DuckDbExpressionDeParser expressions, Expression qualify) {
            this.expressions = expressions;
            this.qualify = qualify;
            setWindowName(original.getWindowName());
            if (original.getPartitionExpressionList() != null) {
                setPartitionExpressionList(original.getPartitionExpressionList(), original.getPartitionBy().isBrackets());
            }
            setOrderByElements(original.getOrderByElements());
            setWindowElement(original.getWindowElement());
        }

        @Override
        public String toString() {
            return expressions.printed(() -> {
                expressions.windowDefinition(this);
                if (qualify != null) {
                    expressions.getBuilder().append(" QUALIFY ");
                    qualify.accept(expressions, null);
                }
            });
        }
    }

    /** The names an UNNEST alias gives: the element's, and the offset's after WITH OFFSET (see {@link GoogleSqlLexer}). */
    static List<String> unnestNames(String alias) {
        String bare = alias.replace("\"", "");
        if (!bare.startsWith(GoogleSqlLexer.OFFSET_ALIAS)) return List.of(alias);
        return List.of(bare.substring(GoogleSqlLexer.OFFSET_ALIAS.length()).split(":", 2));
    }

    /**
     * BigQuery lets {@code [LEFT] JOIN UNNEST(t.a) AS x} go without a condition (every element
     * joins its own row); DuckDB's JOIN needs one, and ON TRUE means the same.
     */
    /**
     * Prints an UPDATE: JSqlParser's own printer writes the FROM clause as written, untranslated. SET and
     * WHERE read the FROM clause's UNNEST aliases as a SELECT's clauses do.
     */
    void printUpdate(Update update) {
        PlainSelect from = new PlainSelect().withFromItem(update.getFromItem()).withJoins(update.getJoins());
        Map<String, UnnestColumn> outer = expressions.unnestRanges(Map.of());
        expressions.unnestRanges(update.getFromItem() == null ? outer : withOuterRanges(outer, from));
        StringBuilder out = getBuilder();
        try {
            out.append("UPDATE ").append(update.getTable()).append(" SET ");
            Map<String, Object> fieldSets = structFieldSets(update);
            String separator = "";
            for (UpdateSet set : update.getUpdateSets()) {
                if (fieldSets.containsKey(setPath(update, set).get(0))) continue; // printed below
                out.append(separator);
                separator = ", ";
                boolean tuple = set.getColumns().size() > 1;
                out.append(tuple ? "(" : "").append(set.getColumns().stream().map(Column::toString).collect(Collectors.joining(", ")))
                        .append(tuple ? ")" : "").append(" = ");
                if (tuple) out.append('(');
                for (int i = 0; i < set.getValues().size(); i++) {
                    if (i > 0) out.append(", ");
                    ((Expression) set.getValues().get(i)).accept(expressions, null);
                }
                if (tuple) out.append(')');
            }
            for (Map.Entry<String, Object> column : fieldSets.entrySet()) {
                out.append(separator).append(column.getKey()).append(" = ");
                printStructUpdate(column.getKey(), column.getValue());
                separator = ", ";
            }
            if (update.getFromItem() != null) {
                out.append(" FROM ");
                update.getFromItem().accept(this, null);
                if (update.getJoins() != null) {
                    for (Join join : update.getJoins()) {
                        joinUnnestOnTrue(join);
                        deparseJoin(join);
                    }
                }
            }
            if (update.getWhere() != null) {
                out.append(" WHERE ");
                update.getWhere().accept(expressions, null);
            }
        } finally {
            expressions.unnestRanges(outer);
        }
    }

    /**
     * Runs {@code print} with the UNNEST aliases of a FROM item and its joins read as a SELECT's clauses read
     * them: an UPDATE's FROM, a MERGE's USING (and the check before either).
     */
    void readingUnnestAliases(FromItem from, List<Join> joins, Runnable print) {
        Map<String, UnnestColumn> outer = expressions.unnestRanges(Map.of());
        expressions.unnestRanges(from == null ? outer : withOuterRanges(outer, new PlainSelect().withFromItem(from).withJoins(joins)));
        try {
            print.run();
        } finally {
            expressions.unnestRanges(outer);
        }
    }

    /**
     * BigQuery's {@code SET spec.color = 'white', spec.dims.h = 9} (DuckDB sets whole columns only): per column,
     * the fields set, nested as the paths are, each holding its value. A path's first part may name the table.
     */
    private static Map<String, Object> structFieldSets(Update update) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (UpdateSet set : update.getUpdateSets()) {
            List<String> path = setPath(update, set);
            if (path.size() < 2) continue;
            Map<String, Object> fields = columns(columns, path.get(0));
            for (String field : path.subList(1, path.size() - 1)) fields = columns(fields, field);
            fields.put(path.get(path.size() - 1), set.getValues().get(0));
        }
        return columns;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> columns(Map<String, Object> parent, String name) {
        return (Map<String, Object>) parent.computeIfAbsent(name, n -> new LinkedHashMap<String, Object>());
    }

    /** The column (and fields) one SET item assigns, without a leading table name or alias. */
    private static List<String> setPath(Update update, UpdateSet set) {
        if (set.getColumns().size() != 1) return List.of("");
        List<String> path = new ArrayList<>(List.of(set.getColumn(0).getFullyQualifiedName().split("\\.")));
        Table target = update.getTable();
        Set<String> targetNames = new HashSet<>(List.of(ScriptScope.normalize(target.getName())));
        if (target.getAlias() != null) targetNames.add(ScriptScope.normalize(target.getAlias().getName()));
        if (path.size() > 1 && targetNames.contains(ScriptScope.normalize(path.get(0)))) path.remove(0);
        return path;
    }

    /** {@code struct_update(spec, color := 'white', dims := struct_update(spec.dims, h := 9))}. */
    @SuppressWarnings("unchecked")
    private void printStructUpdate(String struct, Object fields) {
        StringBuilder out = getBuilder();
        out.append("struct_update(").append(struct);
        ((Map<String, Object>) fields).forEach((field, value) -> {
            out.append(", ").append(field).append(" := ");
            if (value instanceof Map) printStructUpdate(struct + "." + field, value);
            else ((Expression) value).accept(expressions, null);
        });
        out.append(')');
    }

    static void joinUnnestOnTrue(Join join) {
        boolean conditionless = (join.getOnExpressions() == null || join.getOnExpressions().isEmpty())
                && (join.getUsingColumns() == null || join.getUsingColumns().isEmpty());
        if (conditionless && !join.isSimple() && !join.isCross() && join.getRightItem() instanceof TableFunction table
                && table.getFunction().getName().equalsIgnoreCase("UNNEST")) {
            join.addOnExpression(new BooleanValue(true));
        }
    }

    /** Later set-operation branches whose SELECT AS STRUCT takes the first branch's struct names by position. */
    private final Set<PlainSelect> positionalStructs = Collections.newSetFromMap(new IdentityHashMap<>());

    // struct literals of later branches take the first branch's field names by position, as in BigQuery
    @Override
    public <S> StringBuilder visit(SetOperationList list, S context) {
        RecursiveCteOrder.reorder(list);
        StructCoercion.printSetOperation(list, expressions, positionalStructs, () -> super.visit(list, context));
        return getBuilder();
    }

    @Override
    public <S> StringBuilder visit(FromQuery query, S context) {
        return getBuilder().append(new PipeQueryPrinter(expressions, this, pivots).print(query));
    }

    // a FROM item with PIVOT or UNPIVOT prints inside the subquery that gives it BigQuery's columns
    @Override
    public <S> StringBuilder visit(Table table, S context) {
        pivots.print(table, () -> super.visit(table, context));
        return getBuilder();
    }

    @Override
    public <S> StringBuilder visit(ParenthesedSelect select, S context) {
        RecursiveCteOrder.reorder(select);
        pivots.print(select, () -> super.visit(select, context));
        return getBuilder();
    }

    @Override
    public <S> StringBuilder visit(ParenthesedFromItem item, S context) {
        pivots.print(item, () -> super.visit(item, context));
        return getBuilder();
    }

    @Override
    public <S> StringBuilder visit(TableFunction table, S context) {
        pivots.print(table, () -> unnest(table, context));
        return getBuilder();
    }

    private <S> void unnest(TableFunction table, S context) {
        String name = table.getFunction().getName().toUpperCase(Locale.ROOT);
        if (!name.equals("UNNEST")) {
            throw new Untranslatable("table function " + name + "() in FROM", "only UNNEST(array) is supported in FROM");
        }
        List<?> params = table.getFunction().getParameters();
        if (params == null || params.size() != 1) {
            throw new Untranslatable("UNNEST with " + (params == null ? 0 : params.size()) + " arguments", "unnest one array at a time");
        }
        // the array is read from the FROM items before this one: its own alias names nothing yet
        Map<String, UnnestColumn> ranges = expressions.unnestRanges(Map.of());
        expressions.unnestRanges(withoutOwnNames(ranges, table));
        try {
            printUnnest(table, params, context);
        } finally {
            expressions.unnestRanges(ranges);
        }
    }

    private static Map<String, UnnestColumn> withoutOwnNames(Map<String, UnnestColumn> ranges, TableFunction table) {
        if (table.getAlias() == null || ranges.isEmpty()) return ranges;
        Map<String, UnnestColumn> before = new HashMap<>(ranges);
        unnestNames(table.getAlias().getName()).forEach(n -> before.remove(ScriptScope.normalize(n)));
        return before;
    }

    /** The DuckDB range an UNNEST's element is read from, a plain name whatever the element's (`my item`). */
    private static String unnestRange(String element) {
        return "porygon_unnest_" + element.replaceAll("\\W", "_");
    }

    /** The range name part of an UNNEST ... WITH OFFSET whose element has no name. */
    private static final String UNNAMED_ELEMENT = "unnest";

    /** Set while a LEFT JOIN UNNEST prints as an inner join (see {@link #deparseJoin}); read by the UNNEST. */
    private boolean unnestKeepsARow;

    /**
     * LEFT JOIN UNNEST(a) [AS x] without a condition prints as an inner join of a's elements, or of one
     * NULL when a is empty or NULL: BigQuery's rows, through the subquery DuckDB joins fast and in the
     * array's order (its LEFT lateral join gave the elements last first, as in {@link #printUnnest}).
     */
    @Override
    public void deparseJoin(Join join) {
        if (join.isNatural()) {
            // not GoogleSQL: BigQuery refuses it, DuckDB would join on every column of the same name
            throw new Untranslatable("NATURAL JOIN is not GoogleSQL (BigQuery refuses it)", "write JOIN ... USING (...) with the columns to join on",
                    "NATURAL");
        }
        if (!keepsARowPerArray(join)) {
            super.deparseJoin(join);
            return;
        }
        Join inner = new Join();
        inner.setRightItem(join.getRightItem());
        inner.addOnExpression(new BooleanValue(true));
        unnestKeepsARow = true;
        try {
            super.deparseJoin(inner);
        } finally {
            unnestKeepsARow = false;
        }
    }

    /** A conditionless LEFT JOIN of UNNEST(array) without WITH OFFSET (whose offset would be 0, not NULL), the array printable twice. */
    private boolean keepsARowPerArray(Join join) {
        if (!join.isLeft() || join.isNatural() || !(join.getRightItem() instanceof TableFunction table)
                || !table.getFunction().getName().equalsIgnoreCase("UNNEST") || table.getWithClause() != null) {
            return false;
        }
        List<?> params = table.getFunction().getParameters();
        boolean onTrue = join.getOnExpressions() == null || join.getOnExpressions().isEmpty()
                || join.getOnExpressions().size() == 1 && join.getOnExpression() instanceof BooleanValue b && b.getValue();
        return onTrue && (join.getUsingColumns() == null || join.getUsingColumns().isEmpty()) && params != null && params.size() == 1
                && expressions.repeatable((Expression) params.get(0));
    }

    /** The array, or under {@link #unnestKeepsARow} the array when it has elements and else one NULL. */
    private <S> void printUnnested(Expression array, boolean keepARow, S context) {
        if (!keepARow) {
            array.accept(expressions, context);
            return;
        }
        getBuilder().append("CASE WHEN len(");
        array.accept(expressions, context);
        getBuilder().append(") > 0 THEN ");
        array.accept(expressions, context);
        getBuilder().append(" ELSE [NULL] END");
    }

    /** UNNESTs of pipe syntax, which prints their element as one column (see {@link #printAsOneColumn}). */
    private final Set<TableFunction> oneColumnUnnests = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * Pipe syntax does not read UNNEST aliases (a known gap): its {@code UNNEST(a) AS e} prints as one column e,
     * the whole element, which its names read as written; a struct element's fields are not columns there.
     */
    void printAsOneColumn(FromItem item) {
        if (item instanceof TableFunction table) oneColumnUnnests.add(table);
    }

    /** Whether {@link #printAsOneColumn} was asked for this FROM item: its alias is then read as written. */
    boolean printsAsOneColumn(FromItem item) {
        return item instanceof TableFunction table && oneColumnUnnests.contains(table);
    }

    private <S> void printUnnest(TableFunction table, List<?> params, S context) {
        boolean keepARow = unnestKeepsARow;
        unnestKeepsARow = false;
        StringBuilder out = getBuilder();
        Alias alias = table.getAlias();
        if (alias != null) {
            // the element's name, and the offset's: both are columns of the statement
            for (String defined : unnestNames(alias.getName())) columnAliases.add(ScriptScope.normalize(defined));
        }
        if (table.getWithClause() != null) {
            if (!table.getWithClause().toUpperCase(Locale.ROOT).contains("OFFSET")) {
                throw new Untranslatable("UNNEST ... WITH " + table.getWithClause(), "use WITH OFFSET");
            }
            // elements with their zero-based position, side by side
            String element = null;
            String offset = alias == null ? "offset" : alias.getName().replace("\"", "");
            if (offset.startsWith(GoogleSqlLexer.OFFSET_ALIAS)) {
                String[] names = offset.substring(GoogleSqlLexer.OFFSET_ALIAS.length()).split(":", 2);
                element = names[0];
                offset = names[1];
            }
            Expression array = (Expression) params.get(0);
            if (element != null && !oneColumnUnnests.contains(table)) {
                printElementAndFields(element, offset, array, false, context);
                return;
            }
            // named inside under other names: UNNEST(items) AS items would make the second read of items the alias
            out.append("(SELECT ").append(element == null ? "* EXCLUDE (porygon_offset)" : "porygon_element AS \"" + element + "\"")
                    .append(", porygon_offset AS \"").append(offset).append("\" FROM (SELECT UNNEST(");
            array.accept(expressions, context);
            // without an element name BigQuery shows an array of structs as one column per field
            out.append(element == null ? ", max_depth := 2)" : ") AS porygon_element").append(", generate_subscripts(");
            array.accept(expressions, context);
            out.append(", 1) - 1 AS porygon_offset)) AS ").append(unnestRange(element == null ? UNNAMED_ELEMENT : element));
            return;
        }
        if (alias == null) {
            // no alias: BigQuery shows an array of structs as one column per field
            out.append("(SELECT UNNEST(");
            printUnnested((Expression) params.get(0), keepARow, context);
            out.append(", max_depth := 2))");
            return;
        }
        if (!oneColumnUnnests.contains(table)) {
            printElementAndFields(alias.getName().replace("\"", ""), null, (Expression) params.get(0), keepARow, context);
            return;
        }
        // a subquery, not the table function UNNEST(...) AS t(x): DuckDB joins that one through a
        // duplicate-eliminating join, which gave the elements last first and ran many times slower
        out.append("(SELECT UNNEST(");
        printUnnested((Expression) params.get(0), keepARow, context);
        String column = alias.getName();
        // BigQuery's alias names the element; DuckDB's range needs a name of its own (named inside,
        // the element would hide a column of that name from UNNEST's argument: UNNEST(item) AS item)
        out.append(")) AS ").append(unnestRange(column.replace("\"", ""))).append('(').append(column).append(')');
    }

    /**
     * {@code UNNEST(a) AS e [WITH OFFSET AS o]}: BigQuery's e is the whole element, and when the element is a
     * struct its fields are columns too, read without e. (SELECT ...) AS porygon_unnest_e holds the element
     * as porygon_element and beside it what BigQuery's star shows: a struct's fields, else the element named
     * e, then o: UNNEST(a, max_depth := 2) AS e, generate_subscripts(a, 1) - 1 AS o.
     * <p>
     * A subquery, not the table function UNNEST(...) AS t(x): DuckDB joins that one through a
     * duplicate-eliminating join, which gave the elements last first and ran many times slower. Where the
     * array itself names e or o (UNNEST(item) AS item), an alias of the select list would be read there:
     * the names are then fields of a struct {'e': x, 'o': i} that UNNEST keeps when it cannot unnest x
     * further (half as fast). The array is printed more than once; one that printed twice is two values
     * (RAND() in it, a subquery) is read once from a subquery of its own, which DuckDB may join in another order.
     */
    private <S> void printElementAndFields(String element, String offset, Expression array, boolean keepARow, S context) {
        StringBuilder out = getBuilder();
        boolean once = !expressions.repeatable(array);
        Runnable printArray = once ? () -> out.append("porygon_array") : () -> printUnnested(array, keepARow, context);
        out.append("(SELECT UNNEST(");
        printArray.run();
        out.append(") AS ").append(DuckDbExpressionDeParser.ELEMENT).append(", UNNEST(");
        if (!once && (mentions(array, element) || offset != null && mentions(array, offset))) {
            // the names as a struct's fields: as aliases of this select list they would be read in the array itself
            out.append("list_transform(");
            printArray.run();
            out.append(offset == null ? ", porygon_e -> {" : ", (porygon_e, porygon_i) -> {").append(SqlQuoting.string(element)).append(": porygon_e");
            if (offset != null) out.append(", ").append(SqlQuoting.string(offset)).append(": porygon_i - 1");
            out.append("}), max_depth := 3)");
        } else {
            // twice as fast: a struct's fields come out as columns (BigQuery has no arrays of arrays to unnest further),
            // any other element as one column that takes the alias
            printArray.run();
            out.append(", max_depth := 2) AS ").append(quoted(element));
            if (offset != null) {
                out.append(", generate_subscripts(");
                printArray.run();
                out.append(", 1) - 1 AS ").append(quoted(offset));
            }
        }
        if (once) {
            out.append(" FROM (SELECT ");
            printUnnested(array, keepARow, context);
            out.append(" AS porygon_array)");
        }
        out.append(") AS ").append(unnestRange(element));
    }

    /** Whether a name may be read in the expression (conservatively: anywhere in its text, case aside). */
    private static boolean mentions(Expression expression, String name) {
        return Pattern.compile("(?i)(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])").matcher(expression.toString()).find();
    }

    // reached only from the FROM items the PivotPrinter does not wrap: DuckDB would name the columns otherwise
    @Override
    public <S> StringBuilder visit(Pivot pivot, S context) {
        throw new Untranslatable("PIVOT on this FROM item", "pivot a table or a subquery", "PIVOT");
    }

    @Override
    public <S> StringBuilder visit(UnPivot unpivot, S context) {
        throw new Untranslatable("UNPIVOT on this FROM item", "unpivot a table or a subquery", "UNPIVOT");
    }
}
