package io.porygon.cli.bench;

import io.porygon.core.engine.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Dataform project shaped like the Porygon pipeline (declarations of The Look's raw tables,
 * dimensions, incremental facts, reporting tables and views, assertions), and raw tables of
 * about scale factor {@code scale} generated inside DuckDB. For benchmarking the runner before
 * the real pipeline and generator exist; not a model of the business rules.
 */
final class SyntheticProject {
    private SyntheticProject() {}

    static void write(Path dir) {
        file(dir, "workflow_settings.yaml", """
                defaultProject: porygon-bench
                defaultDataset: thelook
                defaultLocation: US
                defaultAssertionDataset: dataform_assertions
                """);
        for (String raw : new String[] {"users", "products", "orders", "order_items", "events"}) {
            file(dir, "definitions/sources/" + raw + ".sqlx",
                    "config { type: \"declaration\", schema: \"thelook_ecommerce\", name: \"" + raw + "\" }\n");
        }
        Map<String, String> models = Map.ofEntries(
                Map.entry("users_dim", """
                        config { type: "table", assertions: { uniqueKey: ["user_id"], nonNull: ["user_id"] } }
                        SELECT id AS user_id, gender, country, traffic_source,
                               CASE WHEN age < 25 THEN '18-24' WHEN age < 45 THEN '25-44' WHEN age < 65 THEN '45-64' ELSE '65+' END AS age_band,
                               DATE(created_at) AS signup_date
                        FROM ${ref("users")}
                        """),
                Map.entry("products_dim", """
                        config { type: "table", assertions: { uniqueKey: ["product_id"] } }
                        SELECT id AS product_id, category, brand, department, cost, retail_price,
                               retail_price - cost AS unit_margin
                        FROM ${ref("products")}
                        """),
                Map.entry("orders_dim", """
                        config { type: "table", assertions: { nonNull: ["order_id", "user_id"] } }
                        SELECT o.order_id, o.user_id, o.status, u.country, u.age_band,
                               DATE(o.created_at) AS order_date, o.num_of_item,
                               TIMESTAMP_DIFF(o.delivered_at, o.created_at, HOUR) AS hours_to_deliver
                        FROM ${ref("orders")} o
                        JOIN ${ref("users_dim")} u ON u.user_id = o.user_id
                        """),
                Map.entry("trx_fct", """
                        config { type: "incremental", uniqueKey: ["order_item_id"] }
                        SELECT oi.id AS order_item_id, oi.order_id, oi.user_id, oi.product_id, oi.status,
                               oi.sale_price, p.cost, oi.sale_price - p.cost AS profit, p.category, p.brand,
                               DATE(oi.created_at) AS sale_date, o.country
                        FROM ${ref("order_items")} oi
                        JOIN ${ref("products_dim")} p ON p.product_id = oi.product_id
                        JOIN ${ref("orders_dim")} o ON o.order_id = oi.order_id
                        ${when(incremental(), `WHERE oi.created_at > (SELECT TIMESTAMP(MAX(sale_date)) FROM ${self()})`)}
                        """),
                Map.entry("events_fct", """
                        config { type: "incremental" }
                        SELECT id AS event_id, user_id, session_id, sequence_number, event_type, traffic_source,
                               DATE(created_at) AS event_date, EXTRACT(HOUR FROM created_at) AS event_hour
                        FROM ${ref("events")}
                        ${when(incremental(), `WHERE created_at > (SELECT TIMESTAMP(MAX(event_date)) FROM ${self()})`)}
                        """),
                Map.entry("sessions_fct", """
                        config { type: "table" }
                        SELECT session_id, MIN(user_id) AS user_id, COUNT(*) AS events,
                               COUNTIF(event_type = 'purchase') AS purchases, MIN(event_date) AS session_date
                        FROM ${ref("events_fct")}
                        GROUP BY session_id
                        """),
                Map.entry("daily_sales", """
                        config { type: "table" }
                        SELECT sale_date, country, COUNT(DISTINCT order_id) AS orders, SUM(sale_price) AS revenue,
                               SUM(profit) AS profit
                        FROM ${ref("trx_fct")}
                        WHERE status NOT IN ('Cancelled', 'Returned')
                        GROUP BY sale_date, country
                        """),
                Map.entry("category_profit", """
                        config { type: "table" }
                        SELECT category, brand, EXTRACT(YEAR FROM sale_date) AS year, SUM(profit) AS profit,
                               RANK() OVER (PARTITION BY category ORDER BY SUM(profit) DESC) AS brand_rank
                        FROM ${ref("trx_fct")}
                        GROUP BY category, brand, EXTRACT(YEAR FROM sale_date)
                        """),
                Map.entry("funnel", """
                        config { type: "table" }
                        SELECT event_date, traffic_source,
                               COUNTIF(event_type = 'home') AS home, COUNTIF(event_type = 'product') AS product,
                               COUNTIF(event_type = 'cart') AS cart, COUNTIF(event_type = 'purchase') AS purchase
                        FROM ${ref("events_fct")}
                        GROUP BY event_date, traffic_source
                        """),
                Map.entry("customer_value", """
                        config { type: "table" }
                        SELECT u.user_id, u.country, u.age_band, COUNT(t.order_item_id) AS items,
                               COALESCE(SUM(t.sale_price), 0) AS lifetime_value
                        FROM ${ref("users_dim")} u
                        LEFT JOIN ${ref("trx_fct")} t ON t.user_id = u.user_id
                        GROUP BY u.user_id, u.country, u.age_band
                        """),
                Map.entry("profit_view", """
                        config { type: "view" }
                        SELECT sale_date, country, profit FROM ${ref("daily_sales")} WHERE profit IS NOT NULL
                        """),
                Map.entry("profit_matrix_view", """
                        config { type: "view" }
                        SELECT category, year, SUM(profit) AS profit FROM ${ref("category_profit")} GROUP BY category, year
                        """));
        models.forEach((name, sql) -> file(dir, "definitions/" + name + ".sqlx", sql));
        file(dir, "definitions/assertions/no_negative_revenue.sqlx", """
                config { type: "assertion" }
                SELECT * FROM ${ref("daily_sales")} WHERE revenue < 0
                """);
    }

