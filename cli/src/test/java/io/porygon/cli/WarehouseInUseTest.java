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
        whileHeld("ro", holder -> {
            CliRun.Result run = CliRun.run("run", "--warehouse", warehouse().toString(), project());
            assertThat(run.exitCode()).isEqualTo(PorygonCli.EXIT_USAGE);
            assertThat(run.err()).contains(warehouse() + ": cannot open the warehouse: another process (PID " + holder.pid() + ", ")
                    .contains(") holds it to read\n").contains("hint: writing needs the file alone: retry once that reader")
                    .doesNotContain("-readonly").doesNotContain("duckdb.org").doesNotContain("Exception");
            assertThat(CliRun.run("history", "--warehouse", warehouse().toString()).exitCode()).as("readers share it").isZero();
        });
    }

    @Test
    void unitTestsRunBesideAReaderAsTheyOnlyQuery() throws Exception {
        whileHeld("ro", holder -> {
            CliRun.Result test = CliRun.run("test", "--warehouse", warehouse().toString(), project());
            assertThat(test.exitCode()).as(test.err()).isZero();
            assertThat(test.out()).contains("0 failed");
        });
    }

    @Test
    void historyOnAWarehouseAWriterHoldsSaysToRetryWhenTheWriterEnds() throws Exception {
        whileHeld("rw", holder -> {
            CliRun.Result history = CliRun.run("history", "--warehouse", warehouse().toString());
            assertThat(history.exitCode()).isEqualTo(PorygonCli.EXIT_USAGE);
            assertThat(history.err()).contains("another process (PID " + holder.pid() + ", ").contains(") holds it\n")
                    .contains("holds the file alone while it has it open: retry once it ends").doesNotContain("duckdb.org");
            assertThat(history.err().lines().count()).as("the error and its hint").isEqualTo(2);
        });
    }

    private interface WhileHeld {
        void check(Process holder) throws Exception;
    }

    /** Runs {@code check} while another process holds the warehouse ("ro" to read only), with a table in it. */
    private void whileHeld(String mode, WhileHeld check) throws Exception {
        TestProjects.seed(warehouse(), "CREATE TABLE t AS SELECT 1 AS x");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), WarehouseInUseTest.class.getName(),
                warehouse().toString(), mode).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("holding");
            check.check(holder);
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, TimeUnit.SECONDS)) holder.destroyForcibly();
        }
    }

    private Path warehouse() {
        return dir.resolve("w.duckdb");
    }

    private static String project() {
        return Path.of("..", "pipelines", "thelook").toAbsolutePath().normalize().toString();
    }
}
