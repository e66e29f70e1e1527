package io.porygon.core.compile;

import static io.porygon.core.compile.project.SettingsOverrides.ofVars;
import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.core.compile.json.CompiledGraphJson;
import io.porygon.core.compile.project.Project;
import io.porygon.core.compile.project.ProjectLoader;
import io.porygon.core.compile.project.SettingsOverrides;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JavaScript output of a compile is reused only while everything it was computed from is unchanged. */
class SessionCacheTest {
    @TempDir
    Path dir;
    Path file;
    SessionCache cache;

    @BeforeEach
    void project() throws IOException {
        file = dir.resolve(".porygon/cache/compile");
        cache = SessionCache.inFile(file, "build-1");
        write("workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\nvars:\n  n: \"1\"\n");
        write("includes/lib.js", "module.exports = { col: () => 'x' };\n");
        write("definitions/a.sqlx", "config { type: \"table\" }\nSELECT ${dataform.projectConfig.vars.n} AS ${lib.col()}\n");
        write("definitions/b.sqlx", "config { type: \"view\" }\nSELECT * FROM ${ref(\"a\")}\n");
    }

    @Test
    void aSecondCompileReusesTheOutputAndGivesTheSameResult() {
        String uncached = json(ProjectCompiler.compile(dir, ofVars(Map.of())));
        assertThat(isKept(Map.of())).isFalse();
        String first = json(ProjectCompiler.compile(dir, ofVars(Map.of()), cache));
        assertThat(isKept(Map.of())).isTrue();
        String second = json(ProjectCompiler.compile(dir, ofVars(Map.of()), cache));
        assertThat(first).isEqualTo(uncached).contains("SELECT 1 AS x");
        assertThat(second).isEqualTo(uncached);
    }

    @Test
    void aChangedFileVarOrBuildIsCompiledAgain() throws IOException {
        ProjectCompiler.compile(dir, ofVars(Map.of()), cache);
        assertThat(isKept(Map.of("n", "2"))).isFalse();
        assertThat(json(ProjectCompiler.compile(dir, ofVars(Map.of("n", "2")), cache))).contains("SELECT 2 AS x");

        write("includes/lib.js", "module.exports = { col: () => 'y' };\n");
        assertThat(isKept(Map.of("n", "2"))).isFalse();
        assertThat(json(ProjectCompiler.compile(dir, ofVars(Map.of("n", "2")), cache))).contains("SELECT 2 AS y");

        assertThat(SessionCache.inFile(file, "build-2").load(key(SessionCache.inFile(file, "build-2"), Map.of("n", "2")))).isEmpty();
    }

    @Test
    void everyOverrideOfTheSettingsIsPartOfTheKey() throws IOException {
        write("definitions/c.sqlx", "config { type: \"assertion\" }\nSELECT * FROM ${ref(\"a\")} WHERE FALSE\n");
        String plain = json(ProjectCompiler.compile(dir, SettingsOverrides.NONE, cache));
        List<SettingsOverrides> each = List.of(
                new SettingsOverrides("q", null, null, null, null, null, null, false, Map.of()),
                new SettingsOverrides(null, "e", null, null, null, null, null, false, Map.of()),
                new SettingsOverrides(null, null, "EU", null, null, null, null, false, Map.of()),
                new SettingsOverrides(null, null, null, "checks", null, null, null, false, Map.of()),
                new SettingsOverrides(null, null, null, null, "sb", null, null, false, Map.of()),
                new SettingsOverrides(null, null, null, null, null, "dev", null, false, Map.of()),
                new SettingsOverrides(null, null, null, null, null, null, "pg", false, Map.of()),
                new SettingsOverrides(null, null, null, null, null, null, null, true, Map.of()),
                ofVars(Map.of("n", "2")));
        for (SettingsOverrides o : each) {
            assertThat(isKept(o)).as("%s", o).isFalse();
            String overridden = json(ProjectCompiler.compile(dir, o, cache));
            assertThat(overridden).as("%s", o).isNotEqualTo(plain).isEqualTo(json(ProjectCompiler.compile(dir, o)));
            assertThat(isKept(o)).as("%s", o).isTrue();
        }
        // what the JavaScript wrote with the suffix: the SQL of c, not only its target (Java finalizes that)
        assertThat(json(ProjectCompiler.compile(dir, each.get(5), cache))).contains("FROM `p.d_dev.a`");
        assertThat(json(ProjectCompiler.compile(dir, SettingsOverrides.NONE, cache))).isEqualTo(plain);
    }

