package io.porygon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void generateAdvanceExportAndLoad() throws Exception {
        String warehouse = dir.resolve("w.duckdb").toString();
        Run generated = run("generate", "--scale", "0.005", "--as-of", "2025-06-30", "--warehouse", warehouse, "--no-progress");
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        assertThat(generated.out()).contains("users", "500", "events").containsPattern("generated [0-9,]+ rows in");

        Run advanced = run("generate", "--advance", "1d", "--warehouse", warehouse);
        assertThat(advanced.exitCode()).as(advanced.err()).isZero();
        assertThat(advanced.out()).contains("new rows", "updated")
                .contains("advanced thelook_ecommerce from 2025-06-30T00:00:00Z to 2025-07-01T00:00:00Z");
        Run halfHour = run("generate", "--advance", "30m", "--warehouse", warehouse);
        assertThat(halfHour.out()).as(halfHour.err()).contains("from 2025-07-01T00:00:00Z to 2025-07-01T00:30:00Z");

        Path files = dir.resolve("files");
        Run exported = run("generate", "--scale", "0.005", "--as-of", "2025-06-30", "--out", files.toString(), "--format", "csv");
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(files.resolve("events.csv")).isRegularFile();
        assertThat(files.resolve("distribution_centers.csv")).isRegularFile();

        Run loaded = run("load", "thelook", "--from", files.toString(), "--warehouse", dir.resolve("l.duckdb").toString());
        assertThat(loaded.exitCode()).as(loaded.err()).isZero();
        assertThat(loaded.out()).contains("order_items");

        // like generate, load writes where the project's declarations read under the database mapping
        Run mapped = run("load", "thelook", "--from", files.toString(), "--database-mapping", "prefix", "--warehouse",
                dir.resolve("m.duckdb").toString(), projectDeclaringTheRawTables().toString());
        assertThat(mapped.exitCode()).as(mapped.err()).isZero();
        assertThat(TestProjects.query(dir.resolve("m.duckdb"), "SELECT count(*) > 0 FROM raw_project_shop.order_items")).containsExactly("true");

        // and under the same overrides of workflow_settings.yaml as run: here --vars choose the raw schema
        Path withVars = dir.resolve("vars-project");
        TestProjects.write(withVars, "workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\nvars:\n  source_schema: shop\n");
        TestProjects.write(withVars, "definitions/sources.js", """
                ["users", "products", "distribution_centers", "orders", "order_items", "inventory_items", "events"]
                  .forEach(name => declare({ schema: dataform.projectConfig.vars.source_schema, name }));
                """);
        Run overridden = run("load", "thelook", "--from", files.toString(), "--vars", "source_schema=exported",
                "--warehouse", dir.resolve("v.duckdb").toString(), withVars.toString());
        assertThat(overridden.exitCode()).as(overridden.err()).isZero();
        assertThat(TestProjects.query(dir.resolve("v.duckdb"), "SELECT count(*) > 0 FROM exported.order_items")).containsExactly("true");
    }

    @Test
    void generateToFilesNamesTheWarehouseOptionsItLeavesAside() {
        Path warehouse = dir.resolve("w.duckdb");
        Run r = run("generate", "--scale", "0.002", "--no-progress", "--out", dir.resolve("files").toString(),
                "--warehouse", warehouse.toString(), "--schema", "shop");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: --warehouse, --schema do not apply with --out, which writes the tables to files; ignored");
        assertThat(dir.resolve("files").resolve("users.parquet")).isRegularFile();
        assertThat(warehouse).doesNotExist();

        Run plain = run("generate", "--scale", "0.002", "--no-progress", "--out", dir.resolve("more").toString());
        assertThat(plain.err()).doesNotContain("warning");
    }

    @Test
    void aWarehouseThatRunsOutOfMemoryIsAnErrorWithAHintNotAnInternalError() {
        Run r = run("generate", "--scale", "0.01", "--memory-limit", "1MB", "--warehouse", dir.resolve("w.duckdb").toString(), "--no-progress");
        assertThat(r.exitCode()).isEqualTo(PorygonCli.EXIT_FAILED);
        assertThat(r.err()).contains("error: the warehouse failed: ").contains("hint: raise --memory-limit").doesNotContain("internal error")
                .doesNotContain("\tat ");
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
        // a typo'd or unbounded scale would generate until the disk is full
        for (String huge : List.of("1e9", "Infinity", "1001")) {
            Run tooLarge = run("generate", "--scale", huge, "--warehouse", warehouse);
            assertThat(tooLarge.exitCode()).as(huge).isEqualTo(PorygonCli.EXIT_USAGE);
            assertThat(tooLarge.err()).as(huge).contains("--scale must be at most 1000").contains("hint:").doesNotContain("Exception");
        }

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
        assertThat(dir.resolve("w.duckdb")).as("a load that cannot work leaves no empty warehouse").doesNotExist();
        Run typo = run("load", "thelook", "--from", dir.resolve("nope").toString(), "--warehouse", warehouse);
        assertThat(typo.exitCode()).isEqualTo(PorygonCli.EXIT_USAGE);
        assertThat(typo.err()).contains("no such directory");
        assertThat(dir.resolve("w.duckdb")).doesNotExist();
    }

    /** A project that declares the raw tables: generate writes them where its run reads them, under the same database mapping. */
    private Path projectDeclaringTheRawTables() throws Exception {
        Path project = dir.resolve("project");
        TestProjects.write(project, "workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        TestProjects.write(project, "definitions/sources.js", """
                ["users", "products", "distribution_centers", "orders", "order_items", "inventory_items", "events"]
                  .forEach(name => declare({ database: "raw-project", schema: "shop", name }));
                """);
        TestProjects.write(project, "definitions/orders_count.sqlx", "config { type: \"table\" }\nSELECT count(*) AS n FROM ${ref(\"orders\")}\n");
        return project;
    }

    @Test
    void generateAndAdvanceWriteWhereTheProjectsDeclarationsReadUnderItsDatabaseMapping() throws Exception {
        Path project = projectDeclaringTheRawTables();
        String warehouse = dir.resolve("w.duckdb").toString();
        Run generated = run("generate", "--scale", "0.001", "--as-of", "2025-06-30", "--database-mapping", "prefix",
                "--warehouse", warehouse, "--no-progress", project.toString());
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        assertThat(generated.out()).contains("schema raw_project_shop");
        Run advanced = run("generate", "--advance", "1d", "--database-mapping", "prefix", "--warehouse", warehouse, project.toString());
        assertThat(advanced.exitCode()).as(advanced.err()).isZero();
        Run ran = run("run", "--database-mapping", "prefix", "--warehouse", warehouse, project.toString());
        assertThat(ran.exitCode()).as(ran.out() + ran.err()).isZero();
        assertThat(TestProjects.query(dir.resolve("w.duckdb"), "SELECT n = (SELECT count(*) FROM raw_project_shop.orders) AND n > 0 FROM p_d.orders_count"))
                .containsExactly("true");

        // ignore mapping: the declarations' dataset alone
        Run ignored = run("generate", "--scale", "0.001", "--as-of", "2025-06-30", "--warehouse", dir.resolve("i.duckdb").toString(),
                "--no-progress", project.toString());
        assertThat(ignored.exitCode()).as(ignored.err()).isZero();
        assertThat(TestProjects.query(dir.resolve("i.duckdb"), "SELECT count(*) > 0 FROM shop.events")).containsExactly("true");
    }

    @Test
    void schemaGivenOnTheCommandLineWinsOverTheProjectsDeclarations() throws Exception {
        Path project = projectDeclaringTheRawTables();
        Run generated = run("generate", "--scale", "0.001", "--as-of", "2025-06-30", "--schema", "mine",
                "--warehouse", dir.resolve("w.duckdb").toString(), "--no-progress", project.toString());
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        assertThat(TestProjects.query(dir.resolve("w.duckdb"),
                "SELECT string_agg(DISTINCT table_schema, ',') FROM information_schema.tables WHERE table_name = 'events'")).containsExactly("mine");
    }

    @Test
    void aProjectThatDoesNotCompileStillGetsItsDataInTheUsualSchemaAndIsTold() throws Exception {
        Path project = projectDeclaringTheRawTables();
        TestProjects.write(project, "definitions/broken.sqlx", "config { type: \"table\" \nSELECT 1\n");
        Run generated = run("generate", "--scale", "0.001", "--as-of", "2025-06-30", "--database-mapping", "prefix",
                "--warehouse", dir.resolve("w.duckdb").toString(), "--no-progress", project.toString());
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        assertThat(generated.err()).contains("does not compile").contains("thelook_ecommerce").contains("--schema");
        assertThat(TestProjects.query(dir.resolve("w.duckdb"), "SELECT count(*) > 0 FROM thelook_ecommerce.events")).containsExactly("true");
    }
}
