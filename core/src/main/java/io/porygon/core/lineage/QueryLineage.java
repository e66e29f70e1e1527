package io.porygon.core.lineage;

import io.porygon.core.graph.Target;
import io.porygon.core.sql.QueryParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.piped.FromQuery;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * Derives, for each output column of a parsed query, the upstream columns it is computed from, as SQLMesh does from
 * the parsed SQL: through CTEs (recursive ones too), subqueries, aliases, JOIN ... USING, set operations (by
 * position), arrays in FROM, PIVOT and UNPIVOT, and {@code SELECT *}. Only the SELECT list counts: a column read by WHERE, JOIN ON or GROUP BY filters or groups rows,
 * it is not a source of a value.
 */
public final class QueryLineage {
    private final Upstreams upstreams;
    private final Map<String, Derivation> variables;

    public QueryLineage(Upstreams upstreams) {
        this(upstreams, Map.of());
    }

    /** @param variables what the script variables the query may read were given, by lower-case name */
    public QueryLineage(Upstreams upstreams, Map<String, Derivation> variables) {
        this.upstreams = upstreams;
        this.variables = variables;
    }

    /** The output columns of the query; a {@code SELECT *} of unknown columns is one {@code *} entry. */
    public List<ColumnLineage> columns(Select query) {
        return select(query, null).shown();
    }

    DerivedRelation select(Select query, Scope outer) {
        return select(query, outer, Map.of());
    }

    /** {@code visible}: the CTEs visible here, by lower-case name. */
    DerivedRelation select(Select query, Scope outer, Map<String, Relation> visible) {
        Map<String, Relation> ctes = new HashMap<>(visible);
        if (query.getWithItemsList() != null) with(query.getWithItemsList(), outer, ctes);
        if (query instanceof ParenthesedSelect p) return select(p.getSelect(), outer, ctes);
        if (query instanceof PlainSelect plain) return plain(plain, outer, ctes);
        if (query instanceof SetOperationList set) return setOperation(set, outer, ctes);
        String what = query instanceof FromQuery ? "pipe syntax (FROM ... |> ...)" : query instanceof Values ? "a VALUES list"
                : "a " + query.getClass().getSimpleName() + " query";
        return new DerivedRelation("query", List.of(), List.of(new OpaqueRelation("query", what + " is not followed")));
    }

    /**
     * Adds the CTEs to {@code ctes}, each seeing those before it. In {@code WITH RECURSIVE} (JSqlParser marks its first
     * CTE) each may read itself; one read before it is defined stays unresolved rather than be taken for a table.
     */
    private void with(List<WithItem<?>> items, Scope outer, Map<String, Relation> ctes) {
        boolean recursive = items.stream().anyMatch(WithItem::isRecursive);
        if (recursive) {
            for (WithItem<?> with : items) {
                String name = QueryParser.identifier(with.getAlias().getName());
                ctes.put(Scope.key(name), new OpaqueRelation(name, "the CTE " + name + " is read before WITH RECURSIVE defines it"));
            }
        }
        for (WithItem<?> with : items) {
            String name = QueryParser.identifier(with.getAlias().getName());
            Relation cte = with.getSelect() == null ? new OpaqueRelation(name, "the CTE " + name + " is not a query")
                    : recursive ? RecursiveCte.derive(name, with.getSelect(), with.getWithItemList(), outer, ctes, this)
                    : renamed(select(with.getSelect(), outer, ctes), with.getWithItemList(), name);
            ctes.put(Scope.key(name), cte);
        }
    }

    /** {@code WITH c (a, b) AS (...)}: the CTE's columns take the listed names. */
    static DerivedRelation renamed(DerivedRelation rows, List<SelectItem<?>> names, String label) {
        List<ColumnLineage> columns = new ArrayList<>();
        for (int i = 0; i < rows.lineage().size(); i++) {
            String name = names != null && i < names.size() ? QueryParser.identifier(names.get(i).toString()) : rows.lineage().get(i).name();
            columns.add(new ColumnLineage(name, rows.lineage().get(i).derivation()));
        }
        return new DerivedRelation(label, columns, rows.unknownStars());
    }

    /** UNION / INTERSECT / EXCEPT: names from the first branch, each column from the same position of every branch. */
    private DerivedRelation setOperation(SetOperationList set, Scope outer, Map<String, Relation> ctes) {
        List<DerivedRelation> branches = new ArrayList<>();
        for (Select s : set.getSelects()) branches.add(select(s, outer, ctes));
        DerivedRelation first = branches.get(0);
        List<ColumnLineage> columns = new ArrayList<>();
        String unknown = null;
        for (DerivedRelation b : branches) {
            if (!b.unknownStars().isEmpty()) unknown = "a branch of the set operation selects * of " + DerivedRelation.labels(b.unknownStars());
            else if (b.lineage().size() != first.lineage().size()) unknown = "the branches of the set operation have different column counts";
        }
        if (unknown != null && !first.unknownStars().isEmpty()) {
            return new DerivedRelation("set operation", List.of(), List.of(new OpaqueRelation("set operation", unknown)));
        }
        for (int i = 0; i < first.lineage().size(); i++) {
            List<Derivation> parts = new ArrayList<>();
            for (DerivedRelation b : branches) parts.add(unknown != null ? Derivation.unresolved(unknown) : b.lineage().get(i).derivation());
            columns.add(new ColumnLineage(first.lineage().get(i).name(), Derivation.merge(parts)));
        }
        return new DerivedRelation("set operation", columns, List.of());
    }

