package io.porygon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
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

        Process load = CliProcess.start(dir, List.of(), "load", "thelook", "--from", files.toString(), "--warehouse", warehouse.toString());
        // the log appears when the first table is staged: the load is at work, events still to come
        CliProcess.stopAtWork(load, () -> Files.exists(dir.resolve("w.duckdb.wal")), 500);
        assertThat(load.exitValue()).isEqualTo(143);
        assertThat(Files.readString(dir.resolve("err.txt"))).contains("load stopped: the warehouse's tables are as they were");
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

        Process advance = CliProcess.start(dir, List.of(), "generate", "--advance", "366d", "--warehouse", warehouse.toString());
        // a year of activity takes about a second more to simulate and write at this scale: stopped well before its end
        CliProcess.stopAtWork(advance, () -> holds(advance, warehouse), 300);
        assertThat(advance.exitValue()).isEqualTo(143);
        assertThat(Files.readString(dir.resolve("err.txt"))).contains("generate stopped: the warehouse's tables are as they were");
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
