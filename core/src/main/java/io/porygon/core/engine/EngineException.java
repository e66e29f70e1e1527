package io.porygon.core.engine;

/** The warehouse rejected or failed a statement; the message is the engine's own. */
public class EngineException extends RuntimeException {
    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