    private DerivedRelation plain(PlainSelect select, Scope outer, Map<String, Relation> ctes) {
        Scope scope = new Scope(outer, ctes, variables);
        if (select.getFromItem() != null) from(select.getFromItem(), select.getJoins(), scope, ctes);
        List<ColumnLineage> columns = new ArrayList<>();
        List<Relation> unknownStars = new ArrayList<>();
        int unnamed = 0;
        for (SelectItem<?> item : select.getSelectItems()) {
            if (item.getExpression() instanceof AllTableColumns star) {
                Relation r = scope.relation(QueryParser.identifier(star.getTable().getName()));
                if (r == null) columns.add(new ColumnLineage(star.toString(), Derivation.unresolved("no relation " + star.getTable())));
                else expand(List.of(r), Map.of(), star, scope, columns, unknownStars, select);
            } else if (item.getExpression() instanceof AllColumns star) {
                expand(scope.relations(), scope.usingColumns(), star, scope, columns, unknownStars, select);
            } else {
                String name = name(item, unnamed);
                if (name.equals("f" + unnamed + "_")) unnamed++;
                columns.add(new ColumnLineage(name, ExpressionSources.of(item.getExpression(), scope, this, select.getWindowDefinitions())));
            }
        }
        return new DerivedRelation("query", columns, unknownStars);
    }

    /** {@code SELECT * [EXCEPT (...)] [REPLACE (...)]}: USING columns first, once, then each relation's in order. */
    private void expand(List<Relation> relations, Map<String, Derivation> using, AllColumns star, Scope scope,
                        List<ColumnLineage> out, List<Relation> unknownStars, PlainSelect select) {
        Set<String> except = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        if (star.getExceptColumns() != null) for (Column c : star.getExceptColumns()) except.add(QueryParser.identifier(c.getColumnName()));
        Map<String, SelectItem<?>> replace = new LinkedHashMap<>();
        if (star.getReplaceExpressions() != null) {
            for (SelectItem<?> r : star.getReplaceExpressions()) replace.put(Scope.key(QueryParser.identifier(r.getAlias().getName())), r);
        }
        List<ColumnLineage> starred = new ArrayList<>();
        using.forEach((name, derivation) -> starred.add(new ColumnLineage(name, derivation)));
        for (Relation r : relations) {
            if (r.columns().isEmpty()) {
                unknownStars.add(r);
                continue;
            }
            for (String c : r.columns().get()) if (!using.containsKey(Scope.key(c))) starred.add(new ColumnLineage(c, r.column(c)));
        }
        for (ColumnLineage c : starred) {
            if (except.contains(c.name())) continue;
            SelectItem<?> replacement = replace.get(Scope.key(c.name()));
            out.add(replacement == null ? c
                    : new ColumnLineage(c.name(), ExpressionSources.of(replacement.getExpression(), scope, this, select.getWindowDefinitions())));
        }
    }

    /** The output name BigQuery gives a select item: its alias, a column's (or field's) own name, else f0_, f1_ ... */
    private static String name(SelectItem<?> item, int unnamed) {
        Alias alias = item.getAlias();
        if (alias != null) return QueryParser.identifier(alias.getName());
        if (item.getExpression() instanceof Column c) return QueryParser.identifier(c.getColumnName());
        return "f" + unnamed + "_";
    }

    /** Adds the FROM clause's relations to the scope, joins in order, merging USING columns as the join type says. */
    private void from(FromItem first, List<Join> joins, Scope scope, Map<String, Relation> ctes) {
        add(first, scope, ctes);
        if (joins == null) return;
        for (Join join : joins) {
            Scope before = snapshot(scope);
            Relation right = add(join.getRightItem(), scope, ctes);
            if (join.getUsingColumns() == null || right == null) continue;
            for (Column c : join.getUsingColumns()) {
                String name = QueryParser.identifier(c.getColumnName());
                Derivation left = before.unqualified(name);
                Derivation fromRight = right.column(name);
                // INNER and LEFT keep the left value, RIGHT the right one, FULL whichever is not NULL
                Derivation merged = join.isFull() ? Derivation.merge(List.of(left, fromRight)) : join.isRight() ? fromRight : left;
                scope.merge(name, merged);
            }
        }
    }

