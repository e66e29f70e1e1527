package io.porygon.duckdb;

import java.nio.file.Path;

/**
 * How to open the warehouse: the database file, DuckDB's {@code threads} and {@code memory_limit}
 * (null keeps DuckDB's default), and whether only to read it (then other readers may open it too).
 */
public record DuckDbSettings(Path file, Integer threads, String memoryLimit, boolean readOnly) {
    public DuckDbSettings(Path file, Integer threads, String memoryLimit) {
        this(file, threads, memoryLimit, false);
    }

    public static DuckDbSettings of(Path file) {
        return new DuckDbSettings(file, null, null);
    }

    public DuckDbSettings asReadOnly() {
        return new DuckDbSettings(file, threads, memoryLimit, true);
    }
}
