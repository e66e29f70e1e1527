package io.porygon.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeDelete;
import net.sf.jsqlparser.statement.merge.MergeInsert;
import net.sf.jsqlparser.statement.merge.MergeUpdate;
import net.sf.jsqlparser.util.deparser.MergeDeParser;
import net.sf.jsqlparser.util.deparser.SelectDeParser;

/**
 * Prints a MERGE, whose {@code WHEN NOT MATCHED BY SOURCE [AND condition]} clauses the lexer hands
 * JSqlParser as {@code WHEN MATCHED AND porygon_by_source [AND (condition)]}, and whose
 * {@code INSERT ROW} as {@code INSERT VALUES (porygon_insert_row)} (it reads neither): DuckDB's MERGE
 * has the first as BigQuery writes it, and the second as {@code INSERT BY POSITION}. Unqualified
 * columns of the NOT MATCHED clauses are qualified with the one table BigQuery lets them see
 * ({@link MergeClauseScopes}).
 */
final class DuckDbMergeDeParser extends MergeDeParser {
    /** The marker column the lexer writes in place of {@code NOT ... BY SOURCE}. */
    static final String BY_SOURCE = "porygon_by_source";
    /** The marker value the lexer writes in place of {@code ROW} in {@code INSERT ROW}. */
    static final String INSERT_ROW = "porygon_insert_row";

    private final Predicate<String> isVariable;
    private final DuckDbExpressionDeParser expressions;

    /** @param isVariable whether an unqualified name is read as a script variable */
    DuckDbMergeDeParser(DuckDbExpressionDeParser expressions, SelectDeParser selects, StringBuilder out, Predicate<String> isVariable) {
        super(expressions, selects, out);
        this.isVariable = isVariable;
        this.expressions = expressions;
    }

    /**
     * Prints a clause with the target's columns it names (UPDATE SET c, INSERT (c)) as written: they are no reads of
     * the source's UNNEST alias of the same name ({@code USING UNNEST(...) AS s ... UPDATE SET s = s.v}).
     */
    private StringBuilder withTargetColumns(List<Column> columns, Runnable print) {
        expressions.readAsWritten(columns, true);
        try {
            print.run();
        } finally {
            expressions.readAsWritten(columns, false);
        }
        return getBuilder();
    }

    @Override
    public void deParse(Merge merge) {
        MergeClauseScopes.qualify(merge, isVariable);
        super.deParse(merge);
    }

    @Override
    public <S> StringBuilder visit(MergeDelete delete, S context) {
        return print(delete.getAndPredicate(), delete::setAndPredicate, () -> super.visit(delete, context));
    }

    @Override
    public <S> StringBuilder visit(MergeUpdate update, S context) {
        List<Column> set = new ArrayList<>();
        if (update.getUpdateSets() != null) update.getUpdateSets().forEach(u -> set.addAll(u.getColumns()));
        return withTargetColumns(set, () -> print(update.getAndPredicate(), update::setAndPredicate, () -> super.visit(update, context)));
    }

    @Override
    public <S> StringBuilder visit(MergeInsert insert, S context) {
        StringBuilder out = getBuilder();
        int start = out.length();
        withTargetColumns(insert.getColumns() == null ? List.of() : insert.getColumns(), () -> super.visit(insert, context));
        if (insertsTheRow(insert)) {
            int values = out.lastIndexOf(" VALUES ");
            if (values < start) throw new IllegalStateException("unexpected MERGE clause: " + out.substring(start));
            out.setLength(values);
            while (out.charAt(out.length() - 1) == ' ') out.setLength(out.length() - 1);
            out.append(" BY POSITION");
        }
        return out;
    }

    /** Whether a clause of the MERGE is INSERT ROW. */
    static boolean insertsARow(Merge merge) {
        return merge.getOperations() != null && merge.getOperations().stream().anyMatch(o -> o instanceof MergeInsert i && insertsTheRow(i));
    }

    /** Whether the clause is the lexer's form of INSERT ROW: its one value is the marker (qualified or not). */
    private static boolean insertsTheRow(MergeInsert insert) {
        return insert.getValues() != null && insert.getValues().size() == 1 && insert.getValues().get(0) instanceof Column c
                && c.getColumnName().equals(INSERT_ROW);
    }

    /** Prints a WHEN MATCHED clause as JSqlParser does, or as the BY SOURCE clause its predicate marks. */
    private StringBuilder print(Expression predicate, Consumer<Expression> setPredicate, Runnable printMatched) {
        if (!isBySource(predicate)) {
            printMatched.run();
            return getBuilder();
        }
        setPredicate.accept(withoutMarker(predicate));
        try {
            return bySource(printMatched);
        } finally {
            setPredicate.accept(predicate);
        }
    }

    /** Prints a WHEN MATCHED clause and turns it into WHEN NOT MATCHED BY SOURCE. */
    private StringBuilder bySource(Runnable printMatched) {
        StringBuilder out = getBuilder();
        int start = out.length();
        printMatched.run();
        String matched = " WHEN MATCHED";
        if (!out.substring(start).startsWith(matched)) throw new IllegalStateException("unexpected MERGE clause: " + out.substring(start));
        return out.replace(start, start + matched.length(), " WHEN NOT MATCHED BY SOURCE");
    }

    static boolean isBySource(Expression predicate) {
        return isMarker(predicate) || predicate instanceof AndExpression and && isMarker(and.getLeftExpression());
    }

    private static boolean isMarker(Expression e) {
        return e instanceof Column c && c.getTable() == null && c.getColumnName().equals(BY_SOURCE);
    }

    /** The condition after the marker, or null when there is none. */
    private static Expression withoutMarker(Expression predicate) {
        return isMarker(predicate) ? null : ((AndExpression) predicate).getRightExpression();
    }
}
