package io.porygon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.duckdb.DuckDbEngine;
import io.porygon.duckdb.DuckDbSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's closing summary on a real DuckDB file whose views may be broken. */
class DemoSummaryTest {
    @TempDir Path dir;

    @Test
    void aBrokenViewIsShownAsUnreadableAndTheSummaryGoesOn() {
        StringWriter text = new StringWriter();
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            engine.execute("CREATE SCHEMA thelook");
            engine.execute("CREATE SCHEMA looker_studio_views");
            engine.execute("CREATE TABLE thelook.users_dim AS SELECT * FROM range(3)");
            engine.execute("CREATE TABLE thelook.gone AS SELECT 1 AS x");
            engine.execute("CREATE VIEW thelook.products_dim AS SELECT x FROM thelook.gone");
            engine.execute("CREATE VIEW looker_studio_views.profit_view AS SELECT x AS category, x AS gross_profit, x AS revenue FROM thelook.gone");
            engine.execute("DROP TABLE thelook.gone");
            engine.execute("CREATE TABLE thelook.orders_dim AS SELECT * FROM range(5)");

            new DemoSummary(engine, new PrintWriter(text, true)).print();
        }
        String out = text.toString();
        assertThat(out).containsPattern("thelook\\.users_dim +3\\n");
        assertThat(out.lines().filter(l -> l.contains("thelook.products_dim")))
                .singleElement().asString().contains("(unreadable: ").contains("gone").doesNotContain("\n");
        assertThat(out).containsPattern("thelook\\.orders_dim +5\\n").contains("thelook.trx_fct").contains("(missing)");
        assertThat(out).contains("Top categories by gross profit: (unreadable: ");
    }
}
