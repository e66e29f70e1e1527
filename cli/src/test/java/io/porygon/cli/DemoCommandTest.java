package io.porygon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code porygon demo} on a tiny project and a real DuckDB file: its steps see the same warehouse settings it was given. */
class DemoCommandTest {
    @TempDir Path project;

    private Path warehouse() {
        return project.resolve("w.duckdb");
    }

    private void writeSettingsProject() throws IOException {
        TestProjects.write(project, "workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        // DuckDB's own view of its settings, as the run step's connection had them
        TestProjects.write(project, "definitions/pg_settings.sqlx", "config { type: \"declaration\", schema: \"pg_catalog\", name: \"pg_settings\" }\n");
        TestProjects.write(project, "definitions/settings.sqlx", """
                config { type: "table" }
                SELECT name, setting FROM ${ref("pg_settings")} WHERE name IN ('memory_limit', 'threads')
                """);
    }

    @Test
    void theStepsRunWithTheDemosMemoryLimitAndThreads() throws IOException {
        writeSettingsProject();
        CliRun.Result r = CliRun.run("demo", "--scale", "0.002", "--memory-limit", "123MB", "--duckdb-threads", "1",
                "--warehouse", warehouse().toString(), project.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(TestProjects.query(warehouse(), "SELECT name || '=' || setting FROM d.settings ORDER BY name"))
                .satisfiesExactly(memory -> assertThat(memory).startsWith("memory_limit=117.3"), threads -> assertThat(threads).isEqualTo("threads=1"));
    }

    @Test
    void aBadSettingsFileIsAConfigurationErrorAsItsHelpSays() throws IOException {
        TestProjects.write(project, "workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        TestProjects.write(project, "porygon.yaml", "warehouse:\n  bogus: 1\n");
        CliRun.Result r = CliRun.run("demo", "--scale", "0.002", "--warehouse", warehouse().toString(), project.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown setting 'warehouse.bogus'");
        assertThat(CliRun.run("demo", "--help").out().replaceAll("\\s+", " ")).contains("2 usage, configuration or compile error");
    }

    @Test
    void theStepsUseTheConfigFileGivenToTheDemo() throws IOException {
        TestProjects.write(project, "workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        TestProjects.write(project, "definitions/one.sqlx", "config { type: \"table\" }\nSELECT 1 AS x\n");
        Path config = project.resolve("elsewhere/settings.yaml");
        TestProjects.write(project, "elsewhere/settings.yaml", "warehouse:\n  database_mapping: prefix\n");
        CliRun.Result r = CliRun.run("demo", "--scale", "0.002", "--config", config.toString(),
                "--warehouse", warehouse().toString(), project.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        // prefix: project p, dataset d is schema p_d
        assertThat(TestProjects.query(warehouse(), "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_name = 'one'"))
                .containsExactly("p_d.one");
    }

    @Test
    void theRunHistoryRecordsTheDemoAsTheUserTypedIt() throws IOException {
        TestProjects.write(project, "workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        TestProjects.write(project, "definitions/one.sqlx", "config { type: \"table\" }\nSELECT 1 AS x\n");
        CliRun.Result r = CliRun.run("demo", "--scale", "0.002", "--warehouse", warehouse().toString(), project.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        // not the run step's own arguments (porygon run --warehouse ... --database-mapping ...)
        assertThat(TestProjects.query(warehouse(), "SELECT command FROM porygon_meta.runs"))
                .containsExactly("porygon demo --scale 0.002 --warehouse " + warehouse() + " " + project);
    }

    @Test
    void scaleAndSeedOnAWarehouseWithDataSayTheyWereNotAppliedAndHowToStartFresh() throws IOException {
        TestProjects.write(project, "workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        TestProjects.write(project, "definitions/one.sqlx", "config { type: \"table\" }\nSELECT 1 AS x\n");
        CliRun.Result fresh = CliRun.run("demo", "--scale", "0.002", "--warehouse", warehouse().toString(), project.toString());
        assertThat(fresh.exitCode()).as(fresh.err()).isZero();
        assertThat(fresh.out() + fresh.err()).doesNotContain("not applied");

        CliRun.Result again = CliRun.run("demo", "--scale", "0.003", "--seed", "7", "--warehouse", warehouse().toString(), project.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("Advancing the data by one day");
        assertThat(again.err().lines().filter(l -> l.contains("not applied")))
                .singleElement().asString()
                .contains("--scale", "--seed", warehouse().toString(), "delete", "another --warehouse");

        CliRun.Result plain = CliRun.run("demo", "--warehouse", warehouse().toString(), project.toString());
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(plain.out() + plain.err()).doesNotContain("not applied");
    }

    @Test
    void aProjectThatDoesNotCompileStopsTheDemoBeforeAnyDataIsGenerated() throws IOException {
        TestProjects.write(project, "workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        TestProjects.write(project, "definitions/broken.sqlx", "config { type: \"table\" \nSELECT 1\n");
        CliRun.Result r = CliRun.run("demo", "--scale", "0.002", "--warehouse", warehouse().toString(), project.toString());
        assertThat(r.exitCode()).isEqualTo(PorygonCli.EXIT_USAGE);
        assertThat(r.err()).contains("broken.sqlx").contains("compile error");
        assertThat(r.out()).doesNotContain("Generating");
        assertThat(warehouse()).doesNotExist();
    }

    /**
     * The Look's pipeline under prefix mapping reads its raw tables from
     * bigquery_public_data_thelook_ecommerce and writes porygon_thelook_thelook: the demo generates,
     * advances and summarizes there.
     */
    @Test
    void thePipelinesDemoRunsAndAdvancesUnderPrefixMapping() throws IOException {
        Path pipeline = copyOfThePipeline();
        CliRun.Result fresh = CliRun.run("demo", "--scale", "0.002", "--database-mapping", "prefix",
                "--warehouse", warehouse().toString(), pipeline.toString());
        assertThat(fresh.exitCode()).as(fresh.out() + fresh.err()).isZero();
        assertThat(TestProjects.query(warehouse(), "SELECT count(*) > 0 FROM bigquery_public_data_thelook_ecommerce.events"))
                .containsExactly("true");
        assertThat(TestProjects.query(warehouse(), "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'thelook_ecommerce'"))
                .containsExactly("0");
        assertThat(fresh.out()).containsPattern("porygon_thelook_thelook\\.trx_fct +[1-9][0-9,]*\\n")
                .containsPattern("porygon_thelook_looker_studio_views\\.profit_view +[1-9]")
                .containsPattern("Top categories by gross profit:\\n.*\\n +\\S+");

        CliRun.Result again = CliRun.run("demo", "--database-mapping", "prefix", "--warehouse", warehouse().toString(), pipeline.toString());
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("Advancing the data by one day").doesNotContain("Generating The Look");
    }

    /** The bundled pipeline's files without its local warehouse, docs and caches, so the demo writes into the test's directory. */
    private Path copyOfThePipeline() throws IOException {
        Path source = Path.of("..", "pipelines", "thelook").toAbsolutePath().normalize();
        Path target = project.resolve("thelook");
        try (Stream<Path> files = Files.walk(source)) {
            files.filter(f -> !source.relativize(f).startsWith(".porygon")).forEach(f -> {
                try {
                    Path copy = target.resolve(source.relativize(f).toString());
                    if (Files.isDirectory(f)) Files.createDirectories(copy);
                    else Files.copy(f, copy);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return target;
    }
}
