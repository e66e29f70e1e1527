package io.porygon.duckdb;

import io.porygon.core.engine.EngineException;

/** A failure reported by DuckDB, carrying DuckDB's own message. */
public final class DuckDbException extends EngineException {
    public DuckDbException(String message, Throwable cause) {
        super(message, cause);
    }

    public DuckDbException(String message, String reason, Throwable cause) {
        super(message, reason, cause);
    }
}
