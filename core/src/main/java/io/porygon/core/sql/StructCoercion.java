package io.porygon.core.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitor;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.StructType;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.ASTNodeAccessImpl;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;

/**
 * BigQuery coerces struct values to one type by position: the elements of an array literal take the
 * first element's field names, the columns of later UNION/INTERSECT/EXCEPT branches the first branch's, the
 * later results of CASE, IF, IFNULL, COALESCE and ARRAY_CONCAT the first's.
 * DuckDB merges named structs by name instead ({@code [STRUCT(1 AS a), STRUCT(2 AS b)]} would become
 * {@code STRUCT(a, b)[]} with NULLs), but casts an unnamed struct to a named one by position. So a struct
 * literal whose type comes from an earlier value prints unnamed ({@code row(...)}), and so do the struct
 * and array literals that make up its fields. A later value that is not a literal (a column) keeps its
 * names: the translator does not know them to reorder (README).
 */
final class StructCoercion {

    private StructCoercion() {}

    /**
     * The literal as a StructType: {@code STRUCT(a AS x, ...)}, {@code STRUCT(a, b)} (a call to JSqlParser), or the
     * values of a typed {@code STRUCT<...>(...)} (a row the lexer casts to the type).
     */
    static StructType structLiteral(Expression e) {
        if (e instanceof StructType s && s.getDialect() == StructType.Dialect.BIG_QUERY && s.getArguments() != null) return s;
        boolean struct = e instanceof Function f && (f.getName().equalsIgnoreCase("STRUCT") || f.getName().equals(GoogleSqlLexer.ROW_FN));
        if (struct && e instanceof Function f && f.getMultipartName().size() == 1
                && f.getAttribute() == null && f.getParameters() != null) {
            List<SelectItem<?>> fields = new ArrayList<>();
            for (Expression arg : f.getParameters()) fields.add(new SelectItem<>(arg));
            return new StructType(StructType.Dialect.BIG_QUERY, fields);
        }
        return null;
    }

    /** Whether {@code e} is a literal whose struct names could differ from an earlier value's: a struct, a tuple, an array of them. */
    static boolean coercible(Expression e) {
        return structLiteral(e) != null || e instanceof ArrayConstructor
                || e instanceof ParenthesedExpressionList<?> list && list.size() > 1;
    }

    /** The index of the array literal's first element that gives the elements' type (not an untyped NULL), or -1. */
    static int typeGivingElement(List<? extends Expression> elements) {
        for (int i = 0; i < elements.size(); i++) if (!(elements.get(i) instanceof NullValue)) return i;
        return -1;
    }

    /**
     * Marks the struct literals of a set operation's later branches that take the first branch's column
     * types: their select items print positionally while {@code print} runs. A first branch with a star
     * (columns unknown) marks nothing; nor does a column the first branch gives as an untyped NULL.
     */
    static void printSetOperation(SetOperationList list, DuckDbExpressionDeParser expressions, Set<PlainSelect> positionalStructs,
                                  Runnable print) {
        List<PlainSelect> branches = new ArrayList<>();
        branches(list, branches);
        PlainSelect first = branches.isEmpty() ? null : branches.get(0);
        List<SelectItem<?>> replaced = new ArrayList<>();
        List<Expression> originals = new ArrayList<>();
        Set<PlainSelect> marked = Collections.newSetFromMap(new IdentityHashMap<>());
        if (first != null && first.getSelectItems().stream().noneMatch(i -> i.getExpression() instanceof AllColumns)) {
            boolean firstAsStruct = first.getBigQuerySelectQualifier() == PlainSelect.BigQuerySelectQualifier.AS_STRUCT;
            for (PlainSelect later : branches.subList(1, branches.size())) {
                if (later.getBigQuerySelectQualifier() == PlainSelect.BigQuerySelectQualifier.AS_STRUCT) {
                    // the struct SELECT AS STRUCT makes prints positionally (DuckDbSelectDeParser)
                    if (positionalStructs.add(later)) marked.add(later);
                    continue;
                }
                if (firstAsStruct || later.getSelectItems().size() != first.getSelectItems().size()) continue;
                for (int i = 0; i < later.getSelectItems().size(); i++) {
                    SelectItem<?> item = later.getSelectItems().get(i);
                    Expression e = item.getExpression();
                    if (first.getSelectItems().get(i).getExpression() instanceof NullValue || !coercible(e) || e instanceof Positional) continue;
                    replaced.add(item);
                    originals.add(e);
                    setExpression(item, new Positional(e, expressions));
                }
            }
        }
        try {
            print.run();
        } finally {
            // a template may print this query again
            for (int i = 0; i < replaced.size(); i++) setExpression(replaced.get(i), originals.get(i));
            positionalStructs.removeAll(marked);
        }
    }

