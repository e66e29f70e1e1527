package io.porygon.core.sql;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.graph.Target;
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
