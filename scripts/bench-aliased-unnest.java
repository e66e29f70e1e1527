// Times two GA4-style queries with an aliased UNNEST, translated by the jar on the class path, on 300k
// synthetic events of 10 parameters each (best of 7 runs). Run it with two jars alternately, e.g.
//   for i in 1 2 3; do for j in OLD.jar cli/target/porygon.jar; do java -cp $j scripts/bench-aliased-unnest.java $j; done; done
import io.porygon.core.sql.DuckDbTranslator;
import java.sql.*;

public class BenchAliasedUnnest {
  public static void main(String[] a) throws Exception {
    DuckDbTranslator t = new DuckDbTranslator();
    String[] qs = {
      "SELECT COUNT(*) AS n, SUM(p.value.int_value) AS s FROM ev AS e, UNNEST(e.params) AS p WHERE p.key = 'k3'",
      "SELECT e.id, (SELECT p.value.int_value FROM UNNEST(e.params) AS p WHERE p.key = 'k3') AS v FROM ev AS e ORDER BY e.id LIMIT 1",
    };
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      for (String s : DuckDbTranslator.SESSION_SETTINGS) st.execute(s);
      st.execute("CREATE TABLE ev AS SELECT i AS id, list_transform(range(10), k -> {'key': 'k' || k, 'value': {'int_value': i + k, 'string_value': NULL::VARCHAR}}) AS params FROM range(300000) r(i)");
      for (String q : qs) {
        String sql = t.translate(q, null);
        long best = Long.MAX_VALUE;
        for (int r = 0; r < 7; r++) { long s = System.nanoTime(); try (ResultSet rs = st.executeQuery(sql)) { while (rs.next()) {} } best = Math.min(best, System.nanoTime() - s); }
        System.out.printf("%s %.1f ms  %s%n", a[0], best / 1e6, q.substring(0, 40));
      }
    }
  }
}
