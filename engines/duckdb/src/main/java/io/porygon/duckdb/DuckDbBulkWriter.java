package io.porygon.duckdb;

import io.porygon.core.engine.BulkWriter;
import java.sql.SQLException;
import org.duckdb.DuckDBAppender;

/**
 * A {@link BulkWriter} over DuckDB's appender, the fastest way to load rows into DuckDB. Each method
 * spells out its try/catch: a shared lambda would allocate per appended value on the generator's
 * hot path.
 */
final class DuckDbBulkWriter implements BulkWriter {
    private final DuckDBAppender appender;
    private boolean inRow;

    DuckDbBulkWriter(DuckDBAppender appender) {
        this.appender = appender;
    }

    private DuckDBAppender row() throws SQLException {
        if (!inRow) {
            appender.beginRow();
            inRow = true;
        }
        return appender;
    }

    @Override
    public BulkWriter append(long value) {
        try {
            row().append(value);
            return this;
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public BulkWriter append(double value) {
        try {
            row().append(value);
            return this;
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public BulkWriter append(String value) {
        try {
            row().append(value);
            return this;
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public BulkWriter appendTimestampMicros(long epochMicros) {
        try {
            row().appendEpochMicros(epochMicros);
            return this;
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public BulkWriter appendNull() {
        try {
            row().appendNull();
            return this;
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void endRow() {
        try {
            row().endRow();
            inRow = false;
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void close() {
        try {
            appender.close();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    private static DuckDbException fail(SQLException e) {
        return new DuckDbException("appending rows failed: " + e.getMessage(), e);
    }
}
