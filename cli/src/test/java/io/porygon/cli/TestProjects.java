package io.porygon.cli;

import io.porygon.core.engine.QueryResult;
import io.porygon.duckdb.DuckDbEngine;
import io.porygon.duckdb.DuckDbSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Files and warehouse contents of the projects the command tests write. */
final class TestProjects {
    private TestProjects() {}

    static void write(Path project, String relative, String content) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    static void seed(Path warehouse, String... statements) {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(warehouse))) {
            for (String s : statements) engine.execute(s);
        }
    }

    /** Each row as its values joined by '|'. */
    static List<String> query(Path warehouse, String sql) {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(warehouse))) {
            QueryResult r = engine.query(sql, 1000);
            return r.rows().stream().map(row -> row.stream().map(String::valueOf).collect(Collectors.joining("|"))).toList();
        }
    }
}
