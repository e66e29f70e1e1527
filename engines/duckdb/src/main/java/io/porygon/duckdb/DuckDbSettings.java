package io.porygon.duckdb;

import java.nio.file.Path;

/**
 * How to open the warehouse: the database file, and DuckDB's {@code threads} and {@code memory_limit}
 * (null keeps DuckDB's default).
 */
public record DuckDbSettings(Path file, Integer threads, String memoryLimit) {
    public static DuckDbSettings of(Path file) {
        return new DuckDbSettings(file, null, null);
    }
}
