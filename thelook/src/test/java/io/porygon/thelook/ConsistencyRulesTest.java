package io.porygon.thelook;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.duckdb.DuckDbEngine;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule queries are only worth something if they catch broken data: break some and see. */
class ConsistencyRulesTest {
    @TempDir Path dir;

    @Test
    void rulesCatchBrokenRows() {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w.duckdb"))) {
            Warehouses.generate(engine, 4, 0.005, 1);
            String s = Warehouses.SCHEMA;
            engine.execute("UPDATE " + s + ".orders SET num_of_item = num_of_item + 1 WHERE order_id = 1");
            engine.execute("UPDATE " + s + ".order_items SET shipped_at = created_at - INTERVAL 1 DAY, status = 'Shipped' WHERE id = 2");
            engine.execute("UPDATE " + s + ".order_items SET sale_price = sale_price + 1 WHERE id = 3");
            engine.execute("INSERT INTO " + s + ".orders SELECT * REPLACE (user_id + 1000000 AS user_id) FROM " + s + ".orders WHERE order_id = 4");
            Map<String, String> rules = ConsistencyRules.all(s);
            assertThat(violations(engine, rules, "num_of_item equals the item count")).isPositive();
            assertThat(violations(engine, rules, s + ".order_items timestamps ordered created <= shipped <= delivered <= returned")).isPositive();
            assertThat(violations(engine, rules, "an order's items share its status, user and timestamps")).isPositive();
            assertThat(violations(engine, rules, "sale_price equals the product's retail_price")).isEqualTo(1);
            assertThat(violations(engine, rules, "unique non-null key " + s + ".orders.order_id")).isEqualTo(1);
            assertThat(violations(engine, rules, "orders.user_id resolves")).isEqualTo(1);
            assertThat(violations(engine, rules, "unique non-null key " + s + ".users.id")).isZero();
        }
    }

    private static long violations(DuckDbEngine engine, Map<String, String> rules, String name) {
        assertThat(rules).containsKey(name);
        return Warehouses.count(engine, rules.get(name));
    }
}
