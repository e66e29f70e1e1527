package io.porygon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: `porygon run` then `porygon docs` on a small project with the two reporting views, on a real DuckDB file. */
class DocsCommandTest {
    private static final String TOPS = "Tops <&> Tees";

    @TempDir Path project;
    Path warehouse;
    String stdout;
    String stderr;

    @BeforeEach
    void writeProject() throws IOException {
        warehouse = project.resolve(".porygon/warehouse.duckdb");
        write("workflow_settings.yaml", """
                defaultProject: shop
                defaultDataset: analytics
                defaultLocation: US
                defaultAssertionDataset: checks
                """);
        write("definitions/sources/sales.sqlx", """
                config { type: "declaration", schema: "raw", name: "sales", description: "One row per item sold." }
                """);
        write("definitions/reporting/profit_view.sqlx", """
                config { type: "view", schema: "looker_studio_views", assertions: { nonNull: ["sale_date"] } }
                SELECT sale_date, country, country_iso2, brand, category, SUM(revenue) AS revenue, SUM(cost) AS cost_of_goods,
                       SUM(revenue - cost) AS gross_profit, COUNT(*) AS orders, COUNT(*) AS items
                FROM ${ref("sales")}
                GROUP BY sale_date, country, country_iso2, brand, category
                """);
        write("definitions/reporting/profit_matrix_view.sqlx", """
                config { type: "view", schema: "looker_studio_views" }
                SELECT category, as_of_date, profit_ytd, profit_prev_ytd,
                       SAFE_DIVIDE(profit_ytd - profit_prev_ytd, ABS(profit_prev_ytd)) AS profit_growth
                FROM (
                  SELECT category, DATE '2024-03-31' AS as_of_date,
                         SUM(IF(sale_date BETWEEN DATE '2024-01-01' AND DATE '2024-03-31', gross_profit, 0)) AS profit_ytd,
                         SUM(IF(sale_date BETWEEN DATE '2023-01-01' AND DATE '2023-03-31', gross_profit, 0)) AS profit_prev_ytd
                  FROM ${ref("profit_view")}
                  GROUP BY category
                )
                """);
        seed("CREATE SCHEMA raw",
                "CREATE TABLE raw.sales (sale_date DATE, country VARCHAR, country_iso2 VARCHAR, brand VARCHAR, category VARCHAR,"
                        + " revenue DOUBLE, cost DOUBLE)",
                "INSERT INTO raw.sales VALUES ('2024-01-05', 'Germany', 'DE', 'Acme', 'Jeans', 100, 40),"
                        + " ('2024-01-20', 'France', 'FR', 'Acme', 'Jeans', 50, 20),"
                        + " ('2024-03-02', 'Germany', 'DE', 'Zeta', '" + TOPS + "', 200, 150),"
                        + " ('2023-02-10', 'Germany', 'DE', 'Zeta', '" + TOPS + "', 80, 30)");
    }

    @Test
    void dashboardHoldsTheFiguresAggregatedByTheWarehouse() throws IOException {
        assertThat(cli("run", project.toString())).as(stderr).isZero();
        assertThat(cli("docs", project.toString())).as(stderr).isZero();
        Path site = project.resolve(".porygon/docs");
        assertThat(stdout).contains(site.toString(), "1 recent run", "14 months").doesNotContain("recent runs");

        String dashboard = Files.readString(site.resolve("dashboard.html"));
        JsonNode data = embeddedJson(dashboard);
        JsonNode kpis = data.get("kpis");
        assertThat(kpis.get("revenue").asDouble()).isEqualTo(430.0);
        assertThat(kpis.get("cost_of_goods").asDouble()).isEqualTo(240.0);
        assertThat(kpis.get("gross_profit").asDouble()).isEqualTo(190.0);
        assertThat(kpis.get("items").asLong()).isEqualTo(4);
        assertThat(kpis.get("countries").asLong()).isEqualTo(2);
        assertThat(kpis.get("first_date").asText()).isEqualTo("2023-02-10");

        JsonNode months = data.get("months"); // 2023-02 .. 2024-03, months without sales included as zeros
        assertThat(months).hasSize(14);
        assertThat(months.get(0).get("month").asText()).isEqualTo("2023-02-01");
        assertThat(months.get(0).get("revenue").asDouble()).isEqualTo(80.0);
        assertThat(months.get(1).get("revenue").asDouble()).isZero();
        assertThat(months.get(11).get("revenue").asDouble()).isEqualTo(150.0); // 2024-01
        assertThat(months.get(11).get("gross_profit").asDouble()).isEqualTo(90.0);

        assertThat(data.get("categories").get(0).get("category").asText()).isEqualTo(TOPS);
        assertThat(data.get("categories").get(0).get("revenue").asDouble()).isEqualTo(280.0);
        assertThat(data.get("countries").get(0).get("country").asText()).isEqualTo("Germany");
        assertThat(data.get("countries").get(0).get("country_iso2").asText()).isEqualTo("DE");
        assertThat(data.get("countries").get(0).get("revenue").asDouble()).isEqualTo(380.0);

        JsonNode matrix = data.get("profit_matrix");
        assertThat(matrix).hasSize(2);
        assertThat(matrix.get(0).get("category").asText()).isEqualTo("Jeans");
        assertThat(matrix.get(0).get("profit_ytd").asDouble()).isEqualTo(90.0);
        assertThat(matrix.get(0).get("profit_growth").isNull()).isTrue();
        assertThat(matrix.get(1).get("profit_prev_ytd").asDouble()).isEqualTo(50.0);
        assertThat(matrix.get(1).get("profit_growth").asDouble()).isZero();

        assertThat(dashboard).contains("430.00", "190.00", "44.2 %", "Tops &lt;&amp;&gt; Tees", "n/a", "<svg")
                .doesNotContain(TOPS);

        String index = Files.readString(site.resolve("index.html"));
        assertThat(index).contains("4 rows", "Run history", "SUCCEEDED", "Data quality", "One row per item sold.");
        JsonNode lineage = new ObjectMapper().readTree(site.resolve("lineage.json").toFile());
        assertThat(lineage.get("edges").toString()).contains("\"from\":\"shop.looker_studio_views.profit_view\",\"to\":\"shop.looker_studio_views.profit_matrix_view\"");
    }

