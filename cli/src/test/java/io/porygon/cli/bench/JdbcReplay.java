package io.porygon.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The baseline process of scripts/bench-run-cold.sh: a plain JDBC program that opens the warehouse
 * and sends the statements of a file written by {@code RunBenchmark --dump-statements}, one after
 * the other, reading each query's result to its end. Usage: JdbcReplay STATEMENTS_FILE WAREHOUSE
 */
public final class JdbcReplay {
    static final String SEPARATOR = "\n-- porygon-bench: next statement\n";
    static final String QUERY = "-- query\n";

    private JdbcReplay() {}

    public static void main(String[] args) throws Exception {
        String[] statements = Files.readString(Path.of(args[0])).split(SEPARATOR);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + Path.of(args[1]).toAbsolutePath())) {
            send(c, List.of(statements));
        }
    }

    /** Sends the statements in order; a query (marked {@link #QUERY}) is read to its end, as an assertion check would. */
    static void send(Connection c, List<String> statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                if (sql.isBlank()) continue;
                if (sql.startsWith(QUERY)) {
                    try (ResultSet rs = st.executeQuery(sql.substring(QUERY.length()))) {
                        while (rs.next()) {
                            // drain
                        }
                    }
                } else {
                    st.execute(sql);
                }
            }
        }
    }
}
