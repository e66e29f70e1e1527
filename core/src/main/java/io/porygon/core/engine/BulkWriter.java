package io.porygon.core.engine;

/**
 * Streams rows into one table as fast as the engine allows (DuckDB's appender, a load job, ...).
 * Values are appended column by column in the table's column order; {@link #endRow()} ends a row.
 * Rows become visible on {@link #close()}.
 */
public interface BulkWriter extends AutoCloseable {
    BulkWriter append(long value);

    BulkWriter append(double value);

    BulkWriter append(String value);

    /** A timestamp as microseconds since the epoch, UTC. */
    BulkWriter appendTimestampMicros(long epochMicros);

    BulkWriter appendNull();

    void endRow();

    @Override
    void close();
}
