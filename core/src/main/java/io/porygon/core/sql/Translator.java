package io.porygon.core.sql;

import io.porygon.core.SourceLocation;
import java.util.List;

/**
 * Turns one GoogleSQL (BigQuery dialect) statement into an engine's dialect. A construct that
 * cannot be translated faithfully throws a {@link io.porygon.core.PorygonException} naming the
 * construct and {@code location} (the action's file and the line where its SQL starts).
 */
public interface Translator {
    String translate(String googleSql, SourceLocation location);

    /**
     * Translates one piece of an action's script (a pre-operation, the query, a post-operation, an
     * operation's statement) where the variables of {@code scope} are declared, and gives the
     * scope after it. A translator without BigQuery scripting translates the text alone.
     */
    default ScriptTranslation translate(String googleSql, SourceLocation location, ScriptScope scope) {
        return new ScriptTranslation(translate(googleSql, location), scope);
    }

    /**
     * Translates an operation's script as {@link #translate(String, SourceLocation, ScriptScope)} does; a
     * translator that reads BigQuery's procedural statements (IF, loops, BEGIN ... EXCEPTION) returns
     * such a script as a {@link ScriptTranslation#program()}.
     */
    default ScriptTranslation translateOperation(String googleSql, SourceLocation location, ScriptScope scope) {
        return translate(googleSql, location, scope);
    }

    /**
     * Translates the query a table, an incremental table or an assertion is built from, in {@code scope} as
     * {@link #translate(String, SourceLocation, ScriptScope)} does. It must be one statement.
     */
    default ScriptTranslation translateQuery(String googleSql, SourceLocation location, ScriptScope scope) {
        return translate(googleSql, location, scope);
    }

    /**
     * Translates the query of a view, in {@code scope} as {@link #translate(String, SourceLocation,
     * ScriptScope)} does. A view is a relation without order, so an engine may leave out a sort
     * that only orders its rows (a top-level ORDER BY without LIMIT); by default it is kept.
     */
    default ScriptTranslation translateViewQuery(String googleSql, SourceLocation location, ScriptScope scope) {
        return translate(googleSql, location, scope);
    }

    /** Statements that drop the variables of a finished script from the session, run whatever the outcome. */
    default List<String> endOfScript(ScriptScope scope) {
        return List.of();
    }
}
