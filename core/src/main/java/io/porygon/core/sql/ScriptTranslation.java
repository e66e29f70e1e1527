package io.porygon.core.sql;

/**
 * A piece of an action's script translated: its SQL, and the variables declared once it ran.
 *
 * @param sql the statement(s) in the engine's dialect
 * @param scope the scope the action's next piece is translated in
 */
public record ScriptTranslation(String sql, ScriptScope scope) {}