    @Test
    void selectStarOfASourceExpandsToTheColumnsTheWarehouseHas() throws IOException {
        write("definitions/reporting/sales_copy.sqlx", """
                config { type: "view", schema: "reporting" }
                SELECT * EXCEPT (cost), revenue - cost AS margin FROM ${ref("sales")}
                """);
        assertThat(cli("docs", project.toString())).as(stderr).isZero();
        JsonNode lineage = new ObjectMapper().readTree(project.resolve(".porygon/docs/lineage.json").toFile());
        JsonNode copy = null;
        for (JsonNode n : lineage.get("nodes")) if (n.get("name").asText().equals("sales_copy")) copy = n;
        assertThat(copy).isNotNull();
        // the declaration's columns, read from the warehouse through the engine, less the one left out
        StringBuilder names = new StringBuilder();
        for (JsonNode c : copy.get("columns")) names.append(c.get("name").asText()).append(' ');
        assertThat(names.toString().strip()).isEqualTo("sale_date country country_iso2 brand category revenue margin");
        assertThat(copy.get("columns").get(5).get("sources").toString())
                .isEqualTo("[{\"node\":\"shop.raw.sales\",\"column\":\"revenue\"}]");
        assertThat(copy.get("columns").get(6).get("sources")).hasSize(2);
    }

    @Test
    void theDashboardReadsTheViewsUnderTheNamePrefixAndSuffixOfTheRun() throws IOException {
        assertThat(cli("run", "--table-prefix", "ci", "--schema-suffix", "dev", project.toString())).as(stderr).isZero();
        assertThat(cli("docs", "--table-prefix", "ci", "--schema-suffix", "dev", project.toString())).as(stderr).isZero();
        JsonNode kpis = embeddedJson(Files.readString(project.resolve(".porygon/docs/dashboard.html"))).get("kpis");
        assertThat(kpis.get("revenue").asDouble()).isEqualTo(430.0);
    }

    @Test
    void failingAssertionShowsInTheDataQualityHistory() throws IOException {
        assertThat(cli("run", project.toString())).as(stderr).isZero();
        seed("INSERT INTO raw.sales VALUES (NULL, 'Spain', 'ES', 'Acme', 'Jeans', 10, 5)");
        assertThat(cli("run", project.toString())).isEqualTo(1);
        assertThat(cli("docs", project.toString())).as(stderr).isZero();
        String index = Files.readString(project.resolve(".porygon/docs/index.html"));
        assertThat(index).contains("over the last 2 runs", "fail (1)", "pass", "status-FAILED");
        assertThat(embeddedJson(Files.readString(project.resolve(".porygon/docs/dashboard.html"))).get("kpis").get("revenue").asDouble())
                .isEqualTo(440.0);
    }