    /** Raw tables with The Look's columns; {@code scale} 1.0 gives about the public row counts. */
    static void seed(Engine engine, double scale) {
        long users = Math.round(100_000 * scale);
        long products = Math.round(29_000 * scale);
        long orders = Math.round(125_000 * scale);
        long items = Math.round(181_000 * scale);
        long events = Math.round(2_400_000 * scale);
        engine.execute("CREATE SCHEMA IF NOT EXISTS thelook_ecommerce");
        // a deterministic pseudo-random BIGINT (hash() is unsigned, which DuckDB will not index lists with)
        engine.execute("CREATE OR REPLACE TEMP MACRO h(x) AS CAST(hash(x) % 1000000007 AS BIGINT)");
        engine.execute("CREATE OR REPLACE TABLE thelook_ecommerce.users AS SELECT range + 1 AS id, 'First' AS first_name, 'Last' AS last_name,"
                + " 'u' || range || '@example.com' AS email, 18 + h(range) % 60 AS age, CASE WHEN h(range * 7) % 2 = 0 THEN 'F' ELSE 'M' END AS gender,"
                + " 'State' AS state, 'Street' AS street_address, '00000' AS postal_code, 'City' AS city,"
                + " (['United States', 'China', 'Brasil', 'Germany', 'France', 'Spain'])[1 + h(range * 3) % 6] AS country,"
                + " 0.0 AS latitude, 0.0 AS longitude, (['Search', 'Organic', 'Email', 'Display', 'Facebook'])[1 + h(range * 5) % 5] AS traffic_source,"
                + " TIMESTAMPTZ '2020-01-01' + to_seconds(h(range) % 157680000) AS created_at FROM range(" + users + ")");
        engine.execute("CREATE OR REPLACE TABLE thelook_ecommerce.products AS SELECT range + 1 AS id, 5 + h(range) % 50 AS cost,"
                + " (['Jeans', 'Tops', 'Shorts', 'Swim', 'Socks', 'Outerwear', 'Sleep', 'Active'])[1 + h(range * 3) % 8] AS category,"
                + " 'Product ' || range AS name, 'Brand ' || (h(range * 11) % 300) AS brand, 10 + h(range) % 90 AS retail_price,"
                + " CASE WHEN range % 2 = 0 THEN 'Men' ELSE 'Women' END AS department, md5(range::VARCHAR) AS sku,"
                + " 1 + range % 10 AS distribution_center_id FROM range(" + products + ")");
        engine.execute("CREATE OR REPLACE TABLE thelook_ecommerce.orders AS SELECT range + 1 AS order_id, 1 + h(range) % " + users + " AS user_id,"
                + " (['Processing', 'Shipped', 'Complete', 'Cancelled', 'Returned'])[1 + h(range * 3) % 5] AS status, 'F' AS gender,"
                + " TIMESTAMPTZ '2021-01-01' + to_seconds(h(range) % 126144000) AS created_at, NULL::TIMESTAMPTZ AS returned_at,"
                + " TIMESTAMPTZ '2021-01-02' + to_seconds(h(range) % 126144000) AS shipped_at,"
                + " TIMESTAMPTZ '2021-01-04' + to_seconds(h(range) % 126144000) AS delivered_at, 1 + h(range) % 4 AS num_of_item"
                + " FROM range(" + orders + ")");
        engine.execute("CREATE OR REPLACE TABLE thelook_ecommerce.order_items AS SELECT range + 1 AS id, 1 + h(range) % " + orders + " AS order_id,"
                + " 1 + h(range * 13) % " + users + " AS user_id, 1 + h(range * 17) % " + products + " AS product_id, range + 1 AS inventory_item_id,"
                + " (['Processing', 'Shipped', 'Complete', 'Cancelled', 'Returned'])[1 + h(range * 3) % 5] AS status,"
                + " TIMESTAMPTZ '2021-01-01' + to_seconds(h(range) % 126144000) AS created_at, NULL::TIMESTAMPTZ AS shipped_at,"
                + " NULL::TIMESTAMPTZ AS delivered_at, NULL::TIMESTAMPTZ AS returned_at, (10 + h(range) % 9000) / 100.0 AS sale_price"
                + " FROM range(" + items + ")");
        engine.execute("CREATE OR REPLACE TABLE thelook_ecommerce.events AS SELECT range + 1 AS id,"
                + " CASE WHEN h(range) % 4 = 0 THEN NULL ELSE 1 + h(range) % " + users + " END AS user_id, range % 8 AS sequence_number,"
                + " md5((range // 8)::VARCHAR) AS session_id, TIMESTAMPTZ '2021-01-01' + to_seconds(h(range // 8) % 126144000) AS created_at,"
                + " '10.0.0.1' AS ip_address, 'City' AS city, 'State' AS state, '00000' AS postal_code, 'Chrome' AS browser,"
                + " (['Search', 'Organic', 'Email', 'Display', 'Facebook'])[1 + h(range // 8) % 5] AS traffic_source, '/product/1' AS uri,"
                + " (['home', 'department', 'product', 'cart', 'purchase', 'cancel'])[1 + h(range) % 6] AS event_type FROM range(" + events + ")");
    }

    private static void file(Path dir, String relative, String content) {
        try {
            Path f = dir.resolve(relative);
            Files.createDirectories(f.getParent());
            Files.writeString(f, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
