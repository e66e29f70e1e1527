package io.porygon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.duckdb.DuckDbEngine;
import io.porygon.duckdb.DuckDbSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warehouse another process has open (a DuckDB shell, a BI tool, another porygon) is refused in one line that says
 * which process and whether it only reads, with a hint that fits the command: not DuckDB's advice for its own shell.
 */
class WarehouseInUseTest {
    @TempDir Path dir;

    /** Another program: opens the warehouse ("ro" to read only) and keeps it open until its input closes. */
    public static void main(String[] args) throws Exception {
        DuckDbSettings settings = DuckDbSettings.of(Path.of(args[0]));
        try (DuckDbEngine engine = new DuckDbEngine(args[1].equals("ro") ? settings.asReadOnly() : settings)) {
            System.out.println("holding");
            System.out.flush();
            while (System.in.read() >= 0) {
                // held until the test closes our input
            }
        }
    }

    @Test
    void aRunOnAWarehouseAReaderHoldsNamesTheReaderAndSaysToRetryWhenItCloses() throws Exception {
        Path warehouse = dir.resolve("w.duckdb");
        TestProjects.seed(warehouse, "CREATE TABLE t AS SELECT 1 AS x");
        Process holder = hold(warehouse, "ro");
        try {
            CliRun.Result run = CliRun.run("run", "--warehouse", warehouse.toString(), project());
            assertThat(run.exitCode()).isEqualTo(PorygonCli.EXIT_USAGE);
            assertThat(run.err()).contains(warehouse + ": cannot open the warehouse: another process (PID " + holder.pid() + ", ")
                    .contains(") holds it to read\n").contains("hint: writing needs the file alone: retry once that reader")
                    .doesNotContain("-readonly").doesNotContain("duckdb.org").doesNotContain("Exception");
            assertThat(CliRun.run("history", "--warehouse", warehouse.toString()).exitCode()).as("readers share it").isZero();
        } finally {
            release(holder);
        }
    }

    @Test
    void unitTestsRunBesideAReaderAsTheyOnlyQuery() throws Exception {
        Path warehouse = dir.resolve("w.duckdb");
        TestProjects.seed(warehouse, "CREATE TABLE t AS SELECT 1 AS x");
        Process holder = hold(warehouse, "ro");
        try {
            CliRun.Result test = CliRun.run("test", "--warehouse", warehouse.toString(), project());
            assertThat(test.exitCode()).as(test.err()).isZero();
            assertThat(test.out()).contains("0 failed");
        } finally {
            release(holder);
        }
    }

    @Test
    void historyOnAWarehouseAWriterHoldsSaysToRetryWhenTheWriterEnds() throws Exception {
        Path warehouse = dir.resolve("w.duckdb");
        TestProjects.seed(warehouse, "CREATE TABLE t AS SELECT 1 AS x");
        Process holder = hold(warehouse, "rw");
        try {
            CliRun.Result history = CliRun.run("history", "--warehouse", warehouse.toString());
            assertThat(history.exitCode()).isEqualTo(PorygonCli.EXIT_USAGE);
            assertThat(history.err()).contains("another process (PID " + holder.pid() + ", ").contains(") holds it\n")
                    .contains("holds the file alone while it has it open: retry once it ends").doesNotContain("duckdb.org");
            assertThat(history.err().lines().count()).as("the error and its hint").isEqualTo(2);
        } finally {
            release(holder);
        }
    }

    private static String project() {
        return Path.of("..", "pipelines", "thelook").toAbsolutePath().normalize().toString();
    }

    private static Process hold(Path warehouse, String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), WarehouseInUseTest.class.getName(),
                warehouse.toString(), mode).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("holding");
        return p;
    }

    private static void release(Process holder) throws Exception {
        holder.getOutputStream().close();
        if (!holder.waitFor(30, TimeUnit.SECONDS)) holder.destroyForcibly();
    }
}
