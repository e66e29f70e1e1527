package io.porygon.core.sql;

import java.util.List;

/**
 * A piece of an action's script translated: its SQL, and the variables declared once it ran.
 *
 * @param sql the statement(s) in the engine's dialect; for a procedural script, its program as text
 * @param scope the scope the action's next piece is translated in
 * @param program the script as a program the runner interprets when it has procedural statements
 *     (IF, loops, BEGIN ... EXCEPTION) or, for an operation, more than one statement (run one at a time), else null
 */
public record ScriptTranslation(String sql, ScriptScope scope, List<ScriptProgram> program) {
    public ScriptTranslation(String sql, ScriptScope scope) {
        this(sql, scope, null);
    }
}
