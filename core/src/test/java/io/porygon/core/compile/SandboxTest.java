package io.porygon.core.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.core.compile.project.SettingsOverrides;
import io.porygon.core.graph.CompiledGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Project JavaScript runs without Java classes, host objects, file system or network, and within a time limit. */
class SandboxTest {
    @TempDir
    Path dir;

    private CompiledGraph compileView(String expression, long timeoutMillis) throws IOException {
        Files.writeString(dir.resolve("workflow_settings.yaml"), "defaultProject: p\ndefaultDataset: d\n");
        Files.createDirectories(dir.resolve("definitions"));
        Files.writeString(dir.resolve("definitions/v.sqlx"), "config { type: \"view\" }\nSELECT '${" + expression + "}' AS v\n");
        return ProjectCompiler.compile(dir, SettingsOverrides.NONE, timeoutMillis).graph();
    }

    /** A project of one definitions file, {@code definitions/t.js}, compiled. */
    private CompiledGraph compileDefinition(String js) throws IOException {
        Files.writeString(dir.resolve("workflow_settings.yaml"), "defaultProject: p\ndefaultDataset: d\n");
        Files.createDirectories(dir.resolve("definitions"));
        Files.writeString(dir.resolve("definitions/t.js"), js);
        return ProjectCompiler.compile(dir, SettingsOverrides.NONE, 10_000).graph();
    }

    private String value(String expression) throws IOException {
        CompiledGraph g = compileView(expression, 10_000);
        assertThat(g.graphErrors()).as("errors").isEmpty();
        return g.tables().get(0).query().replaceAll("(?s).*SELECT '(.*)' AS v.*", "$1");
    }

