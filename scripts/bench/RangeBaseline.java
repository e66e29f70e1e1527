import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Baseline for scripts/bench-generate.sh: DuckDB writing The Look's seven tables itself, with
 * INSERT ... SELECT FROM range(), into a fresh warehouse file in one transaction: the same tables,
 * row counts and column types as the generator produced, text of comparable length and cardinality.
 * Usage: java -cp cli/target/porygon.jar scripts/bench/RangeBaseline.java FILE table=rows ...
 */
public class RangeBaseline {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Files.deleteIfExists(file);
        long rows = 0;
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath()); Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            st.execute("CREATE SCHEMA bench");
            st.execute("BEGIN TRANSACTION");
            for (int a = 1; a < args.length; a++) {
                String[] kv = args[a].split("=");
                long n = Long.parseLong(kv[1]);
                st.execute(statement(kv[0], n));
                rows += n;
            }
            st.execute("COMMIT");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("baseline %d rows in %.2f s (%.0f rows/s)%n", rows, seconds, rows / seconds);
    }

    // t: timestamp, i: int64, f: float64, s: short category text (~6 chars, few values),
    // n: name-like text (~15 chars, many values), u: uuid-like text (36 chars, unique), x: null
    private static final java.util.Map<String, String> SHAPES = java.util.Map.of(
            "distribution_centers", "i n f f",
            "products", "i f s n s f s u i",
            "users", "i s s n i s s n s s s f f s t",
            "orders", "i i s s t x t t i",
            "order_items", "i i i i i s t t t x f",
            "inventory_items", "i i t t f s n s f s u i",
            "events", "i i i u t n s s s s s n s");

    private static String statement(String table, long n) {
        String[] shape = SHAPES.get(table).split(" ");
        StringBuilder select = new StringBuilder();
        for (int k = 0; k < shape.length; k++) {
            if (k > 0) select.append(", ");
            String expr;
            switch (shape[k]) {
                case "t" -> expr = "TIMESTAMP '2020-01-01' + to_microseconds((i * 2654435761) % 157680000000000)";
                case "i" -> expr = "(i * " + (k + 7) + ") % 1000003";
                case "f" -> expr = "((i * " + (k + 3) + ") % 100000)::DOUBLE / 100";
                case "s" -> expr = "'cat-' || ((i * " + (k + 11) + ") % 13)";
                case "n" -> expr = "'name ' || ((i * 2654435761 + " + k + ") % 99991) || ' x'";
                case "u" -> expr = "md5(i::VARCHAR || '" + k + "')[1:36]";
                default -> expr = "NULL::TIMESTAMP";
            }
            select.append(expr).append(" AS c").append(k);
        }
        return "CREATE TABLE bench." + table + " AS SELECT " + select + " FROM range(" + n + ") AS r(i)";
    }
}
