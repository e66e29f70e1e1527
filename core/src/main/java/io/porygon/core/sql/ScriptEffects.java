package io.porygon.core.sql;

import io.porygon.core.SourceLocation;

/** What a piece of a BigQuery script can change, read from its text without translating it. */
public final class ScriptEffects {
    private ScriptEffects() {}

    /**
     * Whether every statement of {@code googleSql} declares or assigns script variables (DECLARE, SET):
     * such a piece changes no table or view: it leaves every view as it was, and as a pre-operation it needs no
     * transaction (a post-operation does: it may fail after its table was built).
     * Text the lexer cannot read counts as changing something.
     */
    public static boolean onlyAssignsVariables(String googleSql) {
        try {
            return GoogleSqlLexer.split(googleSql, SourceLocation.of(null)).stream()
                    .allMatch(s -> ScriptStatement.isDeclare(s) || ScriptStatement.isAssignment(s));
        } catch (RuntimeException unreadable) {
            return false;
        }
    }
}
