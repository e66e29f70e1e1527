package io.porygon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code load} or {@code generate --advance} stopped by SIGTERM (as by Ctrl-C) rolls back, drops the tables it staged
 * and says so, rather than exiting at once without a word and leaving a {@code porygon_staging} schema in the warehouse;
 * what a killed generate staged does not stay beside the raw tables for good.
 */
class StoppedWarehouseWriteTest {
    @TempDir Path dir;

    @Test
    void aStoppedLoadLeavesTheTablesAsTheyWereAndNoStagingSchema() throws Exception {
        Path files = dir.resolve("files");
        Path warehouse = dir.resolve("w.duckdb");
        CliRun.Result exported = CliRun.run("generate", "--scale", "0.005", "--as-of", "2025-06-30", "--no-progress", "--out", files.toString(),
                "--format", "csv");
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        CliRun.Result loaded = CliRun.run("load", "thelook", "--from", files.toString(), "--warehouse", warehouse.toString());
        assertThat(loaded.exitCode()).as(loaded.err()).isZero();
        String eventsBefore = TestProjects.query(warehouse, "SELECT count(*) FROM thelook_ecommerce.events").get(0);
        // events, the table loaded last, made large enough to be read for seconds
        Path events = files.resolve("events.csv");
        Path large = dir.resolve("large.csv");
        TestProjects.seed(dir.resolve("scratch.duckdb"), "COPY (SELECT e.* FROM read_csv('" + events + "', all_varchar = true) e, range(300))"
                + " TO '" + large + "' (HEADER)");
        Files.move(large, events, StandardCopyOption.REPLACE_EXISTING);

        Path err = dir.resolve("err.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process load = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), PorygonCli.class.getName(),
                "load", "thelook", "--from", files.toString(), "--warehouse", warehouse.toString())
                .redirectError(err.toFile()).redirectOutput(dir.resolve("out.txt").toFile()).start();
        try {
            // the log appears when the first table is staged: the load is at work, events still to come
            Path wal = dir.resolve("w.duckdb.wal");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(wal) && load.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
            Thread.sleep(500);
            assertThat(load.isAlive()).as("still loading").isTrue();
            load.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
            assertThat(load.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            load.destroyForcibly();
        }
        assertThat(load.exitValue()).isEqualTo(143);
        assertThat(Files.readString(err)).contains("load stopped: the warehouse's tables are as they were");
        assertThat(TestProjects.query(warehouse, "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'porygon_staging'"))
                .containsExactly("0");
        assertThat(TestProjects.query(warehouse, "SELECT count(*) FROM thelook_ecommerce.events")).containsExactly(eventsBefore);
    }

    @Test
    void aStoppedAdvanceLeavesTheTablesAsTheyWereAndSaysSo() throws Exception {
        // the advance's process is seen holding the warehouse through /proc
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")));
        Path warehouse = dir.resolve("w.duckdb");
        CliRun.Result generated = CliRun.run("generate", "--scale", "0.1", "--as-of", "2025-06-30", "--no-progress", "--warehouse",
                warehouse.toString());
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        String eventsBefore = TestProjects.query(warehouse, "SELECT count(*) FROM thelook_ecommerce.events").get(0);

        Path err = dir.resolve("err.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process advance = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), PorygonCli.class.getName(),
                "generate", "--advance", "366d", "--warehouse", warehouse.toString())
                .redirectError(err.toFile()).redirectOutput(dir.resolve("out.txt").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!holds(advance, warehouse) && advance.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
            Thread.sleep(1000); // a year of activity takes seconds more to simulate and write
            assertThat(advance.isAlive()).as("still advancing").isTrue();
            advance.destroy();
            assertThat(advance.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            advance.destroyForcibly();
        }
        assertThat(advance.exitValue()).isEqualTo(143);
        assertThat(Files.readString(err)).contains("generate stopped: the warehouse's tables are as they were");
        assertThat(TestProjects.query(warehouse, "SELECT count(*) FROM thelook_ecommerce.events")).containsExactly(eventsBefore);
    }

    @Test
    void theStagingTablesOfAKilledGenerateAreDroppedByTheNextAdvance() {
        Path warehouse = dir.resolve("w.duckdb");
        CliRun.Result generated = CliRun.run("generate", "--scale", "0.005", "--as-of", "2025-06-30", "--no-progress", "--warehouse",
                warehouse.toString());
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        // what a generate killed before its swap leaves beside the raw tables
        TestProjects.seed(warehouse, "CREATE TABLE thelook_ecommerce._porygon_new_users AS SELECT * FROM thelook_ecommerce.users LIMIT 3",
                "CREATE TABLE thelook_ecommerce._porygon_new_recent_events AS SELECT * FROM thelook_ecommerce.events LIMIT 0");
        CliRun.Result advanced = CliRun.run("generate", "--advance", "1d", "--warehouse", warehouse.toString());
        assertThat(advanced.exitCode()).as(advanced.err()).isZero();
        assertThat(TestProjects.query(warehouse, "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'thelook_ecommerce'"
                + " AND starts_with(table_name, '_porygon')")).isEmpty();
    }

    private static boolean holds(Process process, Path file) {
        try (var fds = Files.list(Path.of("/proc", String.valueOf(process.pid()), "fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file.toAbsolutePath());
                } catch (java.io.IOException e) {
                    return false; // closed meanwhile
                }
            });
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false; // not started or ended
        }
    }
}
