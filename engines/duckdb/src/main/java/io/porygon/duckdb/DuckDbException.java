package io.porygon.duckdb;

/** A failure reported by DuckDB, carrying DuckDB's own message. */
public final class DuckDbException extends RuntimeException {
    public DuckDbException(String message, Throwable cause) {
        super(message, cause);
    }
}