    @Test
    void consoleIsThereAsInNodeAndPrintsOnStderr() throws IOException {
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        CompiledGraph g;
        try {
            System.setErr(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
            g = compileDefinition("console.log(\"cols\", [\"a\", \"b\"], { n: 1 }, null, 2);\nconsole.info();\n"
                    + "try { null.x; } catch (e) { console.error(\"failed:\", e); }\nconsole.warn(new Error(\"boom\"), new Date(0), /a+/g);\n"
                    + "publish(\"t\").query(\"SELECT 1 AS a\");\n");
        } finally {
            System.setErr(stderr);
        }
        assertThat(g.graphErrors()).isEmpty();
        assertThat(g.tables()).hasSize(1);
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("cols [\"a\",\"b\"] {\"n\":1} null 2\n\n"
                // an error caught and logged, as a project's catch does: what went wrong, not {} or where alone
                + "failed: TypeError: Cannot read property \"x\" from null\n"
                + "Error: boom 1970-01-01T00:00:00.000Z /a+/g\n");
        Files.delete(dir.resolve("definitions/t.js"));
        assertThat(value("typeof console.error + typeof console.warn + typeof console.debug")).isEqualTo("functionfunctionfunction");
    }

    @Test
    void noJavaPackagesOrHostGlobals() throws IOException {
        assertThat(value("typeof java")).isEqualTo("undefined");
        assertThat(value("typeof Packages")).isEqualTo("undefined");
        assertThat(value("typeof JavaImporter")).isEqualTo("undefined");
        assertThat(value("typeof load")).isEqualTo("undefined");
        assertThat(value("typeof readFile")).isEqualTo("undefined");
        assertThat(value("typeof XMLHttpRequest")).isEqualTo("undefined");
        assertThat(value("typeof process")).isEqualTo("undefined");
    }

    @Test
    void requireReachesOnlyTheProjectsOwnJsFiles() throws IOException {
        // as in Dataform, a SQLX file may require project .js files; Node's modules and other files are not there
        for (String module : new String[] {"fs", "child_process", "../../etc/passwd"}) {
            CompiledGraph g = compileView("require('" + module + "')", 10_000);
            assertThat(g.graphErrors()).as(module).singleElement()
                    .satisfies(e -> assertThat(e.message()).contains("Cannot find module").contains("only project .js and .json files can be required"));
        }
    }

    @Test
    void reachingJavaThroughObjectsFails() throws IOException {
        CompiledGraph g = compileView("''.getClass().forName('java.lang.System')", 10_000);
        assertThat(g.graphErrors()).hasSize(1);
        assertThat(g.graphErrors().get(0).location().file()).isEqualTo("definitions/v.sqlx");
    }

    @Test
    void requireOnlyReachesProjectFiles() throws IOException {
        Files.createDirectories(dir.resolve("includes"));
        Files.writeString(dir.resolve("includes/x.js"), "module.exports = require('fs');\n");
        CompiledGraph g = compileView("1", 10_000);
        assertThat(g.graphErrors()).anySatisfy(e -> {
            assertThat(e.location().file()).isEqualTo("includes/x.js");
            assertThat(e.message()).contains("Cannot find module 'fs'");
        });
    }

    @Test
    void endlessLoopsAreStoppedByTheTimeLimitAndLocated() throws IOException {
        long start = System.nanoTime();
        CompiledGraph g = compileView("(function () { while (true) {} })()", 300);
        assertThat(g.graphErrors()).singleElement().satisfies(e -> {
            assertThat(e.message()).contains("time limit");
            assertThat(e.location().toString()).isEqualTo("definitions/v.sqlx:2"); // the line that loops
        });
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(20_000);
    }

    @Test
    void recursionThroughABuiltInIsALocatedErrorNotAJavaStackOverflow() throws IOException {
        // Rhino bounds calls between script functions only: through map() each call starts a new count, and the Java stack ran out
        CompiledGraph g = compileView("(function walk(n) { return [n].map(walk); })(0)", 10_000);
        assertThat(g.graphErrors()).singleElement().satisfies(e -> {
            assertThat(e.message()).contains("nested calls or data too deeply");
            assertThat(e.location().toString()).startsWith("definitions/v.sqlx:2:"); // the ${} placeholder
            assertThat(e.hint()).contains("recursion");
        });
    }

    @Test
    void aConfigValueNestedTooDeeplyToCopyIsAnErrorNotAJavaStackOverflow() throws IOException {
        // the session's result is copied into Java by recursion, after the project's JavaScript has run
        CompiledGraph g = compileDefinition("var deep = {}, at = deep;\nfor (var i = 0; i < 200000; i++) at = at.a = {};\n"
                + "publish('t', { type: 'table', columns: { x: { description: deep } } }).query('SELECT 1 AS x');\n");
        assertThat(g.graphErrors()).singleElement().satisfies(e -> assertThat(e.message()).contains("too deeply"));
    }

    @Test
    void aGetterThatThrowsInAConfigValueIsTheProjectsErrorNotTheEngines() throws IOException {
        // the copy of the session's result into Java reads the getter, which is project code
        CompiledGraph g = compileDefinition("publish('t', { type: 'table' }).query('SELECT 1 AS x').bigquery({ partitionBy:\n"
                + "  { get x() { throw new Error('no options today'); } } });\n");
        assertThat(g.graphErrors()).singleElement().satisfies(e -> {
            assertThat(e.message()).contains("no options today").doesNotContain("engine");
            assertThat(e.location().toString()).startsWith("definitions/t.js:2");
            assertThat(e.hint()).contains("getter");
        });
    }

    @Test
    void aStringTooLongForMemoryIsALocatedErrorNotAnOutOfMemoryError() throws IOException {
        CompiledGraph g = compileView("'a'.repeat(2147483647)", 10_000);
        assertThat(g.graphErrors()).singleElement().satisfies(e -> {
            assertThat(e.message()).contains("more memory than Porygon has");
            assertThat(e.location().toString()).startsWith("definitions/v.sqlx:2:");
        });
    }

    @Test
    void aGlobalThatGrowsUntilTheHeapIsFullIsALocatedError() throws IOException, InterruptedException {
        // in a JVM of its own with a small heap; the include kept before it holds the session's objects too
        Files.writeString(dir.resolve("workflow_settings.yaml"), "defaultProject: p\ndefaultDataset: d\n");
        Files.createDirectories(dir.resolve("includes"));
        Files.writeString(dir.resolve("includes/a.js"), "module.exports = { f: function () { return 1; } };\n");
        Files.writeString(dir.resolve("includes/grow.js"), "global.kept = [];\nwhile (true) kept.push('x'.repeat(10000) + kept.length);\n");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), CompileAndPrintErrors.class.getName(), dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).startsWith("includes/grow.js: project JavaScript used more memory than Porygon has");
    }

    /** Compiles the project in args[0] and prints its errors, one a line. */
    static final class CompileAndPrintErrors {
        public static void main(String[] args) {
            ProjectCompiler.compile(Path.of(args[0]), SettingsOverrides.NONE).graph().graphErrors()
                    .forEach(e -> System.out.println(e.location() + ": " + e.message()));
        }
    }

    @Test
    void aJavaExceptionOfTheEngineItselfIsACompileError() throws IOException {
        // Rhino 1.8.1 throws a NullPointerException here, which escaped as an internal error
        CompiledGraph g = compileView("Object.freeze(Array.prototype)", 10_000);
        assertThat(g.graphErrors()).singleElement().satisfies(e -> assertThat(e.message()).contains("JavaScript engine (Rhino) failed"));
    }

    @Test
    void theSessionsModuleLoaderCalledWithoutArgumentsFindsNothing() throws IOException {
        // a global that session.js calls; project code can call it too, and its missing argument was an internal error
        assertThat(value("__porygonLoadModule()")).isEqualTo("false");
    }

    @Test
    void aLinkToAFileOutsideTheProjectIsRefused(@TempDir Path elsewhere) throws IOException {
        Path secret = Files.writeString(elsewhere.resolve("credentials.json"), "{\"key\": \"s3cr3t\"}");
        Files.createDirectories(dir.resolve("includes"));
        Files.createSymbolicLink(dir.resolve("includes/k.json"), secret);
        CompiledGraph g = compileView("require('includes/k.json').key", 10_000);
        assertThat(g.tables()).isEmpty();
        assertThat(g.graphErrors()).singleElement().satisfies(e -> {
            assertThat(e.location().file()).isEqualTo("includes/k.json");
            assertThat(e.message()).startsWith("links to a file outside the project");
            assertThat(e.hint()).contains("copy the file into the project");
        });
    }

    @Test
    void aProjectReachedThroughALinkReadsItsFilesAndLinksInsideIt(@TempDir Path elsewhere) throws IOException {
        // the root itself a link (as /tmp is on macOS), a file linked to another of the project's: both inside it
        Files.writeString(dir.resolve("data.json"), "{\"key\": 7}");
        Files.createDirectories(dir.resolve("lib"));
        Files.createSymbolicLink(dir.resolve("lib/same.json"), dir.resolve("data.json"));
        compileView("0", 10_000);
        Files.writeString(dir.resolve("definitions/v.sqlx"), "config { type: \"view\" }\nSELECT '${require('data.json').key"
                + " + require('lib/same.json').key}' AS v\n");
        Path link = Files.createSymbolicLink(elsewhere.resolve("project"), dir);
        CompiledGraph g = ProjectCompiler.compile(link, SettingsOverrides.NONE, 10_000).graph();
        Files.delete(link); // JUnit's clean-up warns of a link out of its folder
        assertThat(g.graphErrors()).as("errors").isEmpty();
        assertThat(g.tables()).singleElement().satisfies(t -> assertThat(t.query()).contains("'14' AS v"));
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a read of the pipe never ended
    void aNamedPipeInTheProjectIsNotRead() throws IOException, InterruptedException {
        Path fifo = dir.resolve("data.json");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
        assertThat(value("1")).isEqualTo("1");
    }
}
