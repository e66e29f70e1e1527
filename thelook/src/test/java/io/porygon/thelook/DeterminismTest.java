package io.porygon.thelook;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.duckdb.DuckDbEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed, scale and as-of: identical tables and byte-identical files, with 1 or 2 threads. */
class DeterminismTest {
    @TempDir Path dir;

    @Test
    void sameSeedGivesIdenticalTablesWhateverTheThreadCount() throws Exception {
        // 0.02 → 2,000 users → 4 blocks, so two threads really interleave
        Map<String, String> one = generateAndDigest("one", 11, 1);
        Map<String, String> two = generateAndDigest("two", 11, 2);
        assertThat(two).isEqualTo(one);
        for (RawTable table : RawTables.ALL) {
            assertThat(Files.mismatch(dir.resolve("one-csv").resolve(table.name() + ".csv"), dir.resolve("two-csv").resolve(table.name() + ".csv")))
                    .as("bytes of %s.csv", table.name()).isEqualTo(-1L);
        }
    }

    @Test
    void anotherSeedGivesOtherData() throws Exception {
        Map<String, String> a = generateAndDigest("a", 1, 2);
        Map<String, String> b = generateAndDigest("b", 2, 2);
        assertThat(b.get("users")).isNotEqualTo(a.get("users"));
        assertThat(b.get("events")).isNotEqualTo(a.get("events"));
        // the distribution centers are the real ten, whatever the seed
        assertThat(b.get("distribution_centers")).isEqualTo(a.get("distribution_centers"));
    }

    /**
     * Pins the output of one small generation, so a change that alters the data (or makes it depend
     * on the machine) is noticed. When the generator is changed on purpose, update the expected values.
     */
    @Test
    void aKnownSeedGivesKnownData() {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("known.duckdb"))) {
            new TheLookGenerator().generate(engine, new GenerateOptions(42, 0.001, LocalDate.of(2025, 1, 1), 2, "s"), Progress.NONE);
            assertThat(engine.queryRows("SELECT first_name || ' ' || last_name, country, created_at::VARCHAR FROM s.users WHERE id = 1").get(0))
                    .containsExactly(EXPECTED_FIRST_USER.toArray());
            assertThat(engine.queryRows("SELECT name, retail_price, cost FROM s.products WHERE id = 1").get(0))
                    .containsExactly(EXPECTED_FIRST_PRODUCT.toArray());
            StringBuilder all = new StringBuilder();
            for (RawTable t : RawTables.ALL) all.append(t.name()).append('=').append(Warehouses.digest(engine, "s", t)).append('\n');
            assertThat(all.toString()).isEqualTo(EXPECTED_DIGESTS);
        }
    }

    private static final List<Object> EXPECTED_FIRST_USER = List.of("Sandra Park", "Germany", "2023-02-04 20:42:33.524321+00");
    private static final List<Object> EXPECTED_FIRST_PRODUCT = List.of("Allegra K Women's Slim Parka", 57.99, 28.2875);
    private static final String EXPECTED_DIGESTS = """
            distribution_centers=5421fb39f3ff973f20de106e7607d69f
            products=107667f0ff47b59ea00fe937c929497f
            users=61eb2701a28ee15604578a8a04c33515
            orders=3e68aee7bef472873d9a74bbefa46267
            order_items=be0d6509d5a7a564b0d5b2b19e8961ee
            inventory_items=652ef25e3c3c7b9c685cf65a519a80cf
            events=0d0b1ee225e53ac32d4b8e7f810880ce
            """;

    private Map<String, String> generateAndDigest(String name, long seed, int threads) {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve(name + ".duckdb"))) {
            Warehouses.generate(engine, seed, 0.02, threads);
            FileExport.export(engine, Warehouses.SCHEMA, dir.resolve(name + "-csv"), FileExport.Format.CSV);
            return Warehouses.digests(engine, Warehouses.SCHEMA);
        }
    }
}
