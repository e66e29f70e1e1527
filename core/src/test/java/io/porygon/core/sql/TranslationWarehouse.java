package io.porygon.core.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.porygon.core.SourceLocation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A DuckDB file with the translator's session settings, shared by the tests of one class: opened and
 * set up before them, closed and deleted after them. Register it as a static field with
 * {@code @RegisterExtension}.
 */
final class TranslationWarehouse implements BeforeAllCallback, AfterAllCallback {
    private final String[] setup;
    private Path dir;
    private Connection connection;

    /** {@code setup}: DuckDB statements run once, after the session settings (schemas, tables, rows). */
    TranslationWarehouse(String... setup) {
        this.setup = setup;
    }

    Connection connection() {
        return connection;
    }

    /** The rows of a GoogleSQL query, translated as if written at {@code at}. */
    List<List<Object>> query(DuckDbTranslator translator, String googleSql, SourceLocation at) throws SQLException {
        return TranslationCorpus.rows(connection, translator.translate(googleSql, at));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("porygon-translation");
        connection = TranslationCorpus.openWarehouse(dir.resolve("w.duckdb"), setup);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        connection.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (IOException e) {
            throw new IOException("could not delete the test warehouse " + dir, e);
        }
    }
}
