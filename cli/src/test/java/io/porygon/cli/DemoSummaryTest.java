package io.porygon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.core.Porygon;
import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.run.DatabaseMapping;
import io.porygon.core.run.WarehouseNames;
import io.porygon.duckdb.DuckDbEngine;
import io.porygon.duckdb.DuckDbSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's closing summary on a real DuckDB file whose views may be broken. */
class DemoSummaryTest {
    @TempDir Path dir;

    private CompiledGraph compile(Path project) {
        CompiledGraph graph = Porygon.compile(project);
        assertThat(graph.graphErrors()).isEmpty();
        return graph;
    }

    /** A project of no models but the settings (defaultProject p, defaultDataset d), compiled. */
    private CompiledGraph emptyProject() throws IOException {
        Path project = dir.resolve("project");
        TestProjects.write(project, "workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        return compile(project);
    }

    /** What the summary prints of the warehouse, its tables named as {@code mapping} names the graph's (default dataset d). */
    private static String summary(DuckDbEngine engine, CompiledGraph graph, DatabaseMapping mapping) {
        StringWriter text = new StringWriter();
        new DemoSummary(engine, new PrintWriter(text, true), DemoSummary.tablesOf(graph, new WarehouseNames(mapping, "d"))).print();
        return text.toString();
    }

    @Test
    void aBrokenViewIsShownAsUnreadableAndTheSummaryGoesOn() throws IOException {
        // a project without the pipeline's models: the summary looks for them under their usual names
        CompiledGraph graph = emptyProject();
        String out;
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            engine.execute("CREATE SCHEMA thelook");
            engine.execute("CREATE SCHEMA looker_studio_views");
            engine.execute("CREATE TABLE thelook.users_dim AS SELECT * FROM range(3)");
            engine.execute("CREATE TABLE thelook.gone AS SELECT 1 AS x");
            engine.execute("CREATE VIEW thelook.products_dim AS SELECT x FROM thelook.gone");
            engine.execute("CREATE VIEW looker_studio_views.profit_view AS SELECT x AS category, x AS gross_profit, x AS revenue FROM thelook.gone");
            engine.execute("DROP TABLE thelook.gone");
            engine.execute("CREATE TABLE thelook.orders_dim AS SELECT * FROM range(5)");
            out = summary(engine, graph, DatabaseMapping.IGNORE);
        }
        assertThat(out).containsPattern("thelook\\.users_dim +3\\n");
        assertThat(out.lines().filter(l -> l.contains("thelook.products_dim")))
                .singleElement().asString().contains("(unreadable: ").contains("gone").doesNotContain("\n");
        assertThat(out).containsPattern("thelook\\.orders_dim +5\\n").contains("thelook.trx_fct").contains("(missing)");
        assertThat(out).contains("Top categories by gross profit: (unreadable: ");
    }

    /** Under prefix mapping the models live in <project>_<dataset>: the summary reads them there, as the run wrote them. */
    @Test
    void theTablesAreReadWhereTheGraphAndTheDatabaseMappingPutThem() throws IOException {
        Path project = dir.resolve("project");
        TestProjects.write(project, "workflow_settings.yaml", "defaultProject: acme\ndefaultDataset: d\n");
        TestProjects.write(project, "definitions/users_dim.sqlx", "config { type: \"table\", schema: \"thelook\" }\nSELECT 1 AS user_id\n");
        TestProjects.write(project, "definitions/profit_view.sqlx", """
                config { type: "view", schema: "looker_studio_views" }
                SELECT 'Jeans' AS category, 30.0 AS gross_profit, 50.0 AS revenue
                """);
        CompiledGraph graph = compile(project);
        String out;
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            engine.execute("CREATE SCHEMA acme_thelook");
            engine.execute("CREATE SCHEMA acme_looker_studio_views");
            engine.execute("CREATE TABLE acme_thelook.users_dim AS SELECT * FROM range(4)");
            engine.execute("CREATE VIEW acme_looker_studio_views.profit_view AS SELECT 'Jeans' AS category, 30.0 AS gross_profit, 50.0 AS revenue");
            out = summary(engine, graph, DatabaseMapping.PREFIX_SCHEMA);
        }
        assertThat(out).containsPattern("acme_thelook\\.users_dim +4\\n")
                .containsPattern("acme_looker_studio_views\\.profit_view +1\\n")
                .containsPattern("Top categories by gross profit:\\n.*\\n +Jeans +30\\.00 +50\\.00");
        // models the project lacks keep their usual names
        assertThat(out).containsPattern("thelook\\.trx_fct +\\(missing\\)");
    }

    /** The summary's figures are written as the dashboard writes them, not in the JVM's locale (1.234,50 in German). */
    @Test
    void figuresAreWrittenAsOnTheDashboardWhateverTheJvmsLocale() throws IOException {
        CompiledGraph graph = emptyProject();
        String out;
        Locale before = Locale.getDefault();
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            engine.execute("CREATE SCHEMA thelook");
            engine.execute("CREATE SCHEMA looker_studio_views");
            engine.execute("CREATE TABLE thelook.users_dim AS SELECT * FROM range(1234)");
            engine.execute("CREATE VIEW looker_studio_views.profit_view AS SELECT 'Jeans' AS category, 1234.5 AS gross_profit, 2345678.25 AS revenue");
            Locale.setDefault(Locale.GERMANY);
            out = summary(engine, graph, DatabaseMapping.IGNORE);
        } finally {
            Locale.setDefault(before);
        }
        assertThat(out).containsPattern("thelook\\.users_dim +1,234\\n")
                .containsPattern("\\n +Jeans +1,234\\.50 +2,345,678\\.25\\n");
    }

    /** Categories of equal profit come in the dashboard's order, by name, so the five shown do not change from one summary to the next. */
    @Test
    void categoriesOfEqualProfitAreListedByNameAndNoSalesIsSaid() throws IOException {
        CompiledGraph graph = emptyProject();
        String text;
        String empty;
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            engine.execute("CREATE SCHEMA looker_studio_views");
            engine.execute("CREATE TABLE looker_studio_views.sales AS SELECT c AS category, 10.0 AS gross_profit, 20.0 AS revenue"
                    + " FROM unnest(['Tops', 'Swim', 'Socks', 'Plus', 'Jeans', 'Active', 'Suits', 'Skirts']) AS t(c)");
            engine.execute("CREATE VIEW looker_studio_views.profit_view AS SELECT * FROM looker_studio_views.sales");
            text = summary(engine, graph, DatabaseMapping.IGNORE);
            engine.execute("DELETE FROM looker_studio_views.sales");
            empty = summary(engine, graph, DatabaseMapping.IGNORE);
        }
        assertThat(text.lines().dropWhile(l -> !l.startsWith("Top categories")).skip(2).map(l -> l.strip().split(" +")[0]))
                .containsExactly("Active", "Jeans", "Plus", "Skirts", "Socks");
        assertThat(empty).contains("Top categories by gross profit: no realized sales yet");
    }
}
