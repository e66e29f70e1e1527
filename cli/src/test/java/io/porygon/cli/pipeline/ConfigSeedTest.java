package io.porygon.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.cli.CliRun;
import io.porygon.duckdb.DuckDbEngine;
import io.porygon.duckdb.DuckDbSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's config CSVs, turned into a query by scripts/sync-config.js and includes/seed.js: a CSV of its header
 * only (an empty seed, legitimate in dbt) is an empty table of STRING columns, and an empty field is NULL in a column
 * typed by its other values.
 */
class ConfigSeedTest {
    @TempDir Path project;

    @BeforeEach
    void copyTheScripts() throws IOException {
        Files.createDirectories(project.resolve("includes"));
        Files.createDirectories(project.resolve("scripts"));
        Files.copy(PorygonCommand.PIPELINE.resolve("includes/seed.js"), project.resolve("includes/seed.js"));
        Files.copy(PorygonCommand.PIPELINE.resolve("scripts/sync-config.js"), project.resolve("scripts/sync-config.js"));
        write("workflow_settings.yaml", "defaultProject: p\ndefaultDataset: config\n");
        write("definitions/empty_seed.sqlx", "config { type: \"table\" }\n${seed.selectRows(config_data.empty_seed)}\n");
        write("definitions/bands.sqlx", "config { type: \"table\" }\n${seed.selectRows(config_data.bands)}\n");
    }

    @Test
    void aHeaderOnlyTableOfTheIncludeIsAnEmptyTableOfItsColumns() throws IOException {
        // as sync-config.js writes a CSV of its header only
        write("includes/config_data.js", "module.exports = {\n"
                + "  empty_seed: { columns: [{\"name\":\"code\",\"type\":\"STRING\"},{\"name\":\"weight\",\"type\":\"INT64\"}], rows: [] },\n"
                + "  bands: { columns: [{\"name\":\"band\",\"type\":\"STRING\"},{\"name\":\"age_min\",\"type\":\"INT64\"}],"
                + " rows: [[\"young\", 18], [\"unknown\", \"\"]] },\n};\n");
        runSucceeds();

        assertThat(emptySeedColumns()).containsExactly("code VARCHAR", "weight BIGINT");
        assertThat(query("SELECT count(*) FROM config.empty_seed")).containsExactly("0");
        assertThat(bands()).containsExactly("unknown:NULL", "young:18");
    }

    @Test
    void syncConfigTypesAHeaderOnlyCsvAsStringAndAColumnByTheValuesItHas() throws Exception {
        Assumptions.assumeTrue(nodeIsInstalled(), "node runs scripts/sync-config.js");
        write("config/empty_seed.csv", "code,weight\n");
        write("config/bands.csv", "band,age_min\nyoung,18\nunknown,\n");
        Sync sync = syncConfig();
        assertThat(sync.exitCode()).as(sync.output()).isZero();
        runSucceeds();

        // no value says nothing of a type: STRING takes any, where every test of no values would pass (INT64)
        assertThat(emptySeedColumns()).containsExactly("code VARCHAR", "weight VARCHAR");
        assertThat(query("SELECT count(*) FROM config.empty_seed")).containsExactly("0");
        // the empty age_min is NULL, not 0, and leaves the column INT64
        assertThat(query("SELECT data_type FROM information_schema.columns WHERE table_name = 'bands' AND column_name = 'age_min'"))
                .containsExactly("BIGINT");
        assertThat(bands()).containsExactly("unknown:NULL", "young:18");
    }

    @Test
    void syncConfigNamesAnEmptyCsvInsteadOfFailingOnIt() throws Exception {
        Assumptions.assumeTrue(nodeIsInstalled(), "node runs scripts/sync-config.js");
        write("config/nothing.csv", "");
        Sync sync = syncConfig();
        assertThat(sync.exitCode()).as(sync.output()).isNotZero();
        assertThat(sync.output()).contains("nothing.csv:1: no header line").doesNotContain("TypeError");
    }

    private record Sync(int exitCode, String output) {}

    /** scripts/sync-config.js run by node in the project, as a user runs it after editing a CSV. */
    private Sync syncConfig() throws IOException, InterruptedException {
        Process sync = new ProcessBuilder("node", "scripts/sync-config.js").directory(project.toFile()).redirectErrorStream(true).start();
        String output = new String(sync.getInputStream().readAllBytes());
        return new Sync(sync.waitFor(), output);
    }

    /** The columns of the table empty_seed, each as "name TYPE". */
    private List<String> emptySeedColumns() {
        return query("SELECT column_name || ' ' || data_type FROM information_schema.columns WHERE table_name = 'empty_seed'"
                + " ORDER BY ordinal_position");
    }

    /** The rows of bands as "band:age_min", a NULL written NULL. */
    private List<String> bands() {
        return query("SELECT band || ':' || coalesce(CAST(age_min AS VARCHAR), 'NULL') FROM config.bands ORDER BY band");
    }

    private void runSucceeds() {
        CliRun.Result r = CliRun.run("run", "--warehouse", warehouse().toString(), project.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    }

    private Path warehouse() {
        return project.resolve("w.duckdb");
    }

    private List<String> query(String sql) {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(warehouse()))) {
            return engine.queryRows(sql).stream().map(row -> row.stream().map(String::valueOf).collect(Collectors.joining("|"))).toList();
        }
    }

    private void write(String relative, String content) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static boolean nodeIsInstalled() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
