package io.porygon.duckdb;

import io.porygon.core.engine.BulkWriter;
import io.porygon.core.engine.Column;
import io.porygon.core.engine.Engine;
import io.porygon.core.graph.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;

/** The embedded default warehouse: one DuckDB file, where a BigQuery dataset is a DuckDB schema. */
public final class DuckDbEngine implements Engine {
    private final DuckDBConnection connection;

    public DuckDbEngine(DuckDbSettings settings) {
        try {
            if (settings.file().getParent() != null) Files.createDirectories(settings.file().getParent());
            connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + settings.file().toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new DuckDbException("cannot open DuckDB warehouse " + settings.file(), e);
        }
        // BigQuery evaluates timestamps in UTC; so must we.
        execute("SET TimeZone = 'UTC'");
        if (settings.threads() != null) execute("SET threads = " + settings.threads());
        if (settings.memoryLimit() != null) execute("SET memory_limit = " + quoteLiteral(settings.memoryLimit()));
    }

    @Override
    public String dialect() {
        return "duckdb";
    }

    /** The JDBC connection, for callers in this module and tests. */
    public Connection connection() {
        return connection;
    }

    @Override
    public void execute(String sql) {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new DuckDbException(e.getMessage() + "\n  in: " + abbreviate(sql), e);
        }
    }

    @Override
    public void ensureSchema(Target target) {
        execute("CREATE SCHEMA IF NOT EXISTS " + quoteIdent(target.schema()));
    }

    @Override
    public boolean exists(Target target) {
        String sql = "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, target.schema());
            ps.setString(2, target.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new DuckDbException(e.getMessage(), e);
        }
    }

    @Override
    public List<Column> columns(Target target) {
        String sql = "SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, target.schema());
            ps.setString(2, target.name());
            List<Column> columns = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) columns.add(new Column(rs.getString(1), rs.getString(2)));
            }
            return columns;
        } catch (SQLException e) {
            throw new DuckDbException(e.getMessage(), e);
        }
    }

    @Override
    public BulkWriter createAndOpenWriter(Target target, List<Column> columns) {
        ensureSchema(target);
        String columnList = columns.stream()
                .map(c -> quoteIdent(c.name()) + " " + c.type())
                .collect(Collectors.joining(", "));
        execute("CREATE OR REPLACE TABLE " + sqlName(target) + " (" + columnList + ")");
        return openWriter(target);
    }

    @Override
    public BulkWriter openWriter(Target target) {
        try {
            return new DuckDbBulkWriter(connection.createAppender(target.schema(), target.name()));
        } catch (SQLException e) {
            throw new DuckDbException("cannot append to " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new DuckDbException(e.getMessage(), e);
        }
    }

    /** {@code "schema"."name"}: the DuckDB name of a target (the database part is not used here). */
    public static String sqlName(Target target) {
        return target.schema() == null ? quoteIdent(target.name()) : quoteIdent(target.schema()) + "." + quoteIdent(target.name());
    }

    public static String quoteIdent(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String quoteLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    @Override
    public List<List<Object>> queryRows(String sql) {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int width = rs.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(width);
                for (int i = 1; i <= width; i++) row.add(rs.getObject(i));
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new DuckDbException(e.getMessage() + "\n  in: " + abbreviate(sql), e);
        }
    }

    @Override
    public void loadFile(Target target, Path file) {
        ensureSchema(target);
        String path = quoteLiteral(file.toAbsolutePath().toString());
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String source = name.endsWith(".parquet")
                ? "read_parquet(" + path + ")"
                : "read_csv(" + path + ", header = true, all_varchar = true)";
        execute("CREATE OR REPLACE TABLE " + sqlName(target) + " AS SELECT * FROM " + source);
    }
}