    /** Functions whose result is the supertype of their arguments from an index on: IF's results, COALESCE's values. */
    private static final Map<String, Integer> SUPERTYPE_ARGUMENTS = Map.of("IF", 1, "IFNULL", 0, "COALESCE", 0, "ARRAY_CONCAT", 0);

    /**
     * Prints a call to IF, IFNULL, COALESCE or ARRAY_CONCAT with the struct and array literals among its
     * values that follow the first typed one positional; any other call as it is.
     */
    static <T> T printCall(Function f, DuckDbExpressionDeParser expressions, java.util.function.Supplier<T> print) {
        List<String> parts = f.getMultipartName();
        boolean safe = parts.size() == 2 && parts.get(0).equalsIgnoreCase("SAFE");
        Integer from = parts.size() == 1 || safe ? SUPERTYPE_ARGUMENTS.get(parts.get(parts.size() - 1).toUpperCase(Locale.ROOT)) : null;
        if (from == null || f.getParameters() == null) return print.get();
        @SuppressWarnings("unchecked")
        List<Expression> args = (List<Expression>) f.getParameters();
        List<Expression> saved = new ArrayList<>(args);
        positionalAfterFirst(args, from, expressions);
        try {
            return print.get();
        } finally {
            for (int i = 0; i < saved.size(); i++) args.set(i, saved.get(i));
        }
    }

    /** Prints a CASE with the struct and array literals among its results that follow the first typed one positional. */
    static <T> T printCase(CaseExpression c, DuckDbExpressionDeParser expressions, java.util.function.Supplier<T> print) {
        List<Expression> results = new ArrayList<>();
        for (WhenClause w : c.getWhenClauses()) results.add(w.getThenExpression());
        if (c.getElseExpression() != null) results.add(c.getElseExpression());
        List<Expression> saved = new ArrayList<>(results);
        positionalAfterFirst(results, 0, expressions);
        setResults(c, results);
        try {
            return print.get();
        } finally {
            setResults(c, saved);
        }
    }

    private static void setResults(CaseExpression c, List<Expression> results) {
        List<WhenClause> whens = c.getWhenClauses();
        for (int i = 0; i < whens.size(); i++) whens.get(i).setThenExpression(results.get(i));
        if (c.getElseExpression() != null) c.setElseExpression(results.get(whens.size()));
    }

    /** Wraps the coercible literals of {@code values} after the first typed one at or after {@code from}. */
    private static void positionalAfterFirst(List<Expression> values, int from, DuckDbExpressionDeParser expressions) {
        int first = from + typeGivingElement(values.subList(Math.min(from, values.size()), values.size()));
        if (first < from) return;
        for (int i = first + 1; i < values.size(); i++) {
            Expression e = values.get(i);
            if (coercible(e) && !(e instanceof Positional)) values.set(i, new Positional(e, expressions));
        }
    }

    @SuppressWarnings("unchecked")
    private static void setExpression(SelectItem<?> item, Expression e) {
        ((SelectItem<Expression>) item).setExpression(e);
    }

    /** The plain selects of a set operation, leftmost first (parenthesized and nested ones too). */
    private static void branches(Select select, List<PlainSelect> out) {
        if (select instanceof PlainSelect p) out.add(p);
        else if (select instanceof ParenthesedSelect p) branches(p.getSelect(), out);
        else if (select instanceof SetOperationList list) list.getSelects().forEach(s -> branches(s, out));
    }

    /** A value printed positionally by the DuckDB printer (any other visitor sees the value itself). */
    static final class Positional extends ASTNodeAccessImpl implements Expression {
        private final Expression value;
        private final DuckDbExpressionDeParser expressions;

        Expression value() {
            return value;
        }

        Positional(Expression value, DuckDbExpressionDeParser expressions) {
            this.value = value;
            this.expressions = expressions;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T, S> T accept(ExpressionVisitor<T> visitor, S context) {
            if (visitor != expressions) return value.accept(visitor, context);
            expressions.printPositional(value);
            return (T) expressions.out();
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }
}
