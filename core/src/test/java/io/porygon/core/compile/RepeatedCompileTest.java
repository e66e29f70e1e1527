package io.porygon.core.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.core.Porygon;
import io.porygon.core.compile.js.SqlxToJavaScript;
import io.porygon.core.compile.json.CompiledGraphJson;
import io.porygon.core.compile.sqlx.Fragment;
import io.porygon.core.graph.CompileError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiling again in the same JVM gives the same output, and the per-compile shortcuts change no result. */
class RepeatedCompileTest {
    @TempDir
    Path dir;

    private void write(String path, String content) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void aSecondCompileOfTheSameProjectGivesTheSameJson() {
        Path project = Path.of("src/test/resources/conformance/33-thirty-actions");
        String first = CompiledGraphJson.write(Porygon.compileDetailed(project, Map.of()), true);
        String second = CompiledGraphJson.write(Porygon.compileDetailed(project, Map.of()), true);
        assertThat(second).isEqualTo(first);
        assertThat(first).contains("\"int_0\"");
    }

    @Test
    void actionsOfOneCompileAreNotSeenByTheNext() throws IOException {
        write("workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        write("definitions/a.sqlx", "config { type: \"view\" }\nSELECT 1");
        write("definitions/b.sqlx", "config { type: \"view\" }\nSELECT * FROM ${ref(\"a\")}");
        assertThat(Porygon.compile(dir).graphErrors()).isEmpty();
        Files.delete(dir.resolve("definitions/a.sqlx"));
        List<CompileError> errors = Porygon.compile(dir).graphErrors();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).message()).contains("Missing dependency");
    }

    @Test
    void aLoopProblemIsReportedOnEveryCompileUntilTheFileChanges() throws IOException {
        write("workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        write("definitions/loops.js", "for (let i = 0; i < 2; i++) {\n  publish(\"t_\" + i).query(ctx => `SELECT ${i} AS i`);\n}\n");
        assertThat(Porygon.compile(dir).graphErrors()).extracting(e -> e.location().toString()).containsExactly("definitions/loops.js:1:1");
        assertThat(Porygon.compile(dir).graphErrors()).extracting(e -> e.location().toString()).containsExactly("definitions/loops.js:1:1");
        write("definitions/loops.js", "[0, 1].forEach(function (i) {\n  publish(\"t_\" + i).query(ctx => `SELECT ${i} AS i`);\n});\n");
        assertThat(Porygon.compile(dir).graphErrors()).isEmpty();
    }

    @Test
    void aSyntaxErrorOnTheFirstLineOfAJsBlockHasTheFileColumn() throws IOException {
        write("workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        write("definitions/a.sqlx", "config { type: \"table\" }\njs { const x = ; }\nSELECT ${x}\n");
        List<CompileError> errors = Porygon.compile(dir).graphErrors();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).location().line()).isEqualTo(2);
        assertThat(errors.get(0).location().column()).isEqualTo(16);
    }

    @Test
    void onlyTheContextFunctionsACodeMentionsAreBound() {
        String b = SqlxToJavaScript.bindings(List.of(new Fragment("const c = 1;", 2, 5)), List.of(new Fragment("SELECT * FROM ${ref(\"a\")}", 3, 1)));
        assertThat(b).contains("const ref = ctx.ref").doesNotContain("const self").doesNotContain("const when");
    }
}
