package io.porygon.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.duckdb.DuckDbEngine;
import io.porygon.duckdb.DuckDbSettings;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small export written the way BigQuery writes each format (CSV with "... UTC" timestamps, gzipped
 * shards and quoted text; NEWLINE_DELIMITED_JSON with INT64 as strings and NULLs left out; Parquet with
 * UTC timestamps and NUMERIC as DECIMAL) loads, and the pipeline runs on it with its assertions passing.
 */
class BigQueryExportEndToEndTest {
    @TempDir Path dir;

    @Test
    void aBigQueryStyleExportLoadsAndThePipelineRunsWithItsAssertionsPassing() throws Exception {
        PorygonCommand porygon = new PorygonCommand(dir.resolve("warehouse.duckdb"));
        Path gen = dir.resolve("gen");
        Path bq = Files.createDirectories(dir.resolve("bq"));
        porygon.succeed("generate", "--scale", "0.01", "--out", gen.toString(), "--format", "csv");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("scratch.duckdb")))) {
            for (String t : List.of("users", "events", "orders", "products", "order_items", "inventory_items", "distribution_centers")) {
                engine.execute("CREATE TABLE " + t + " AS SELECT * FROM read_csv('" + gen.resolve(t + ".csv") + "', header = true"
                        + (t.equals("events") ? ", types = {'user_id': 'BIGINT'}" : "") + ")");
            }
            engine.execute("UPDATE users SET first_name = 'José', last_name = 'Nuñez, \"Pepe\"' || chr(10) || 'Jr.', city = 'São Paulo'"
                    + " WHERE id = 3");
            engine.execute("UPDATE users SET created_at = date_trunc('second', created_at) WHERE id % 3 = 0");
            for (int shard = 0; shard < 2; shard++) {
                engine.execute("COPY (SELECT * REPLACE (" + ts("created_at") + ") FROM users WHERE id % 2 = " + shard + ") TO '"
                        + bq.resolve("users-00000000000" + shard + ".csv.gz") + "' (HEADER, COMPRESSION gzip)");
                engine.execute("COPY (SELECT * REPLACE (id::VARCHAR AS id, user_id::VARCHAR AS user_id, sequence_number::VARCHAR AS"
                        + " sequence_number, " + ts("created_at") + ") FROM events WHERE id % 2 = " + shard + ") TO '"
                        + bq.resolve("events-00000000000" + shard + ".plain") + "' (FORMAT json)");
                engine.execute("COPY (SELECT * FROM orders WHERE order_id % 2 = " + shard + ") TO '"
                        + bq.resolve("orders-00000000000" + shard + ".parquet") + "' (FORMAT parquet, COMPRESSION snappy)");
            }
            engine.execute("COPY (SELECT * REPLACE (cost::DECIMAL(38, 9) AS cost, retail_price::DECIMAL(38, 9) AS retail_price)"
                    + " FROM products) TO '" + bq.resolve("products-000000000000.parquet") + "' (FORMAT parquet)");
            engine.execute("COPY (SELECT * REPLACE (" + ts("created_at") + ", " + ts("shipped_at") + ", " + ts("delivered_at") + ", "
                    + ts("returned_at") + ") FROM order_items) TO '" + bq.resolve("order_items-000000000000.csv") + "' (HEADER, COMPRESSION gzip)");
            engine.execute("COPY (SELECT * REPLACE (" + ts("created_at") + ", " + ts("sold_at") + ") FROM inventory_items) TO '"
                    + bq.resolve("inventory_items.csv") + "' (HEADER)");
            engine.execute("COPY (SELECT * REPLACE (id::VARCHAR AS id) FROM distribution_centers) TO '"
                    + bq.resolve("distribution_centers.json") + "' (FORMAT json)");
        }
        // BigQuery's JSON leaves NULL values out; a GZIP export to a .json URI keeps the name
        for (int shard = 0; shard < 2; shard++) {
            Path plain = bq.resolve("events-00000000000" + shard + ".plain");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bq.resolve("events-00000000000" + shard + ".json")))) {
                for (String line : Files.readAllLines(plain)) {
                    out.write((line.replaceAll("\"[a-z_]+\":null,?", "").replace(",}", "}") + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            Files.delete(plain);
        }

        String loaded = porygon.succeed("load", "thelook", "--from", bq.toString());
        assertThat(loaded).contains("events").contains("users");
        String run = porygon.succeed("run");
        assertThat(run).contains("SUCCEEDED").doesNotContain("FAIL");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("warehouse.duckdb")))) {
            assertThat(engine.queryRows("SELECT first_name, last_name, city FROM thelook_ecommerce.users WHERE id = 3"))
                    .containsExactly(List.of("José", "Nuñez, \"Pepe\"\nJr.", "São Paulo"));
            assertThat(engine.queryRows("SELECT count(*) - count(user_id) > 0 FROM thelook_ecommerce.events").get(0).get(0)).isEqualTo(true);
        }
    }

    /** A TIMESTAMP column as BigQuery's CSV and JSON exports write it. */
    private static String ts(String column) {
        return "CASE WHEN microsecond(" + column + ") % 1000000 = 0 THEN strftime(" + column + ", '%Y-%m-%d %H:%M:%S UTC')"
                + " ELSE strftime(" + column + ", '%Y-%m-%d %H:%M:%S.%f UTC') END AS " + column;
    }
}
