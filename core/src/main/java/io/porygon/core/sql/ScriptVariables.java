package io.porygon.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * BigQuery script variables as DuckDB session variables: {@code DECLARE} and {@code SET} become
 * {@code SET VARIABLE}, a read becomes {@code getvariable('name')}.
 *
 * <p>Why this keeps one action's variables from another's: DuckDB's variables belong to one
 * connection, and an action runs all its statements on one engine session (one connection), so
 * actions running in parallel never share them. Actions that run later on the same session could
 * see leftovers, but a variable is only read by the action that declared it, and its DECLARE
 * always assigns it (NULL of its type when there is no DEFAULT) before anything reads it; on top
 * of that the runner resets an action's variables when it ends ({@link #reset}), so nothing
 * outlives the action. Names are therefore kept as written (lower-cased), which keeps the SQL that
 * {@code --dry-run} prints readable.
 */
final class ScriptVariables {
    /** Holds the values of {@code SET (x, y) = (...)} while they are assigned: all are computed first, as in BigQuery. */
    static final String TUPLE_VARIABLE = "porygon_set_values";
    /** What {@code @@error.message} reads inside an exception handler; the runner sets it before the handler runs. */
    static final String ERROR_MESSAGE = "porygon_error_message";

    private static final Pattern INTEGER_LITERAL = Pattern.compile("-?\\d+");

    private ScriptVariables() {}

    /** The DuckDB statements of a DECLARE; {@code expressions} translates the DEFAULT in the scope before it. */
    static List<String> declare(ScriptStatement.Declare declare, ScriptScope scope, UnaryOperator<String> expressions) {
        for (String name : declare.names()) {
            if (scope.declares(name)) {
                throw new Untranslatable("variable " + ScriptScope.normalize(name) + " is declared twice in this action",
                        "declare a variable once: an action's pre-operations, query and post-operations are one BigQuery script");
            }
        }
        String type = declare.type() == null ? null : TypeNames.toDuckDb(declare.type());
        String value;
        if (declare.defaultExpression() == null) {
            value = "CAST(NULL AS " + type + ")";
        } else {
            String expression = expressions.apply(declare.defaultExpression());
            if (type != null) value = "CAST(" + expression + " AS " + type + ")";
            // BigQuery's integer literals are INT64, DuckDB's a 32-bit INTEGER where they fit
            else if (INTEGER_LITERAL.matcher(expression).matches()) value = "CAST(" + expression + " AS BIGINT)";
            else value = expression;
        }
        List<String> out = new ArrayList<>();
        String first = ScriptScope.normalize(declare.names().get(0));
        out.add(set(first, value));
        // the DEFAULT is evaluated once, as in BigQuery, and copied to the other names
        for (String name : declare.names().subList(1, declare.names().size())) out.add(set(ScriptScope.normalize(name), read(first)));
        return out;
    }

    /** The DuckDB statements of a SET; {@code expressions} translates a value. */
    static List<String> assign(ScriptStatement.Assign assign, ScriptScope scope, UnaryOperator<String> expressions) {
        List<String> names = assign.names().stream().map(ScriptScope::normalize).toList();
        for (String name : names) {
            if (!scope.declares(name)) {
                throw new Untranslatable("SET of variable " + name + ", which this action has not declared",
                        "declare it first, in a pre-operation of the same action: DECLARE " + name + " TYPE [DEFAULT expression]");
            }
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) values.add(typed(expressions.apply(assign.expressions().get(i)), scope.type(names.get(i))));
        if (names.size() == 1) return List.of(set(names.get(0), values.get(0)));
        // SET (x, y) = (y, x) swaps: every value is computed before any variable changes
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) fields.add("v" + i + " := " + values.get(i));
        List<String> out = new ArrayList<>();
        out.add(set(TUPLE_VARIABLE, "struct_pack(" + String.join(", ", fields) + ")"));
        for (int i = 0; i < names.size(); i++) out.add(set(names.get(i), read(TUPLE_VARIABLE) + ".v" + i));
        out.add("RESET VARIABLE " + quote(TUPLE_VARIABLE));
        return out;
    }

    /** Statements that forget the variables of {@code scope}. */
    static List<String> reset(ScriptScope scope) {
        return scope.toForget().stream().map(ScriptVariables::forget).toList();
    }

    /** The statement that forgets one variable. */
    static String forget(String name) {
        return "RESET VARIABLE " + quote(ScriptScope.normalize(name));
    }

    /** The statement that sets a variable to a DuckDB expression. */
    static String assignment(String name, String value) {
        return set(ScriptScope.normalize(name), value);
    }

    /** The DuckDB expression that reads a variable. */
    static String read(String name) {
        return "getvariable('" + ScriptScope.normalize(name).replace("'", "''") + "')";
    }

    /** A value assigned to a variable keeps the variable's declared type, as BigQuery coerces it. */
    private static String typed(String expression, String googleSqlType) {
        return googleSqlType == null ? expression : "CAST(" + expression + " AS " + TypeNames.toDuckDb(googleSqlType) + ")";
    }

    /** The statement that sets the handler's error message, with {@code %s} for the message as a SQL string literal. */
    static String setErrorMessage() {
        return set(ERROR_MESSAGE, "%s");
    }

    private static String set(String name, String value) {
        return "SET VARIABLE " + quote(name) + " = " + value;
    }

    /** Always quoted: a variable may be named like a DuckDB keyword (order, select). */
    private static String quote(String name) {
        return SqlQuoting.identifier(name);
    }
}