    /** The scope as it stood before a join added its right side: where a USING column's left value comes from. */
    private static Scope snapshot(Scope scope) {
        Scope copy = new Scope(null);
        scope.named().forEach(copy::add);
        scope.usingColumns().forEach(copy::merge);
        return copy;
    }

    /** Adds a FROM item to the scope under its name; returns the relation (null for a parenthesized join, added part by part). */
    private Relation add(FromItem item, Scope scope, Map<String, Relation> ctes) {
        boolean reshaped = item.getPivot() != null || item.getUnPivot() != null;
        if (item instanceof ParenthesedFromItem nested && !(nested.getFromItem() instanceof Values) && !reshaped) {
            from(nested.getFromItem(), nested.getJoins(), scope, ctes);
            return null;
        }
        Relation r = rows(item, scope, ctes);
        String name = r instanceof ArrayElements array ? array.element()
                : item.getAlias() != null ? QueryParser.identifier(item.getAlias().getName())
                : item instanceof Table table ? QueryParser.target(table).name() : null;
        // PIVOT and UNPIVOT read the item's rows under its name; their own alias names the result
        Alias reshapedAs = item.getPivot() != null ? item.getPivot().getAlias() : item.getUnPivot() != null ? item.getUnPivot().getAlias() : null;
        String reshapedName = reshapedAs == null ? null : QueryParser.identifier(reshapedAs.getName());
        if (item.getPivot() != null) {
            r = PivotedRelation.of(reshapedName == null ? "PIVOT" : reshapedName, r, name, item.getPivot(), scope.parent(), this);
        } else if (item.getUnPivot() != null) {
            r = UnpivotedRelation.of(reshapedName == null ? "UNPIVOT" : reshapedName, r, item.getUnPivot());
        }
        scope.add(reshapedName != null ? reshapedName : name, r);
        return r;
    }

    /** The rows a FROM item reads, before any PIVOT or UNPIVOT of them. */
    private Relation rows(FromItem item, Scope scope, Map<String, Relation> ctes) {
        if (item instanceof Table table) return table(table, scope, ctes);
        if (item instanceof ParenthesedSelect sub) return select(sub.getSelect(), scope.parent(), ctes);
        if (item instanceof ParenthesedFromItem nested && nested.getFromItem() instanceof Values values) {
            DerivedRelation rows = LiteralRows.values(values, item.getAlias(), scope, this);
            if (rows != null) return rows;
            return new OpaqueRelation("VALUES", "a VALUES list without column names (AS v (a, b)) is not followed");
        }
        if (item instanceof TableFunction function) {
            Function call = function.getFunction();
            if (call.getName().equalsIgnoreCase("UNNEST") && call.getParameters() != null && call.getParameters().size() == 1) {
                return unnest(function, call.getParameters().get(0), scope);
            }
        }
        String what = item.getClass().getSimpleName().replace("TableFunction", "table function");
        return new OpaqueRelation(item.getAlias() == null ? what : QueryParser.identifier(item.getAlias().getName()), "a " + what + " in FROM is not followed");
    }

    /** A table, a CTE, or an array of a relation already in FROM ({@code FROM t, t.items}: BigQuery's implicit UNNEST). */
    private Relation table(Table table, Scope scope, Map<String, Relation> ctes) {
        Target written = QueryParser.target(table);
        String first = written.database() != null ? written.database() : written.schema();
        if (first != null && scope.relation(first) != null) {
            List<String> path = new ArrayList<>();
            if (written.database() != null) path.add(written.database());
            path.add(written.schema());
            path.add(written.name());
            String element = table.getAlias() == null ? written.name() : QueryParser.identifier(table.getAlias().getName());
            return new ArrayElements(String.join(".", path), element, null, scope.resolve(path));
        }
        if (written.schema() == null && ctes.containsKey(Scope.key(written.name()))) return ctes.get(Scope.key(written.name()));
        return table(written);
    }

    /** {@code UNNEST(array)}: rows written as structs keep their field names; any other array is its elements. */
    private Relation unnest(TableFunction unnest, Expression array, Scope scope) {
        if (unnest.getWithClause() != null && !unnest.getWithClause().toUpperCase(Locale.ROOT).contains("OFFSET")) {
            return new OpaqueRelation("UNNEST", "UNNEST ... WITH " + unnest.getWithClause() + " is not followed");
        }
        DerivedRelation structs = unnest.getWithClause() == null ? LiteralRows.structs(array, scope, this) : null;
        return structs != null ? structs : ArrayElements.unnest(unnest, ExpressionSources.of(array, scope, this, null));
    }

    private Relation table(Target written) {
        return upstreams.action(written)
                .<Relation>map(id -> new TableRelation(id, upstreams.columns(id)))
                .orElseGet(() -> new TableRelation(written.qualifiedName(), java.util.Optional.empty()));
    }
}
