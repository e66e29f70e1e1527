package io.porygon.core.sql;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.graph.Target;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.Select;

/**
 * A GoogleSQL query read into JSqlParser's tree exactly as the translator reads it (the same lexer, so backticked
 * names arrive as quoted parts, and the same parser with its fallbacks), for analyses of the query itself such as
 * column lineage. Nothing is rewritten for an engine.
 */
public final class QueryParser {
    private QueryParser() {}

    /**
     * The one SELECT of a table's or view's query.
     *
     * @throws PorygonException when it does not parse, or is not a SELECT
     */
    public static Select parse(String googleSql, SourceLocation location) {
        List<GoogleSqlLexer.LexedStatement> statements = DuckDbTranslator.oneStatement(googleSql, location, "query");
        if (statements.isEmpty()) throw new PorygonException(location, "the query is empty", "write a SELECT");
        GoogleSqlLexer.LexedStatement statement = statements.get(0);
        Statement parsed = DuckDbTranslator.parse(statement.text(), statement, location);
        if (parsed instanceof Select select) return select;
        throw new PorygonException(location, "the query is not a SELECT", "write the query as one SELECT");
    }

    /**
     * A value a script gives a variable: {@code DECLARE x [type] [DEFAULT e]} ({@code SELECT NULL} without a DEFAULT) or
     * {@code SET x = e}, read as {@code SELECT e}.
     *
     * @param value null when the expression could not be read
     */
    public record Assignment(String name, Select value) {}

    /** The values the statements of a script (an action's pre-operations) give its variables, in order. */
    public static List<Assignment> assignments(String googleSql, SourceLocation location) {
        List<Assignment> out = new ArrayList<>();
        for (GoogleSqlLexer.LexedStatement statement : GoogleSqlLexer.split(googleSql, location)) {
            try {
                if (ScriptStatement.isDeclare(statement)) {
                    ScriptStatement.Declare d = ScriptStatement.parseDeclare(statement.text());
                    String value = d.defaultExpression() == null ? "NULL" : d.defaultExpression();
                    for (String name : d.names()) out.add(new Assignment(identifier(name), expression(value, statement, location)));
                } else if (ScriptStatement.isAssignment(statement)) {
                    ScriptStatement.Assign a = ScriptStatement.parseAssign(statement.text());
                    for (int i = 0; i < a.names().size(); i++) {
                        out.add(new Assignment(identifier(a.names().get(i)), expression(a.expressions().get(i), statement, location)));
                    }
                }
            } catch (Untranslatable e) {
                // a statement the translator refuses too: the action fails to run, whatever its lineage says
            }
        }
        return out;
    }

    private static Select expression(String normalized, GoogleSqlLexer.LexedStatement statement, SourceLocation location) {
        try {
            return DuckDbTranslator.parse("SELECT " + normalized, statement, location) instanceof Select select ? select : null;
        } catch (PorygonException e) {
            return null;
        }
    }

    /** The BigQuery name a table reference writes, its parts unquoted; project and dataset are null where left out. */
    public static Target target(Table table) {
        return new Target(DuckDbTranslator.unquote(table.getDatabaseName()), DuckDbTranslator.unquote(table.getSchemaName()),
                DuckDbTranslator.unquote(table.getName()));
    }

    /**
     * The names an UNNEST's alias gives: {@code [alias]}, or {@code [element, offset]} after {@code AS x WITH OFFSET AS o},
     * both of which the lexer carries in one alias.
     */
    public static List<String> unnestNames(String alias) {
        return DuckDbSelectDeParser.unnestNames(alias);
    }

    /** An identifier as the query names it: quotes taken off. */
    public static String identifier(String written) {
        String unquoted = DuckDbTranslator.unquote(written);
        return unquoted == null ? written : unquoted;
    }
}