    @Test
    void countriesAreCountedAndGroupedByIsoCodeWhateverTheSpelling() throws IOException {
        assertThat(cli("run", project.toString())).as(stderr).isZero();
        seed("INSERT INTO raw.sales VALUES ('2024-02-01', 'Spain', 'ES', 'Acme', 'Jeans', 30, 10),"
                + " ('2024-02-02', 'España', 'ES', 'Acme', 'Jeans', 500, 10), ('2024-02-03', 'España', 'ES', 'Zeta', 'Jeans', 5, 1),"
                + " ('2024-02-04', 'Atlantis', NULL, 'Acme', 'Jeans', 1, 1), ('2024-02-05', 'Atlantis', NULL, 'Zeta', 'Jeans', 1, 1)");
        assertThat(cli("docs", project.toString())).as(stderr).isZero();
        JsonNode data = embeddedJson(Files.readString(project.resolve(".porygon/docs/dashboard.html")));
        assertThat(data.get("kpis").get("countries").asLong()).isEqualTo(4); // DE, FR, ES and Atlantis (no code)
        JsonNode countries = data.get("countries");
        assertThat(countries).hasSize(4);
        assertThat(countries.get(0).get("country").asText()).isEqualTo("España"); // the spelling of 2 of its 3 items
        assertThat(countries.get(0).get("country_iso2").asText()).isEqualTo("ES");
        assertThat(countries.get(0).get("revenue").asDouble()).isEqualTo(535.0);
        assertThat(countries.get(0).get("items").asLong()).isEqualTo(3);
        assertThat(countries.get(3).get("country").asText()).isEqualTo("Atlantis");
        assertThat(countries.get(3).get("items").asLong()).isEqualTo(2);
    }

    @Test
    void missingReportingViewsAreReportedInThePage() throws IOException {
        Path out = project.resolve("site");
        assertThat(cli("docs", "--out", out.toString(), project.toString())).as(stderr).isZero();
        String dashboard = Files.readString(out.resolve("dashboard.html"));
        assertThat(dashboard).contains("looker_studio_views.profit_view and looker_studio_views.profit_matrix_view are not in the warehouse yet");
        assertThat(Files.readString(out.resolve("index.html"))).contains("4 rows", "No runs recorded in this warehouse yet")
                .doesNotContain("Timings of the newest run");
    }

    @Test
    void aProjectWithoutTheLooksReportingViewsIsToldSoNotToRunThePipeline() throws IOException {
        Files.delete(project.resolve("definitions/reporting/profit_view.sqlx"));
        Files.delete(project.resolve("definitions/reporting/profit_matrix_view.sqlx"));
        assertThat(cli("docs", project.toString())).as(stderr).isZero();
        assertThat(stdout).contains("this project has none").doesNotContain("run the pipeline");
    }

    @Test
    void unreadableReportingViewsAreReportedInThePage() throws IOException {
        assertThat(cli("run", project.toString())).as(stderr).isZero();
        seed("DROP TABLE raw.sales");
        assertThat(cli("docs", project.toString())).as(stderr).isZero();
        assertThat(Files.readString(project.resolve(".porygon/docs/dashboard.html"))).contains("The reporting views could not be read");
    }

    @Test
    void withoutAWarehouseTheSiteIsWrittenAndNoWarehouseIsCreated() throws IOException {
        Path none = project.resolve("nowhere.duckdb");
        Path out = project.resolve("site");
        assertThat(cli("docs", "--warehouse", none.toString(), "--out", out.toString(), project.toString())).as(stderr).isZero();
        assertThat(stdout).contains("No warehouse at");
        assertThat(none).doesNotExist();
        assertThat(Files.readString(out.resolve("index.html"))).contains("id=\"a-shop.looker__studio__views.profit__view\"");
        assertThat(Files.readString(out.resolve("dashboard.html"))).contains("No warehouse");
    }

    @Test
    void aOneActionProjectIsCountedInTheSingular() throws IOException {
        Path one = project.resolve("one");
        TestProjects.write(one, "workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\ndefaultLocation: US\n");
        TestProjects.write(one, "definitions/t.sqlx", "config { type: \"table\" }\nSELECT 1 AS x\n");
        assertThat(cli("docs", one.toString())).as(stderr).isZero();
        assertThat(stdout).contains("index.html      1 action, 0 recent runs\n", "lineage.json    0 edges\n");
    }

    @Test
    void compileErrorsExitTwo() throws IOException {
        write("definitions/broken.sqlx", "config { type: \"table\" }\nSELECT * FROM ${ref(\"no_such_table\")}\n");
        assertThat(cli("docs", project.toString())).isEqualTo(2);
        assertThat(stderr).contains("no_such_table");
    }

    private static JsonNode embeddedJson(String html) throws IOException {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"dashboard-data\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).isTrue();
        return new ObjectMapper().readTree(m.group(1));
    }

    private int cli(String... args) {
        CliRun.Result result = CliRun.run(args);
        stdout = result.out();
        stderr = result.err();
        return result.exitCode();
    }

    private void write(String relative, String content) throws IOException {
        TestProjects.write(project, relative, content);
    }

    private void seed(String... statements) {
        TestProjects.seed(warehouse, statements);
    }
}
