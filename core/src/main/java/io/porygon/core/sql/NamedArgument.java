package io.porygon.core.sql;

import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.OracleNamedFunctionParameter;
import net.sf.jsqlparser.expression.StringValue;

/** A function call's named argument, {@code name => value} (the JSON functions' options); names ignore case, as in GoogleSQL. */
record NamedArgument(String name, Expression value) {

    /** The named argument {@code e} is, or null when it is a positional one. */
    static NamedArgument of(Expression e) {
        return e instanceof OracleNamedFunctionParameter p ? new NamedArgument(p.getName(), p.getExpression()) : null;
    }

    boolean is(String argumentName) {
        return name.equalsIgnoreCase(argumentName);
    }

    /** The value as a TRUE/FALSE literal, or null when it is another expression. */
    Boolean bool() {
        return value instanceof BooleanValue b ? b.getValue() : null;
    }

    /** The text of a string literal value, or null when it is another expression. */
    String string() {
        return value instanceof StringValue s ? s.getValue() : null;
    }
}
