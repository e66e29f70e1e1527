package io.porygon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porygon.core.PorygonException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An --out the user got wrong is one line of error with a hint and exit 2, never an internal error. */
class OutputErrorsTest {
    @TempDir Path dir;
    Path file;

    @BeforeEach
    void writeProjectAndAFile() throws IOException {
        TestProjects.write(dir, "workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        TestProjects.write(dir, "definitions/v.sqlx", "config { type: \"view\" }\nSELECT 1 AS x\n");
        file = dir.resolve("notes.txt");
        Files.writeString(file, "keep me");
    }

    private static void assertOneLineUsageError(CliRun.Result r, String... says) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(PorygonCli.EXIT_USAGE);
        assertThat(r.err()).startsWith("error: ").contains(says).contains("\n  hint: ")
                .doesNotContain("internal error").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().lines().filter(l -> !l.startsWith("  hint: "))).hasSize(1);
    }

    @Test
    void docsIntoAnExistingFile() throws IOException {
        CliRun.Result r = CliRun.run("docs", "--out", file.toString(), "--warehouse", dir.resolve("w.duckdb").toString(), dir.toString());
        assertOneLineUsageError(r, file.toString(), "not a directory");
        assertThat(file).hasContent("keep me");
    }

    @Test
    void docsBelowAnExistingFile() {
        Path below = file.resolve("site");
        CliRun.Result r = CliRun.run("docs", "--out", below.toString(), "--warehouse", dir.resolve("w.duckdb").toString(), dir.toString());
        assertOneLineUsageError(r, "not a directory");
        assertThat(file).hasContent("keep me");
    }

    @Test
    void docsThatCannotWriteOnePageLeaveThePreviousSiteWhole() throws IOException {
        // a directory where dashboard.html goes: index.html and lineage.json were already replaced before it failed
        Path site = dir.resolve("site");
        Files.createDirectories(site.resolve("dashboard.html"));
        Files.writeString(site.resolve("index.html"), "previous index");
        Files.writeString(site.resolve("lineage.json"), "previous lineage");
        CliRun.Result r = CliRun.run("docs", "--out", site.toString(), "--warehouse", dir.resolve("w.duckdb").toString(), dir.toString());
        assertOneLineUsageError(r, site.toString(), "dashboard.html is a directory");
        assertThat(site.resolve("index.html")).hasContent("previous index");
        assertThat(site.resolve("lineage.json")).hasContent("previous lineage");
        try (var files = Files.list(site)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("index.html", "lineage.json", "dashboard.html");
        }
    }

    @Test
    void generateIntoAnExistingFileFailsBeforeGenerating() {
        CliRun.Result r = CliRun.run("generate", "--scale", "0.002", "--out", file.toString(), "--no-progress");
        assertOneLineUsageError(r, file.toString(), "not a directory");
        assertThat(r.out()).doesNotContain("generated");
        assertThat(file).hasContent("keep me");
    }

    @Test
    void aDirectoryThatCannotBeWrittenNamesThePermission() {
        // root writes everywhere, so the refusal is the operating system's exception as it would come
        Path locked = dir.resolve("locked");
        assertThatThrownBy(() -> { throw OutputDirectory.error("--out", locked, new AccessDeniedException(locked.toString())); })
                .isInstanceOfSatisfying(PorygonException.class, e -> {
                    assertThat(e.render()).startsWith(locked + ": ").contains("permission denied").doesNotContain("Exception");
                    assertThat(e.hint()).contains("--out");
                });
    }

    @Test
    void aWritableDirectoryIsCreatedAndKept() throws IOException {
        Path site = dir.resolve("a/b/site");
        assertThat(OutputDirectory.prepare("--out", site)).isEqualTo(site);
        assertThat(site).isDirectory();
        assertThat(OutputDirectory.prepare("--out", dir)).isEqualTo(dir);
        assertThat(file).hasContent("keep me");
    }
}
