package io.porygon.core.engine;

/** The warehouse rejected or failed a statement; the message is the engine's own. */
public class EngineException extends RuntimeException {
    private final String reason;

    public EngineException(String message, Throwable cause) {
        this(message, message, cause);
    }

    /** @param reason the error alone, without the statement text the message adds for the log */
    public EngineException(String message, String reason, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The error alone, as a script's {@code @@error.message} reads it: BigQuery's message quotes no SQL. */
    public String reason() {
        return reason;
    }
}