    @Test
    void compilesThatReadTheClockOrDrawRandomNumbersAreNotKept() throws IOException {
        for (String js : new String[] {"new Date().getFullYear()", "Date.now()", "Date()", "Math.random()",
                "new (new Date(0).constructor)().getTime()", "Date.prototype.constructor.now()"}) {
            write("definitions/c.sqlx", "config { type: \"view\" }\nSELECT '${" + js + "}' AS v\n");
            assertThat(ProjectCompiler.compile(dir, ofVars(Map.of()), cache).graph().graphErrors()).isEmpty();
            assertThat(isKept(Map.of())).as(js).isFalse();
        }
        // dates made from given values are reproducible, and still behave as dates
        write("definitions/c.sqlx", "config { type: \"view\" }\n"
                + "SELECT '${new Date(Date.UTC(2024, 0, 31)).toISOString()}' AS v, ${new Date(0) instanceof Date} AS d,"
                + " ${new Date(0).constructor === Date} AS c, '${Object.keys(Date).length}' AS k\n");
        String out = json(ProjectCompiler.compile(dir, ofVars(Map.of()), cache));
        assertThat(out).contains("SELECT '2024-01-31T00:00:00.000Z' AS v, true AS d, true AS c, '0' AS k");
        assertThat(isKept(Map.of())).isTrue();
    }

    @Test
    void aValueThatWouldNotReadBackTheSameIsNotKept() throws IOException {
        // a BigInt column description: kept, it would come back as a double
        write("definitions/c.sqlx", "config { type: \"table\", columns: { x: { description: 12345678901234567890n } } }\nSELECT 1 AS x\n");
        assertThat(json(ProjectCompiler.compile(dir, ofVars(Map.of()), cache))).contains("12345678901234567890");
        assertThat(isKept(Map.of())).isFalse();
    }

    @Test
    void compileErrorsAreNotKept() throws IOException {
        write("definitions/c.sqlx", "config { type: \"view\" }\nSELECT ${undefinedName}\n");
        assertThat(ProjectCompiler.compile(dir, ofVars(Map.of()), cache).graph().graphErrors()).isNotEmpty();
        assertThat(isKept(Map.of())).isFalse();
    }

    @Test
    void aDamagedFileIsIgnoredAndReplaced() throws IOException {
        String uncached = json(ProjectCompiler.compile(dir, ofVars(Map.of())));
        write(".porygon/cache/compile", "not a cache file");
        assertThat(json(ProjectCompiler.compile(dir, ofVars(Map.of()), cache))).isEqualTo(uncached);
        assertThat(isKept(Map.of())).isTrue();

        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 12)); // cut short
        assertThat(isKept(Map.of())).isFalse();
        whole[whole.length / 2] ^= 1; // one bit changed
        Files.write(file, whole);
        assertThat(isKept(Map.of())).isFalse();
    }

    private boolean isKept(Map<String, String> vars) {
        return isKept(ofVars(vars));
    }

    private boolean isKept(SettingsOverrides overrides) {
        return cache.load(key(cache, overrides)).isPresent();
    }

    private String key(SessionCache c, Map<String, String> vars) {
        return key(c, ofVars(vars));
    }

    private String key(SessionCache c, SettingsOverrides overrides) {
        Project project = ProjectLoader.load(dir);
        return c.key(ProjectCompiler.projectConfigJson(project.settings().overriddenBy(overrides).toProjectConfig()), project);
    }

    private static String json(CompileResult result) {
        return CompiledGraphJson.write(result, true);
    }

    private void write(String path, String content) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }
}
