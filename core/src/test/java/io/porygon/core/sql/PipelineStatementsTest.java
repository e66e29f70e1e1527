package io.porygon.core.sql;

import io.porygon.core.SourceLocation;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statements the benchmark translates (benchmarks/src/main/resources/pipeline-statements.sql,
 * the pipeline's kinds of statements) must translate and run on DuckDB over The Look's raw schema.
 */
class PipelineStatementsTest {

    static final Path STATEMENTS = Path.of("..", "benchmarks", "src", "main", "resources", "pipeline-statements.sql");

    @TempDir
    Path dir;

    @Test
    void everyPipelineStatementTranslatesAndRuns() throws Exception {
        Assumptions.assumeTrue(Files.exists(STATEMENTS), "run from the core module of the Porygon build");
        List<String> statements = statements(Files.readString(STATEMENTS));
        assertThat(statements).hasSizeGreaterThanOrEqualTo(10);
        DuckDbTranslator translator = new DuckDbTranslator();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("warehouse.duckdb"));
             Statement st = db.createStatement()) {
            for (String s : DuckDbTranslator.SESSION_SETTINGS) st.execute(s);
            createRawSchema(st);
            int line = 1;
            for (String google : statements) {
                String duck = translator.translate(google, new SourceLocation("pipeline-statements.sql", line, 1));
                for (String part : duck.split(";\n")) st.execute(part);
                line++;
            }
            try (ResultSet rs = st.executeQuery("SELECT category, profit FROM thelook_reporting.profit_view")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Jeans");
                assertThat(rs.getDouble(2)).isEqualTo(30.0);
            }
        }
    }

    static List<String> statements(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split("(?m)^-- @@.*$")) {
            boolean onlyComments = part.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("--"));
            if (!onlyComments) out.add(part.strip());
        }
        return out;
    }

    /** The Look's raw tables (DESIGN.md), one row each, plus the incremental targets. */
    private static void createRawSchema(Statement st) throws Exception {
        for (String schema : List.of("thelook", "thelook_config", "thelook_intermediate", "thelook_reporting")) {
            st.execute("CREATE SCHEMA " + schema);
        }
        st.execute("CREATE TABLE thelook.users (id BIGINT, first_name VARCHAR, last_name VARCHAR, email VARCHAR, age BIGINT, "
                + "gender VARCHAR, state VARCHAR, street_address VARCHAR, postal_code VARCHAR, city VARCHAR, country VARCHAR, "
                + "latitude DOUBLE, longitude DOUBLE, traffic_source VARCHAR, created_at TIMESTAMPTZ)");
        st.execute("INSERT INTO thelook.users VALUES (1, ' Ada ', 'L', 'ADA@EXAMPLE.COM', 36, 'F', 'CA', 's', '1', 'LA', "
                + "'United States', 0, 0, 'Search', TIMESTAMPTZ '2024-01-01 10:00:00+00')");
        st.execute("CREATE TABLE thelook.products (id BIGINT, cost DOUBLE, category VARCHAR, name VARCHAR, brand VARCHAR, "
                + "retail_price DOUBLE, department VARCHAR, sku VARCHAR, distribution_center_id BIGINT)");
        st.execute("INSERT INTO thelook.products VALUES (10, 70, 'Jeans', 'Slim', 'Levi', 100, 'Women', 'x', 1)");
        st.execute("CREATE TABLE thelook.distribution_centers (id BIGINT, name VARCHAR, latitude DOUBLE, longitude DOUBLE)");
        st.execute("INSERT INTO thelook.distribution_centers VALUES (1, 'Memphis', 0, 0)");
        st.execute("CREATE TABLE thelook.orders (order_id BIGINT, user_id BIGINT, status VARCHAR, gender VARCHAR, "
                + "created_at TIMESTAMPTZ, returned_at TIMESTAMPTZ, shipped_at TIMESTAMPTZ, delivered_at TIMESTAMPTZ, num_of_item BIGINT)");
        st.execute("INSERT INTO thelook.orders VALUES (100, 1, 'Complete', 'F', current_timestamp - INTERVAL 1 DAY, NULL, "
                + "current_timestamp - INTERVAL 20 HOUR, current_timestamp - INTERVAL 2 HOUR, 1)");
        st.execute("CREATE TABLE thelook.order_items (id BIGINT, order_id BIGINT, user_id BIGINT, product_id BIGINT, "
                + "inventory_item_id BIGINT, status VARCHAR, created_at TIMESTAMPTZ, shipped_at TIMESTAMPTZ, delivered_at TIMESTAMPTZ, "
                + "returned_at TIMESTAMPTZ, sale_price DOUBLE)");
        st.execute("INSERT INTO thelook.order_items VALUES (1000, 100, 1, 10, 5000, 'Complete', current_timestamp - INTERVAL 1 DAY, "
                + "NULL, NULL, NULL, 100)");
        st.execute("CREATE TABLE thelook.inventory_items (id BIGINT, product_id BIGINT, created_at TIMESTAMPTZ, sold_at TIMESTAMPTZ, "
                + "cost DOUBLE, product_category VARCHAR, product_name VARCHAR, product_brand VARCHAR, product_retail_price DOUBLE, "
                + "product_department VARCHAR, product_sku VARCHAR, product_distribution_center_id BIGINT)");
        st.execute("INSERT INTO thelook.inventory_items VALUES (5000, 10, TIMESTAMPTZ '2024-01-01 00:00:00+00', NULL, 70, 'Jeans', "
                + "'Slim', 'Levi', 100, 'Women', 'x', 1)");
        st.execute("CREATE TABLE thelook.events (id BIGINT, user_id BIGINT, sequence_number BIGINT, session_id VARCHAR, "
                + "created_at TIMESTAMPTZ, ip_address VARCHAR, city VARCHAR, state VARCHAR, postal_code VARCHAR, browser VARCHAR, "
                + "traffic_source VARCHAR, uri VARCHAR, event_type VARCHAR)");
        st.execute("INSERT INTO thelook.events VALUES (1, 1, 1, 's1', current_timestamp, '1.1.1.1', 'LA', 'CA', '1', 'Chrome', "
                + "'Search', '/product/10', 'purchase')");
        st.execute("CREATE TABLE thelook_config.country_lookup (country_name VARCHAR, iso_code VARCHAR)");
        st.execute("INSERT INTO thelook_config.country_lookup VALUES ('United States', 'US')");
        st.execute("CREATE TABLE thelook_config.user_segments (gender VARCHAR, min_age BIGINT, max_age BIGINT, segment VARCHAR)");
        st.execute("INSERT INTO thelook_config.user_segments VALUES ('F', 30, 39, 'F30s')");
        st.execute("CREATE TABLE thelook_intermediate.events_fct (event_id BIGINT, user_id BIGINT, session_id VARCHAR, "
                + "event_type VARCHAR, event_ts TIMESTAMPTZ, event_date DATE, browser VARCHAR, traffic_source VARCHAR, uri VARCHAR, "
                + "session_event_seq BIGINT, is_purchase BOOLEAN)");
        st.execute("CREATE TABLE thelook_intermediate.trx_fct (order_item_id BIGINT, order_id BIGINT, user_id BIGINT, "
                + "product_id BIGINT, status VARCHAR, created_at TIMESTAMPTZ, sale_price DOUBLE, cost DOUBLE, profit DOUBLE, "
                + "margin DOUBLE, trx_date DATE)");
    }
}
