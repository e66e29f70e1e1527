package io.porygon.thelook;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.duckdb.DuckDbEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

    private Map<String, String> generateAndDigest(String name, long seed, int threads) {
        Map<String, String> digests = new LinkedHashMap<>();
        try (DuckDbEngine engine = Warehouses.open(dir.resolve(name + ".duckdb"))) {
            Warehouses.generate(engine, seed, 0.02, threads);
            for (RawTable table : RawTables.ALL) digests.put(table.name(), Warehouses.digest(engine, Warehouses.SCHEMA, table));
            FileExport.export(engine, Warehouses.SCHEMA, dir.resolve(name + "-csv"), FileExport.Format.CSV);
        }
        return digests;
    }
}
