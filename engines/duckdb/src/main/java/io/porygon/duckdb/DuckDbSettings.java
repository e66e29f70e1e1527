package io.porygon.duckdb;

import java.nio.file.Path;

/**
 * How to open the warehouse: the database file (null: a database in memory, gone when closed), DuckDB's
 * {@code threads} and {@code memory_limit} (null keeps DuckDB's default), and whether only to read it (then
 * other readers may open it too).
 */
public record DuckDbSettings(Path file, Integer threads, String memoryLimit, boolean readOnly) {
    public DuckDbSettings(Path file, Integer threads, String memoryLimit) {
        this(file, threads, memoryLimit, false);
    }

    public static DuckDbSettings of(Path file) {
        return new DuckDbSettings(file, null, null);
    }

    /** These settings for a database in memory instead of the file. */
    public DuckDbSettings inMemory() {
        return new DuckDbSettings(null, threads, memoryLimit, false);
    }

    public DuckDbSettings asReadOnly() {
        return new DuckDbSettings(file, threads, memoryLimit, true);
    }
}
