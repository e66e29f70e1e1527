package io.porygon.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeDelete;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeUpdate;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.FromItemVisitor;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.util.deparser.ExpressionDeParser;

/**
 * BigQuery fails an {@code UPDATE ... FROM} or a MERGE with a WHEN MATCHED clause when a target row
 * joins more than one source row; DuckDB silently uses one of them. This is the DuckDB statement that
 * fails with BigQuery's message in that case, run just before the statement (in its transaction).
 *
 * <p>The check joins the target with the source and counts source rows per target row. When the match
 * condition equates target columns with source columns, only source rows whose values of those columns
 * repeat can match a target row twice: the join then reads just those (usually none), which a grouping
 * of the source finds about as cheaply as the runner's own check of an incremental MERGE.
 */
final class SingleMatchCheck {
    static final String MESSAGE = "UPDATE/MERGE must match at most one source row for each target row";

    private final ExpressionDeParser expressions;
    private final DuckDbSelectDeParser selects;

    /** Both deparsers print into the same builder, which this leaves as it found it. */
    SingleMatchCheck(ExpressionDeParser expressions, DuckDbSelectDeParser selects) {
        this.expressions = expressions;
        this.selects = selects;
    }

    /**
     * The statement to run before {@code statement}, or null when it cannot match a target row twice. Its error
     * names {@code written}, the statement's first line as written, by which the runner locates it in the file.
     */
    String before(Statement statement, String written) {
        if (statement instanceof Merge merge && updatesOrDeletesMatches(merge)) {
            return check(merge.getTable(), merge.getFromItem(), List.of(), merge.getOnCondition(), true, written);
        }
        if (statement instanceof Update update && update.getFromItem() != null
                && (update.getStartJoins() == null || update.getStartJoins().isEmpty())) {
            List<Join> joins = update.getJoins() == null ? List.of() : update.getJoins();
            return check(update.getTable(), update.getFromItem(), joins, update.getWhere(), false, written);
        }
        return null;
    }

    private String check(Table target, FromItem source, List<Join> joins, Expression condition, boolean joinOn, String written) {
        // the condition reads the source's UNNEST aliases (USING UNNEST(...) AS s ON t.id = s.id) as the statement does
        if (selects.printsAsOneColumn(source)) return checkReadingUnnests(target, source, joins, condition, joinOn, written);
        String[] check = new String[1];
        selects.readingUnnestAliases(source, joins, () -> check[0] = checkReadingUnnests(target, source, joins, condition, joinOn, written));
        return check[0];
    }

    /** Whether a WHEN MATCHED clause changes matched rows (NOT MATCHED clauses never see a pair). */
    private static boolean updatesOrDeletesMatches(Merge merge) {
        if (merge.getOperations() == null) return false;
        for (MergeOperation operation : merge.getOperations()) {
            if (operation instanceof MergeUpdate u && !DuckDbMergeDeParser.isBySource(u.getAndPredicate())) return true;
            if (operation instanceof MergeDelete d && !DuckDbMergeDeParser.isBySource(d.getAndPredicate())) return true;
        }
        return false;
    }

    private String checkReadingUnnests(Table target, FromItem source, List<Join> joins, Expression condition, boolean joinOn, String written) {
        String targetName = MergeClauseScopes.qualifier(target);
        String sourceName = MergeClauseScopes.qualifier(source);
        String sourceRows = print(() -> source.accept((FromItemVisitor<StringBuilder>) selects, null));
        List<Column> keys = joins.isEmpty() && sourceName != null && isPlainRelation(source) && !namesASchema(condition)
                ? sourceKeys(condition, targetName, sourceName) : List.of();
        if (!keys.isEmpty()) sourceRows = repeatedKeysOnly(sourceRows, keys, sourceName);
        StringBuilder pairs = new StringBuilder(print(() -> target.accept((FromItemVisitor<StringBuilder>) selects, null)));
        pairs.append(joinOn ? " JOIN " : ", ").append(sourceRows);
        for (Join join : joins) pairs.append(print(() -> selects.deparseJoin(join)));
        if (condition != null) pairs.append(joinOn ? " ON " : " WHERE ").append(print(() -> condition.accept(expressions, null)));
        else if (joinOn) pairs.append(" ON TRUE");
        return "SELECT CASE WHEN EXISTS (SELECT 1 FROM " + pairs + " GROUP BY " + targetName + ".rowid HAVING count(*) > 1)"
                + " THEN error(" + DuckDbExpressionDeParser.errorMessage(MESSAGE, written) + ") END";
    }

    /** The source rows whose key values some other source row has too, known by the source's name. */
    private String repeatedKeysOnly(String sourceRows, List<Column> keys, String sourceName) {
        List<String> printed = new ArrayList<>();
        for (Column key : keys) printed.add(print(() -> key.accept(expressions, null)));
        String tuple = "(" + String.join(", ", printed) + ")";
        return "(SELECT * FROM " + sourceRows + " WHERE " + tuple + " IN (SELECT " + String.join(", ", printed) + " FROM " + sourceRows
                + " GROUP BY ALL HAVING count(*) > 1)) AS " + sourceName;
    }

    /**
     * The source columns of the condition's top-level equalities between a target column and a source
     * column: a target row matches two source rows only if these have the same values in both.
     */
    private static List<Column> sourceKeys(Expression condition, String targetName, String sourceName) {
        List<Column> keys = new ArrayList<>();
        for (Expression conjunct : conjuncts(condition, new ArrayList<>())) {
            if (!(conjunct instanceof EqualsTo equals)) continue;
            if (!(equals.getLeftExpression() instanceof Column left) || !(equals.getRightExpression() instanceof Column right)) continue;
            if (isOf(left, targetName) && isOf(right, sourceName) && !isOf(left, sourceName)) keys.add(right);
            else if (isOf(right, targetName) && isOf(left, sourceName) && !isOf(right, sourceName)) keys.add(left);
        }
        return keys;
    }

    private static List<Expression> conjuncts(Expression e, List<Expression> out) {
        if (e instanceof AndExpression and) {
            conjuncts(and.getLeftExpression(), out);
            conjuncts(and.getRightExpression(), out);
        } else if (e != null) {
            out.add(e);
        }
        return out;
    }

    private static boolean isOf(Column column, String tableName) {
        Table table = column.getTable();
        return table != null && table.getName() != null && normalize(table.getName()).equals(normalize(tableName));
    }

    private static String normalize(String name) {
        String plain = name.length() >= 2 && (name.charAt(0) == '"' || name.charAt(0) == '`') ? name.substring(1, name.length() - 1) : name;
        return plain.toLowerCase(Locale.ROOT);
    }

    /** A table or subquery as is: an UNNEST prints as a query of its own, a PIVOT reshapes the rows. */
    private static boolean isPlainRelation(FromItem source) {
        return (source instanceof Table || source instanceof ParenthesedSelect) && source.getPivot() == null && source.getUnPivot() == null;
    }

    /** Whether a column of the condition names its table's schema, which the renamed source would not have. */
    private static boolean namesASchema(Expression condition) {
        if (condition == null) return false;
        boolean[] found = {false};
        condition.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Column column, S context) {
                if (column.getTable() != null && column.getTable().getSchemaName() != null) found[0] = true;
                return null;
            }
        }, null);
        return found[0];
    }

    /** What {@code print} appends to the shared builder, which is then set back. */
    private String print(Runnable print) {
        StringBuilder out = selects.getBuilder();
        int start = out.length();
        print.run();
        String printed = out.substring(start);
        out.setLength(start);
        return printed;
    }
}
