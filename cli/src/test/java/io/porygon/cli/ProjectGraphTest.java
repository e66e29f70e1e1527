package io.porygon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.core.compile.project.SettingsOverrides;
import io.porygon.core.graph.CompiledGraph;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands' compile keeps its JavaScript output in the project's cache only for a known build. */
class ProjectGraphTest {
    @TempDir Path project;
    final StringWriter err = new StringWriter();

    @BeforeEach
    void writeProject() throws IOException {
        TestProjects.write(project, "workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        TestProjects.write(project, "definitions/a.sqlx", "config { type: \"view\" }\nSELECT 1 AS x\n");
    }

    @Test
    void aKnownBuildKeepsTheCompileAndReusesIt() {
        CompiledGraph first = compile(Optional.of("porygon.jar:1:2"));
        assertThat(Files.isRegularFile(project.resolve(ProjectGraph.CACHE_FILE))).isTrue();
        CompiledGraph second = compile(Optional.of("porygon.jar:1:2"));
        assertThat(second.tables()).hasSameSizeAs(first.tables());
        assertThat(second.tables().get(0).query()).isEqualTo(first.tables().get(0).query()).contains("SELECT 1 AS x");
    }

    @Test
    void withoutABuildNothingIsWritten() {
        assertThat(compile(Optional.empty()).tables()).singleElement().satisfies(t -> assertThat(t.query()).contains("SELECT 1 AS x"));
        assertThat(project.resolve(".porygon")).doesNotExist();
    }

    @Test
    void graphErrorsAreReportedAgainWhenTheCompileComesFromTheCache() throws IOException {
        TestProjects.write(project, "definitions/b.sqlx", "config { type: \"view\" }\nSELECT * FROM ${ref(\"missing\")}\n");
        assertThat(compile(Optional.of("porygon.jar:1:2"))).isNull();
        assertThat(compile(Optional.of("porygon.jar:1:2"))).isNull();
        assertThat(err.toString().split("1 compile error", -1)).hasSize(3);
        assertThat(err.toString()).contains("definitions/b.sqlx", "missing");
    }

    @Test
    void aCompileWhoseJavaScriptFailedIsNotKept() throws IOException {
        TestProjects.write(project, "definitions/b.sqlx", "config { type: \"view\" }\nSELECT ${undefinedName}\n");
        assertThat(compile(Optional.of("porygon.jar:1:2"))).isNull();
        assertThat(project.resolve(ProjectGraph.CACHE_FILE)).doesNotExist();
    }

    @Test
    void aCompileWithAnotherSchemaSuffixDoesNotReuseOneWithout() throws IOException {
        TestProjects.write(project, "definitions/b.sqlx", "config { type: \"view\" }\nSELECT * FROM ${ref(\"a\")}\n");
        Optional<String> build = Optional.of("porygon.jar:1:2");
        assertThat(viewB(compile(build))).contains("`p.d.a`");
        SettingsOverrides dev = new SettingsOverrides(null, null, null, null, null, "dev", null, false, Map.of());
        assertThat(viewB(compile(build, dev))).contains("`p.d_dev.a`");
        assertThat(viewB(compile(build, dev))).contains("`p.d_dev.a`"); // from the cache this time
        assertThat(viewB(compile(build))).contains("`p.d.a`");
    }

    /** The SQL of view b, whose ref() the JavaScript resolved with the suffix it was given. */
    private static String viewB(CompiledGraph graph) {
        return graph.tables().stream().filter(t -> t.target().name().equals("b")).findFirst().orElseThrow().query();
    }

    private CompiledGraph compile(Optional<String> build) {
        return compile(build, SettingsOverrides.NONE);
    }

    private CompiledGraph compile(Optional<String> build, SettingsOverrides overrides) {
        return ProjectGraph.compileOrReport(project, overrides, new PrintWriter(err, true), build);
    }
}
