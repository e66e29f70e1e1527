package io.porygon.core.compile.js;

/**
 * Thrown (as an Error, which script code cannot catch) when project code made the JavaScript engine itself fail: the
 * Java stack or heap ran out, or Rhino threw a Java exception of its own. The session cannot go on; {@code at} is the
 * project file (and line, when known) it was running.
 */
public final class EngineFailed extends Error {
    private final JsError at;
    private final String hint;

    private EngineFailed(JsError at, String hint, Throwable cause) {
        super(at.message(), cause, false, false); // no stack trace of its own: the heap may be all but full
        this.at = at;
        this.hint = hint;
    }

    /** Where the engine failed, and what the failure means to the user. */
    public JsError at() {
        return at;
    }

    public String hint() {
        return hint;
    }

    /** The failure {@code cause} told in the user's terms, at {@code file}:{@code line}:{@code column} (0: unknown). */
    static EngineFailed of(Throwable cause, String file, int line, int column) {
        String message;
        String hint;
        if (cause instanceof StackOverflowError) {
            // Rhino bounds the depth of calls between script functions only; one through a built-in (map, replace,
            // toString, a getter) or JSON nested thousands of levels deep uses up the Java stack instead
            message = "project JavaScript nested calls or data too deeply for the engine (a function that calls itself without end?)";
            hint = "look for recursion that never stops, maybe through map(), forEach(), replace(), toString() or a getter,"
                    + " or for JSON nested thousands of levels deep";
        } else if (cause instanceof OutOfMemoryError) {
            message = "project JavaScript used more memory than Porygon has (a string or array that grows without end?)";
            hint = "look for a loop that grows a string or an array without end, or a huge repeat(), Array or ArrayBuffer;"
                    + " for big data on purpose, give Java more memory (-Xmx)";
        } else {
            message = "Porygon's JavaScript engine (Rhino) failed: " + cause;
            hint = "write this JavaScript another way (Node may accept it, Rhino does not); please report it as a Porygon bug";
        }
        return new EngineFailed(new JsError(file, line, column, message), hint, cause);
    }
}
