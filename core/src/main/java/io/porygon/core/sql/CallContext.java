package io.porygon.core.sql;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;

import java.util.List;

/** What a special function translation may use: the call, its arguments, and the output. */
interface CallContext {
    /** The GoogleSQL name, upper-case, without a {@code SAFE.} prefix. */
    String name();

    Function function();

    List<Expression> args();

    StringBuilder out();

    /** Prints argument {@code index}, translated. */
    CallContext arg(int index);

    /** Prints any expression, translated. */
    CallContext expr(Expression expression);

    /** Prints {@code CAST(argument AS type)}. */
    default CallContext cast(int index, String duckDbType) {
        out().append("CAST(");
        arg(index);
        out().append(" AS ").append(duckDbType).append(')');
        return this;
    }

    /**
     * Prints {@code body} over the translated arguments, which it may use several times: in place when
     * that is harmless, else each evaluated once (a subquery, RAND(), a user function).
     */
    void once(java.util.function.Function<List<String>, String> body);

    /** {@link #once(java.util.function.Function)} over the arguments {@code indexes} only, in that order (not a date part). */
    void once(List<Integer> indexes, java.util.function.Function<List<String>, String> body);

    /** Prints {@code arg0 operator arg1}, raising BigQuery's "division by zero" error where arg1 is 0. */
    void divide(String duckDbOperator);

    /** While {@code body} prints, references to {@code name} print as {@code (name - 1)}. */
    void zeroBasedIndex(String name, Runnable body);

    /** Runs {@code body} with lambda parameters {@code names} in scope: they hide script variables of the same names. */
    void withLambdaParameters(List<String> names, Runnable body);

    default CallContext text(String sql) {
        out().append(sql);
        return this;
    }

    default Untranslatable unsupported(String what, String hint) {
        return new Untranslatable(what + " in " + name() + "() cannot be translated to DuckDB", hint, name());
    }
}
