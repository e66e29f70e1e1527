package io.porygon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The real CLI, in-process, against real DuckDB files. */
class GenerateAndLoadCommandTest {
    @TempDir Path dir;

    record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cli = PorygonCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void generateAdvanceExportAndLoad() {
        String warehouse = dir.resolve("w.duckdb").toString();
        Run generated = run("generate", "--scale", "0.005", "--as-of", "2025-06-30", "--warehouse", warehouse, "--no-progress");
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        assertThat(generated.out()).contains("users", "500", "events").containsPattern("generated [0-9,]+ rows in");

        Run advanced = run("generate", "--advance", "1d", "--warehouse", warehouse);
        assertThat(advanced.exitCode()).as(advanced.err()).isZero();
        assertThat(advanced.out()).contains("new rows", "updated");

        Path files = dir.resolve("files");
        Run exported = run("generate", "--scale", "0.005", "--as-of", "2025-06-30", "--out", files.toString(), "--format", "csv");
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(files.resolve("events.csv")).isRegularFile();
        assertThat(files.resolve("distribution_centers.csv")).isRegularFile();

        Run loaded = run("load", "thelook", "--from", files.toString(), "--warehouse", dir.resolve("l.duckdb").toString());
        assertThat(loaded.exitCode()).as(loaded.err()).isZero();
        assertThat(loaded.out()).contains("order_items");
    }

    @Test
    void userErrorsExitWithTwoAndAHint() throws Exception {
        String warehouse = dir.resolve("w.duckdb").toString();
        Run mixed = run("generate", "--advance", "1d", "--scale", "2", "--warehouse", warehouse);
        assertThat(mixed.exitCode()).isEqualTo(PorygonCli.EXIT_USAGE);
        assertThat(mixed.err()).contains("--scale does not apply").contains("hint:");

        Run badScale = run("generate", "--scale", "0", "--warehouse", warehouse);
        assertThat(badScale.exitCode()).isEqualTo(PorygonCli.EXIT_USAGE);
        assertThat(badScale.err()).contains("--scale must be positive").doesNotContain("Exception");

        Run badDuration = run("generate", "--advance", "tomorrow", "--warehouse", warehouse);
        assertThat(badDuration.exitCode()).isEqualTo(PorygonCli.EXIT_USAGE);
        assertThat(badDuration.err()).contains("cannot read --advance tomorrow");

        Run missing = run("generate", "--advance", "1d", "--warehouse", warehouse);
        assertThat(missing.exitCode()).isEqualTo(PorygonCli.EXIT_USAGE);
        assertThat(missing.err()).contains("cannot advance: the warehouse does not exist");
        assertThat(dir.resolve("w.duckdb")).doesNotExist(); // no empty warehouse left behind

        Run created = run("generate", "--scale", "0.001", "--warehouse", dir.resolve("other.duckdb").toString(), "--schema", "elsewhere",
                "--no-progress");
        assertThat(created.exitCode()).as(created.err()).isZero();
        Run empty = run("generate", "--advance", "1d", "--warehouse", dir.resolve("other.duckdb").toString());
        assertThat(empty.exitCode()).isEqualTo(PorygonCli.EXIT_USAGE);
        assertThat(empty.err()).contains("cannot advance");

        Files.createDirectories(dir.resolve("empty"));
        Run noFiles = run("load", "thelook", "--from", dir.resolve("empty").toString(), "--warehouse", warehouse);
        assertThat(noFiles.exitCode()).isEqualTo(PorygonCli.EXIT_USAGE);
        assertThat(noFiles.err()).contains("users: no file").doesNotContain("Exception");
    }
}
