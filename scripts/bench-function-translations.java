import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Times the DuckDB forms the translator now prints against the forms it printed before (or DuckDB's
 * own function), on the same in-memory table in the same run, and prints each ratio new/old.
 * Run: java -cp ~/.m2/repository/org/duckdb/duckdb_jdbc/1.4.4.0/duckdb_jdbc-1.4.4.0.jar scripts/bench-function-translations.java
 */
public class BenchFunctionTranslations {
    static final String[][] PAIRS = {
        {"REGEXP_EXTRACT(uri, '/product/([0-9]+)')",
         "CASE WHEN regexp_matches(uri, '/product/([0-9]+)') THEN regexp_extract(uri, '/product/([0-9]+)', 1) END",
         "regexp_extract_all(uri, '/product/([0-9]+)', 1)[1]"},
        {"REVERSE(uri)", "reverse(uri)",
         "list_reduce(list_transform(range(length(uri), 0, -1), i -> array_slice(uri, i, i)), (a, b) -> a || b, array_slice(uri, 1, 0))"},
    };

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET threads = 1");
            // URIs shaped like The Look's events.uri
            st.execute("CREATE TABLE events AS SELECT CASE i % 3 WHEN 0 THEN '/product/' || (i % 29000) WHEN 1 THEN '/department/men/category/jeans/brand/levis' "
                    + "ELSE '/cart' END AS uri FROM range(" + rows + ") t(i)");
            for (String[] p : PAIRS) {
                double before = best(st, p[1]);
                double after = best(st, p[2]);
                System.out.printf("%-45s before %8.1f ms  after %8.1f ms  ratio after/before %.2f%n", p[0], before, after, after / before);
            }
        }
    }

    /** Best of five runs of an aggregate over the expression (so the rows are computed, not just planned). */
    static double best(Statement st, String expr) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            try (ResultSet rs = st.executeQuery("SELECT count(" + expr + ") FROM events")) { rs.next(); }
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        return best;
    }
}
