package io.porygon.core.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.core.Porygon;
import io.porygon.core.SourceLocation;
import io.porygon.core.graph.CompileError;
import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.graph.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken projects give errors located at file:line:col with a hint, and every error of a compile is reported. */
class MalformedInputTest {
    static final String SETTINGS = "defaultProject: p\ndefaultDataset: d\n";

    @TempDir
    Path dir;

    private CompiledGraph compile(String settings, String... pathsAndContents) throws IOException {
        Files.writeString(dir.resolve("workflow_settings.yaml"), settings);
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            Path p = dir.resolve(pathsAndContents[i]);
            Files.createDirectories(p.getParent());
            Files.writeString(p, pathsAndContents[i + 1]);
        }
        return Porygon.compile(dir);
    }

    private static CompileError only(CompiledGraph g) {
        assertThat(g.graphErrors()).hasSize(1);
        return g.graphErrors().get(0);
    }

    @Test
    void badYamlIsLocatedInTheSettingsFile() throws IOException {
        CompileError e = only(compile("defaultProject: p\ndefaultDataset: [unclosed\nvars:\n  a: b\n"));
        assertThat(e.location().file()).isEqualTo("workflow_settings.yaml");
        assertThat(e.location().line()).isGreaterThanOrEqualTo(2);
        assertThat(e.message()).startsWith("invalid YAML");
        assertThat(e.hint()).isNotBlank();
    }

    @Test
    void aFileThatCannotBeReadIsAnErrorNamingIt() throws IOException {
        // root reads any file whatever its permissions (a link to a file that fails even for root, such as /proc/self/mem,
        // is refused before any read as it leads out of the project: SandboxTest)
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root reads any file");
        Path sqlx = dir.resolve("definitions/t.sqlx");
        Files.createDirectories(sqlx.getParent());
        Files.writeString(sqlx, "SELECT 1");
        Files.setPosixFilePermissions(sqlx, java.util.Set.of());
        CompileError e = only(compile(SETTINGS));
        assertThat(e.location().file()).endsWith("definitions/t.sqlx");
        assertThat(e.message()).startsWith("cannot be read (");
        assertThat(e.hint()).contains("readable");
    }

    @Test
    void aFileThatIsNotUtf8IsLocatedAtItsFirstBadByte() throws IOException {
        Path sqlx = dir.resolve("definitions/t.sqlx");
        Files.createDirectories(sqlx.getParent());
        // Latin-1 "é" on line 2, after "SELECT 'caf"
        Files.write(sqlx, new byte[] {'c', 'o', 'n', 'f', 'i', 'g', ' ', '{', ' ', '}', '\n', 'S', 'E', 'L', 'E', 'C', 'T', ' ', '\'', 'c', 'a', 'f',
                (byte) 0xe9, '\'', '\n'});
        CompileError e = only(compile(SETTINGS));
        assertThat(e.location()).isEqualTo(new SourceLocation("definitions/t.sqlx", 2, 12));
        assertThat(e.message()).isEqualTo("the file is not valid UTF-8 (byte 0xe9)");
        assertThat(e.hint()).contains("save it as UTF-8");
    }

    @Test
    void aByteOrderMarkIsNoPartOfTheQuery() throws IOException {
        CompiledGraph g = compile(SETTINGS, "definitions/bom.sqlx", "\uFEFFconfig { type: \"view\" }\nSELECT 1 AS x\n");
        assertThat(g.graphErrors()).isEmpty();
        assertThat(g.tables().get(0).query()).isEqualTo("\nSELECT 1 AS x\n");
    }

    @Test
    void dateAndNumberTextThatRhinoWritesDifferentlyFromNodeIsAnError() throws IOException {
        CompiledGraph g = compile(SETTINGS,
                "definitions/a.sqlx", "config { type: \"view\" }\nSELECT '${new Date(Date.UTC(2024, 0, 5)).toLocaleDateString()}' AS d\n",
                "definitions/b.sqlx", "config { type: \"view\" }\nSELECT '${(1234.5).toLocaleString()}' AS n\n",
                "definitions/c.sqlx", "config { type: \"view\" }\nSELECT TIMESTAMP '${new Date(\"2024-01-05 10:00\").getTime()}' AS t\n",
                "definitions/d.sqlx", "config { type: \"view\" }\nSELECT '${new Date(Date.UTC(2024, 0, 5))}' AS s\n",
                "definitions/ok.sqlx", "config { type: \"view\" }\nSELECT '${new Date(\"2024-01-05T10:00:00Z\").toISOString()}' AS t, "
                        + "'${Date.parse(\"2024-01-05\")}' AS ms\n");
        assertThat(g.graphErrors()).extracting(e -> e.location().file() + ":" + e.location().line())
                .containsExactlyInAnyOrder("definitions/a.sqlx:2", "definitions/b.sqlx:2", "definitions/c.sqlx:2", "definitions/d.sqlx:2");
        assertThat(g.graphErrors()).extracting(CompileError::message).anySatisfy(m -> assertThat(m).contains("toLocaleDateString() writes different text"))
                .anySatisfy(m -> assertThat(m).contains("Date cannot read '2024-01-05 10:00'"))
                .anySatisfy(m -> assertThat(m).contains("Date.toString()"));
        assertThat(g.tables()).anySatisfy(t -> assertThat(t.query()).contains("'2024-01-05T10:00:00.000Z' AS t, '1704412800000' AS ms"));
    }

    @Test
    void aFunctionInsideAnArrayOfStatementsIsAnErrorNotTheTextNull() throws IOException {
        CompiledGraph g = compile(SETTINGS, "definitions/api.js", "publish(\"t\", { type: \"table\" }).query(\"SELECT 1 AS x\")\n"
                + "  .preOps([\"SELECT 2\", ctx => \"SELECT 9\"]);\n"
                + "operate(\"o\").queries([\"SELECT 1\", ctx => \"SELECT 2\"]);\n");
        assertThat(g.graphErrors()).hasSize(2).allSatisfy(e -> {
            assertThat(e.location().file()).isEqualTo("definitions/api.js");
            assertThat(e.message()).contains("a statement must be SQL text, not function");
        });
    }

    @Test
    void aHoleInAnArrayOfStatementsIsAnErrorNotTheInterpretersPlaceholder() throws IOException {
        // Dataform's own compile crashes on it ("The \"string\" argument must be of type string ... Received undefined")
        CompiledGraph g = compile(SETTINGS, "definitions/ops.js", "operate(\"o\").queries([\"SELECT 1\", , \"SELECT 2\"]);\n");
        assertThat(g.graphErrors()).singleElement().satisfies(e -> {
            assertThat(e.location().line()).isEqualTo(1);
            assertThat(e.message()).contains("a statement must be SQL text, not undefined");
        });
    }

    @Test
    void anUnknownNameInAConfigBlockIsLocatedOnItsLine() throws IOException {
        CompileError e = only(compile(SETTINGS, "definitions/cfg.sqlx", "config {\n  type: \"view\",\n  tags: [nope.x]\n}\nSELECT 1 AS x\n"));
        assertThat(e.location()).isEqualTo(new SourceLocation("definitions/cfg.sqlx", 3, 10));
        assertThat(e.message()).contains("\"nope\" is not defined");
    }

    @Test
    void aFailingRequireInAJsBlockIsLocatedAtTheCall() throws IOException {
        // it was placed after the end of the file, at the glue that passes the file its require()
        CompileError e = only(compile(SETTINGS, "definitions/a.sqlx",
                "config { type: \"table\" }\njs {\n  const x = require(\"nosuch\");\n}\nSELECT 1 AS id\n-- end\n"));
        assertThat(e.location()).isEqualTo(new SourceLocation("definitions/a.sqlx", 3, 13));
        assertThat(e.message()).contains("Cannot find module 'nosuch'");
        assertThat(e.hint()).contains("only the project's own .js and .json files can be required");
        e = only(compile(SETTINGS, "definitions/a.sqlx", "config { type: \"table\" }\njs { const x = require('nosuch'); }\nSELECT 1\n"));
        assertThat(e.location()).isEqualTo(new SourceLocation("definitions/a.sqlx", 2, 16));
    }

    @Test
    void bothUniqueKeyAndUniqueKeysAreLocatedAtTheSecondKeyWithAHint() throws IOException {
        CompileError e = only(compile(SETTINGS, "definitions/t.sqlx",
                "config {\n  type: \"table\",\n  assertions: {\n    uniqueKey: [\"a\"],\n    uniqueKeys: [[\"a\"]]\n  }\n}\nSELECT 1 AS a\n"));
        assertThat(e.location()).isEqualTo(new SourceLocation("definitions/t.sqlx", 5, 5));
        assertThat(e.message()).contains("at most one of 'assertions.uniqueKey' and 'assertions.uniqueKeys'");
        assertThat(e.hint()).contains("keep one of them");
    }

    @Test
    void anErrorInAModelThatAUnitTestEvaluatesAgainIsReportedOnce() throws IOException {
        CompileError e = only(compile(SETTINGS,
                "definitions/m.sqlx", "config { type: \"table\" }\nSELECT '${nope.x}' AS x\n",
                "definitions/m_test.sqlx", "config { type: \"test\", dataset: \"m\" }\nSELECT 'y' AS x\n"));
        assertThat(e.location()).isEqualTo(new SourceLocation("definitions/m.sqlx", 2, 11));
    }

    @Test
    void aRefToAFileThatFailedToLoadIsNotReportedAgainWithAWrongSuggestion() throws IOException {
        CompileError e = only(compile(SETTINGS,
                "definitions/users_enriched.sqlx", "config {\n  type: \"view\"\n  tags: [\"x\"]\n}\nSELECT 1 AS id\n",
                "definitions/orders_enriched.sqlx", "config { type: \"view\" }\nSELECT 1 AS id\n",
                "definitions/users_dim.sqlx", "config { type: \"table\" }\nSELECT * FROM ${ref(\"users_enriched\")}\n",
                "definitions/users_test.sqlx", "config { type: \"test\", dataset: \"users_enriched\" }\nSELECT 1 AS id\n"));
        assertThat(e.location().file()).isEqualTo("definitions/users_enriched.sqlx");
    }

    @Test
    void aRequiredFileOutsideIncludesIsCompiledWhenRequiredAndItsErrorsLocated() throws IOException {
        CompileError e = only(compile(SETTINGS,
                "scripts/tool.js", "#!/usr/bin/env node\nconsole.log(process.argv);\n", // never required: never parsed
                "lib/bad.js", "module.exports = {\n  a: 1,,\n};\n",
                "definitions/a.js", "const bad = require(\"../lib/bad\");\npublish(\"t\").query(\"SELECT 1 AS a\");\n"));
        assertThat(e.location()).isEqualTo(new SourceLocation("lib/bad.js", 2, 8));
    }

    @Test
    void aRequireOfAFileThatDidNotParseIsNotReportedAgainAsAMissingModule() throws IOException {
        // each require() below was also reported as "Cannot find module" with the hint about npm packages
        CompiledGraph g = compile(SETTINGS,
                "includes/bad.js", "const a = 1;\nfunction broken( {\n  return 2;\n}\n",
                "includes/user.js", "const bad = require(\"./bad\");\nmodule.exports = {};\n",
                "lib/lazy.js", "module.exports = {\n  a: 1,,\n};\n",
                "definitions/one.js", "const l = require(\"../lib/lazy\");\npublish(\"t1\").query(\"SELECT 1 AS a\");\n",
                "definitions/two.js", "const l = require(\"../lib/lazy\");\npublish(\"t2\").query(\"SELECT 1 AS a\");\n",
                "definitions/v.sqlx", "config { type: \"view\" }\njs { const b = require(\"includes/bad\"); }\nSELECT 1 AS a\n",
                "definitions/w.sqlx", "config { type: \"view\" }\nSELECT ${require(\"includes/bad\").a} AS a\n",
                "definitions/caught.js", "let m;\ntry { require(\"includes/bad\"); } catch (e) { m = e.message; }\n"
                        + "publish(\"t3\").query(\"SELECT 1 AS a -- \" + m);\n");
        assertThat(g.graphErrors()).extracting(e -> e.location().file()).containsExactlyInAnyOrder("includes/bad.js", "lib/lazy.js");
        // project code that catches the error reads that the file did not parse
        assertThat(g.tables()).singleElement().satisfies(t -> assertThat(t.query())
                .endsWith("-- Module 'includes/bad' required from definitions/caught.js did not parse: its syntax error is reported in includes/bad.js"));
    }

    @Test
    void anExceptionInAnIncludeThatAUnitTestEvaluatesAgainIsReportedOnceNamingTheModelsCall() throws IOException {
        // the test's copy named no caller, and a thrown string was placed at the test's 1:1; an error only the test's
        // context gives (self() is "" there) is the test's own and still reported
        CompiledGraph g = compile(SETTINGS,
                "includes/h.js", "function bad() {\n  return \"SELECT \" + nope;\n}\nfunction text() {\n  throw \"plain\";\n}\n"
                        + "function selfPart(ctx) {\n  return ctx.self().split(\".\")[1].length;\n}\nmodule.exports = { bad, text, selfPart };\n",
                "definitions/m1.sqlx", "config { type: \"table\" }\nSELECT 1 AS a\n${h.bad()}\n",
                "definitions/m2.sqlx", "config { type: \"table\" }\nSELECT ${h.text()} AS a\n",
                "definitions/m3.sqlx", "config { type: \"table\" }\nSELECT ${h.selfPart(ctx)} AS a\n",
                "definitions/tests/m1_test.sqlx", "config { type: \"test\", dataset: \"m1\" }\nSELECT 1 AS a\n",
                "definitions/tests/m2_test.sqlx", "config { type: \"test\", dataset: \"m2\" }\nSELECT 1 AS a\n",
                "definitions/tests/m3_test.sqlx", "config { type: \"test\", dataset: \"m3\" }\nSELECT 1 AS a\n");
        assertThat(g.graphErrors()).extracting(e -> e.location() + ": " + e.message()).containsExactly(
                "includes/h.js:2:22: \"nope\" is not defined. (called from definitions/m1.sqlx:3:1 for p.d.m1)",
                "definitions/m2.sqlx:2:8: plain",
                "includes/h.js:8:35: Cannot read property \"length\" from undefined");
    }

    @Test
    void aThrownStringIsReportedAtItsAction() throws IOException {
        CompileError e = only(compile(SETTINGS, "definitions/thr.js", "// one\n\npublish(\"t\", { type: \"view\" }).query(ctx => {\n  throw \"plain string\";\n});\n"));
        assertThat(e.location().file()).isEqualTo("definitions/thr.js");
        assertThat(e.location().line()).isEqualTo(3);
        assertThat(e.message()).isEqualTo("plain string");
    }

    @Test
    void aTrailingSemicolonIsLocatedOnItsLine() throws IOException {
        CompileError e = only(compile(SETTINGS, "definitions/t.sqlx", "config { type: \"table\" }\n\nSELECT 1 AS x\nFROM UNNEST([1]);\n"));
        assertThat(e.location().file()).isEqualTo("definitions/t.sqlx");
        assertThat(e.location().line()).isEqualTo(4);
        assertThat(e.hint()).isEqualTo("remove the trailing semicolon");
    }

    @Test
    void aTestOfAnUnknownDatasetOrWithoutAnInputIsLocatedAtItsConfig() throws IOException {
        CompiledGraph g = compile(SETTINGS,
                "definitions/orders.sqlx", "config { type: \"view\" }\nSELECT * FROM ${ref(\"raw\")}\n",
                "definitions/raw.sqlx", "config { type: \"declaration\" }\n",
                "definitions/typo_test.sqlx", "config {\n  type: \"test\",\n  dataset: \"ordres\"\n}\nSELECT 1 AS x\n",
                "definitions/no_input_test.sqlx", "config {\n  type: \"test\",\n  dataset: \"orders\"\n}\nSELECT 1 AS x\n");
        assertThat(g.graphErrors()).hasSize(2);
        CompileError typo = g.graphErrors().stream().filter(e -> e.location().file().equals("definitions/typo_test.sqlx")).findFirst().orElseThrow();
        assertThat(typo.location().line()).isEqualTo(3);
        assertThat(typo.hint()).isEqualTo("did you mean orders?");
        CompileError noInput = g.graphErrors().stream().filter(e -> e.location().file().equals("definitions/no_input_test.sqlx")).findFirst().orElseThrow();
        assertThat(noInput.location().line()).isEqualTo(3);
        assertThat(noInput.message()).contains("has not been provided");
        assertThat(noInput.hint()).contains("input \"raw\"");
    }

    @Test
    void aTestsConfigTakesOnlyTheKeysOfATest() throws IOException {
        // disabled: true on a test was ignored, and the test it seemed to switch off still ran; Dataform refuses the key
        CompileError e = only(compile(SETTINGS,
                "definitions/raw.sqlx", "config { type: \"declaration\" }\n",
                "definitions/orders.sqlx", "config { type: \"view\" }\nSELECT * FROM ${ref(\"raw\")}\n",
                "definitions/orders_test.sqlx", "config {\n  type: \"test\",\n  dataset: \"orders\",\n  disabled: true\n}\n"
                        + "input \"raw\" { SELECT 1 AS x }\nSELECT 1 AS x\n"));
        assertThat(e.location().file()).isEqualTo("definitions/orders_test.sqlx");
        assertThat(e.location().line()).isEqualTo(4);
        assertThat(e.message()).startsWith("Unexpected property \"disabled\"");
        assertThat(e.hint()).isEqualTo("disabled applies to type table, view, incremental, operations, assertion, not test");
        // so does test().config() in JavaScript, and the dataset it names is still read (no error that it has none)
        Files.delete(dir.resolve("definitions/orders_test.sqlx"));
        CompileError js = only(compile(SETTINGS,
                "definitions/raw.sqlx", "config { type: \"declaration\" }\n",
                "definitions/orders.sqlx", "config { type: \"view\" }\nSELECT * FROM ${ref(\"raw\")}\n",
                "definitions/tests.js", "test(\"orders_test\").config({ dataset: \"orders\", tags: [\"daily\"] })\n"
                        + "  .input(\"raw\", \"SELECT 1 AS x\").expect(\"SELECT 1 AS x\");\n"));
        assertThat(js.location().file()).isEqualTo("definitions/tests.js");
        assertThat(js.message()).startsWith("Unexpected property \"tags\"");
    }

    @Test
    void aMistypedRefInATestedModelIsReportedOnceAtTheRefNotAsAMissingInputOfTheTest() throws IOException {
        CompileError e = only(compile(SETTINGS,
                "definitions/raw.sqlx", "config { type: \"declaration\" }\n",
                "definitions/orders.sqlx", "config { type: \"view\" }\nSELECT * FROM ${ref(\"rwa\")}\n",
                "definitions/orders_test.sqlx", "config { type: \"test\", dataset: \"orders\" }\ninput \"raw\" { SELECT 1 AS x }\nSELECT 1 AS x\n"));
        assertThat(e.location().file()).isEqualTo("definitions/orders.sqlx");
        assertThat(e.hint()).contains("did you mean raw?");
    }

    @Test
    void settingsDataformCallsInvalidAreErrors() throws IOException {
        assertThat(only(compile("# nothing yet\n")).message()).contains("is empty");
        CompileError number = only(compile("defaultProject: 123\ndefaultDataset: d\n"));
        assertThat(number.message()).isEqualTo("setting defaultProject must be a string");
        assertThat(number.hint()).isEqualTo("quote the value, e.g. defaultProject: \"123\"");
        assertThat(only(compile(SETTINGS + "vars:\n")).message()).isEqualTo("vars is empty");
    }

    @Test
    void unknownSettingSuggestsTheRightOne() throws IOException {
        CompileError e = only(compile("defaultProject: p\ndefaultDataste: d\n"));
        assertThat(e.location()).isEqualTo(new SourceLocation("workflow_settings.yaml", 2, 1));
        assertThat(e.hint()).isEqualTo("did you mean defaultDataset?");
    }

    @Test
    void nonStringVarsAreRejected() throws IOException {
        CompileError e = only(compile(SETTINGS + "vars:\n  limit: 10\n"));
        assertThat(e.location().line()).isEqualTo(4);
        assertThat(e.message()).contains("only be strings");
        // strings here, but a date and a number to Dataform's YAML reader
        for (String value : new String[] {"2024-01-01", "2024-01-01T10:00:00Z", "0o17"}) {
            CompileError typed = only(compile(SETTINGS + "vars:\n  ok: \"2024-01-01\"\n  d: " + value + "\n"));
            assertThat(typed.location().line()).isEqualTo(5);
            assertThat(typed.message()).contains("Dataform, whose YAML reads " + value);
        }
    }

    @Test
    void unterminatedConfigBlockPointsAtItsOpening() throws IOException {
        CompileError e = only(compile(SETTINGS, "definitions/a.sqlx", "\nconfig { type: \"table\"\nSELECT 1\n"));
        assertThat(e.location()).isEqualTo(new SourceLocation("definitions/a.sqlx", 2, 8));
        assertThat(e.message()).isEqualTo("unterminated config { block");
    }

    @Test
    void unterminatedPreOperationsBlockIsReported() throws IOException {
        CompileError e = only(compile(SETTINGS, "definitions/a.sqlx", "config { type: \"table\" }\nSELECT 1\npre_operations {\n  SELECT 2\n"));
        assertThat(e.location()).isEqualTo(new SourceLocation("definitions/a.sqlx", 3, 1));
        assertThat(e.message()).contains("unterminated pre_operations");
    }

    @Test
    void javascriptSyntaxErrorInAnIncludeIsLocated() throws IOException {
        CompiledGraph g = compile(SETTINGS, "includes/helpers.js", "const a = 1;\nfunction broken( {\n  return 2;\n}\n",
                "definitions/a.sqlx", "config { type: \"view\" }\nSELECT 1\n");
        CompileError e = g.graphErrors().get(0);
        assertThat(e.location().file()).isEqualTo("includes/helpers.js");
        assertThat(e.location().line()).isBetween(2, 3);
        assertThat(g.tables()).extracting(t -> t.target().name()).containsExactly("a");
    }

    @Test
    void javascriptSyntaxErrorOnTheFirstLineOfADefinitionsFileIsReportedOnceAtItsColumn() throws IOException {
        CompileError e = only(compile(SETTINGS, "definitions/bad.js", "publish(\"jsbad\", \"SELECT 1\").tags(;\n"));
        assertThat(e.location()).isEqualTo(new SourceLocation("definitions/bad.js", 1, 35));
    }

    @Test
    void unknownSettingWithNothingCloseListsTheKnownOnes() throws IOException {
        CompileError e = only(compile(SETTINGS + "zzz: 1\n"));
        assertThat(e.hint()).startsWith("the settings Dataform 3 knows are ").contains("defaultDataset");
    }

    @Test
    void javascriptSyntaxErrorInAJsBlockIsLocatedInTheSqlxFile() throws IOException {
        CompileError e = only(compile(SETTINGS, "definitions/a.sqlx",
                "config { type: \"view\" }\n\njs {\n  const x = ;\n}\nSELECT ${x}\n"));
        assertThat(e.location().file()).isEqualTo("definitions/a.sqlx");
        assertThat(e.location().line()).isEqualTo(4);
    }

    @Test
    void javascriptErrorsOnTheConfigLineAreAtTheFilesColumn() throws IOException {
        // the config goes into the program on a line of its own, indented to its column, as js blocks do
        CompileError syntax = only(compile(SETTINGS, "definitions/a.sqlx", "-- a\nconfig { type: \"table\" description: \"x\" }\nSELECT 1\n"));
        assertThat(syntax.location()).isEqualTo(new SourceLocation("definitions/a.sqlx", 2, 35));
        CompileError reference = only(compile(SETTINGS, "definitions/a.sqlx", "config { type: \"table\", tags: [nope] }\nSELECT 1\n"));
        assertThat(reference.location()).isEqualTo(new SourceLocation("definitions/a.sqlx", 1, 32));
    }

    @Test
    void exceptionInsidePlaceholderIsLocatedOnItsLine() throws IOException {
        CompiledGraph g = compile(SETTINGS, "definitions/boom.sqlx",
                "config { type: \"view\" }\nSELECT 1 AS x,\n  ${missingHelper.call()} AS y\n",
                "definitions/fine.sqlx", "config { type: \"view\" }\nSELECT 1\n");
        CompileError e = only(g);
        assertThat(e.location()).isEqualTo(new SourceLocation("definitions/boom.sqlx", 3, 5));
        assertThat(e.message()).contains("missingHelper");
        assertThat(g.tables()).extracting(t -> t.target().name()).containsExactly("fine");
    }

    @Test
    void exceptionThrownByAnIncludeFunctionPointsIntoTheInclude() throws IOException {
        CompileError e = only(compile(SETTINGS, "includes/util.js", "module.exports = {\n  fail: () => { throw new Error(\"nope\"); }\n};\n",
                "definitions/a.sqlx", "config { type: \"view\" }\nSELECT ${util.fail()}\n"));
        assertThat(e.location()).isEqualTo(new SourceLocation("includes/util.js", 2, 3));
        assertThat(e.message()).contains("nope");
    }

    @Test
    void anExceptionInAnIncludeNamesTheActionFileAndLineThatCalledIt() throws IOException {
        // as Node's stack would: the include's line alone does not say which of its callers failed
        CompiledGraph g = compile(SETTINGS, "includes/util.js", "function f() {\n  return null.map(x => x);\n}\nmodule.exports = { f };\n",
                "definitions/a.sqlx", "config { type: \"table\" }\nSELECT ${util.f()} AS a\n",
                "definitions/b.js", "\npublish(\"b\").query(ctx => util.f());\n");
        assertThat(g.graphErrors()).extracting(e -> e.location() + ": " + e.message()).containsExactlyInAnyOrder(
                "includes/util.js:2:15: Cannot call method \"map\" of null (called from definitions/a.sqlx:2:8 for p.d.a)",
                "includes/util.js:2:15: Cannot call method \"map\" of null (called from definitions/b.js:2 for p.d.b)");
    }

    @Test
    void unknownRefIsLocatedAtTheRefWithASuggestion() throws IOException {
        CompileError e = only(compile(SETTINGS,
                "definitions/users_dim.sqlx", "config { type: \"table\" }\nSELECT 1 AS id\n",
                "definitions/report.sqlx", "config { type: \"view\" }\nSELECT *\nFROM ${ref(\"user_dim\")}\n"));
        assertThat(e.location()).isEqualTo(new SourceLocation("definitions/report.sqlx", 3, 12));
        assertThat(e.message()).contains("depends on \"user_dim\" which does not exist");
        assertThat(e.hint()).isEqualTo("did you mean users_dim?");
        // the referring action itself is never the suggestion
        CompiledGraph withB = compile(SETTINGS, "definitions/b.sqlx", "config { type: \"view\" }\nSELECT * FROM ${ref(\"t\")}\n");
        assertThat(withB.graphErrors()).filteredOn(err -> err.location().file().equals("definitions/b.sqlx")).singleElement()
                .satisfies(err -> assertThat(err.hint()).doesNotContain("did you mean b"));
    }

    @Test
    void aRefToAnExistingNameInAnotherDatasetSaysWhereTheNameIsNotDidYouMeanTheSameName() throws IOException {
        CompileError e = only(compile(SETTINGS,
                "definitions/users_dim.sqlx", "config { type: \"table\", schema: \"marts\" }\nSELECT 1 AS id\n",
                "definitions/report.sqlx", "config { type: \"view\" }\nSELECT * FROM ${ref(\"staging\", \"users_dim\")}\n"));
        assertThat(e.message()).contains("depends on \"staging.users_dim\" which does not exist");
        assertThat(e.hint()).doesNotContain("did you mean users_dim").contains("users_dim is in", "marts", "ref(\"marts\", \"users_dim\")");
    }

    @Test
    void cycleIsReportedOnceWithItsChain() throws IOException {
        CompileError e = only(compile(SETTINGS,
                "definitions/a.sqlx", "config { type: \"view\" }\nSELECT * FROM ${ref(\"b\")}\n",
                "definitions/b.sqlx", "config { type: \"view\" }\nSELECT * FROM ${ref(\"a\")}\n"));
        assertThat(e.location()).isEqualTo(new SourceLocation("definitions/a.sqlx", 2, 21));
        assertThat(e.message()).isEqualTo("Circular dependency detected in chain: [p.d.a > p.d.b > p.d.a]");
    }

    @Test
    void aRefusedConfigIsReportedOnceNotAgainAsMissingDependenciesOfItsReaders() throws IOException {
        CompileError e = only(compile(SETTINGS,
                "definitions/a.sqlx", "config { type: \"table\", bigquery: { partitionBy: { field: \"d\" } } }\nSELECT 1 AS d\n",
                "definitions/b.sqlx", "config { type: \"view\" }\nSELECT * FROM ${ref(\"a\")}\n",
                "definitions/c.sqlx", "config { type: \"view\", dependencies: [\"a\"] }\nSELECT 1 AS z\n"));
        assertThat(e.location().file()).isEqualTo("definitions/a.sqlx");
        assertThat(e.message()).contains("partitionBy");
    }

    @Test
    void requiringAnNpmPackageSaysTheApiIsGlobal() throws IOException {
        CompileError e = only(compile(SETTINGS, "includes/checks.js", "const { assert } = require('@dataform/core');\nmodule.exports = {};\n",
                "definitions/t.sqlx", "config { type: \"view\" }\nSELECT 1 AS a\n"));
        assertThat(e.location().toString()).startsWith("includes/checks.js:1");
        assertThat(e.hint()).contains("is global").doesNotContain("another include's global");
    }

    @Test
    void aDeclarationKnowsTheLineItIsDeclaredOnForTheRunsMessages() throws IOException {
        CompiledGraph g = compile(SETTINGS, "definitions/sources.js", "// sources\n\ndeclare({ schema: \"raw\", name: \"users\" });\n",
                "definitions/orders.sqlx", "config { type: \"declaration\", schema: \"raw\" }\n");
        assertThat(g.declarations()).extracting(d -> d.target().name() + ":" + d.sqlStartLine()).containsExactlyInAnyOrder("users:3", "orders:1");
    }

    @Test
    void unknownConfigKeyIsLocatedOnItsLine() throws IOException {
        CompileError e = only(compile(SETTINGS, "definitions/t.sqlx", "config {\n  type: \"table\",\n  descripton: \"x\"\n}\nSELECT 1\n"));
        assertThat(e.location()).isEqualTo(new SourceLocation("definitions/t.sqlx", 3, 3));
        assertThat(e.hint()).isEqualTo("did you mean description?");
        CompileError other = only(compile(SETTINGS, "definitions/t.sqlx", "config {\n  type: \"table\",\n  uniqueKey: [\"id\"]\n}\nSELECT 1\n"));
        assertThat(other.hint()).isEqualTo("uniqueKey applies to type incremental, not table");
        CompileError misspelt = only(compile(SETTINGS, "definitions/t.sqlx", "config { type: \"table\", uniqeKey: [\"id\"] }\nSELECT 1\n"));
        assertThat(misspelt.hint()).isEqualTo("did you mean uniqueKey? It applies to type incremental, not table");
        // a part of a key's name is suggested the key, not the key nearest by edits ("strategy" is 5 edits from "tags")
        CompileError part = only(compile(SETTINGS, "definitions/t.sqlx", "config { type: \"incremental\", strategy: \"x\" }\nSELECT 1\n"));
        assertThat(part.hint()).isEqualTo("did you mean incrementalStrategy?");
        // and a key like none is not given a far-fetched one
        CompileError unlike = only(compile(SETTINGS, "definitions/t.sqlx", "config { type: \"view\", owner: \"me\" }\nSELECT 1\n"));
        assertThat(unlike.hint()).isEqualTo("remove it, or use one of the supported properties");
    }

    @Test
    void wrongTypeInConfigIsReported() throws IOException {
        CompileError e = only(compile(SETTINGS, "definitions/t.sqlx", "config {\n  type: \"table\",\n  disabled: \"yes\"\n}\nSELECT 1\n"));
        assertThat(e.location()).isEqualTo(new SourceLocation("definitions/t.sqlx", 3, 3));
        assertThat(e.message()).contains("\"disabled\"").contains("boolean");
        assertThat(e.hint()).isEqualTo("write disabled: true or false");
        assertThat(only(compile(SETTINGS, "definitions/t.sqlx", "config { type: \"table\", disabled: \"false\" }\nSELECT 1\n")).hint())
                .isEqualTo("write disabled: false, without quotes");
        // a key of this type with the wrong type: how to write it, not which types take the key
        CompileError tags = only(compile(SETTINGS, "definitions/t.sqlx", "config { type: \"table\", tags: \"daily\" }\nSELECT 1\n"));
        assertThat(tags.hint()).isEqualTo("write tags: [\"daily\"]");
        CompileError key = only(compile(SETTINGS, "definitions/t.sqlx", "config { type: \"incremental\", uniqueKey: 5 }\nSELECT 1\n"));
        assertThat(key.hint()).isEqualTo("change the value of uniqueKey");
    }

    @Test
    void labelsAndAdditionalOptionsMustHaveStringValues() throws IOException {
        // Dataform's compile crashes on them; Porygon wrote the number 5 as the option "5.0"
        CompiledGraph g = compile(SETTINGS,
                "definitions/t.sqlx", "config { type: \"table\", bigquery: { additionalOptions: { max_staleness: 5 } } }\nSELECT 1\n",
                "definitions/u.js", "publish(\"u\", { type: \"table\" }).query(\"SELECT 1\").bigquery({ labels: { team: true } });\n");
        assertThat(g.graphErrors()).extracting(e -> e.location().file() + ": " + e.message().replaceAll(".* got ", "got ") + " / " + e.hint())
                .containsExactlyInAnyOrder("definitions/t.sqlx: got number for max_staleness / quote each value of additionalOptions, e.g. { name: \"5\" }",
                        "definitions/u.js: got boolean for team / quote each value of labels, e.g. { name: \"5\" }");
    }

    @Test
    void allErrorsOfACompileAreReportedTogether() throws IOException {
        CompiledGraph g = compile(SETTINGS,
                "definitions/a.sqlx", "config { type: \"view\", tagz: [] }\nSELECT 1\n",
                "definitions/b.sqlx", "config { type: \"view\" }\nSELECT * FROM ${ref(\"nope\")}\n",
                "definitions/c.sqlx", "config { type: \"view\"\nSELECT 1\n",
                "definitions/d.sqlx", "config { type: \"view\" }\nSELECT ${boom()}\n");
        assertThat(g.graphErrors()).extracting(e -> e.location().file())
                .containsExactlyInAnyOrder("definitions/a.sqlx", "definitions/b.sqlx", "definitions/c.sqlx", "definitions/d.sqlx");
        assertThat(g.graphErrors()).allSatisfy(e -> assertThat(e.location().line()).isPositive());
    }

    @Test
    void ambiguousRefIsReportedOnceWithTheCandidates() throws IOException {
        CompileError e = only(compile(SETTINGS,
                "definitions/a1.sqlx", "config { type: \"table\", schema: \"s1\", name: \"dup\" }\nSELECT 1\n",
                "definitions/a2.sqlx", "config { type: \"table\", schema: \"s2\", name: \"dup\" }\nSELECT 1\n",
                "definitions/u.sqlx", "config { type: \"view\" }\nSELECT * FROM ${ref(\"dup\")}\n"));
        assertThat(e.location()).isEqualTo(new SourceLocation("definitions/u.sqlx", 2, 21));
        assertThat(e.message()).contains("s1.dup, s2.dup");
    }

    @Test
    void varsOverrideWorkflowSettings() throws IOException {
        Files.writeString(dir.resolve("workflow_settings.yaml"), SETTINGS + "vars:\n  env: dev\n");
        Files.createDirectories(dir.resolve("definitions"));
        Files.writeString(dir.resolve("definitions/v.sqlx"), "config { type: \"view\" }\nSELECT '${dataform.projectConfig.vars.env}'\n");
        CompiledGraph g = Porygon.compile(dir, Map.of("env", "prod"));
        assertThat(g.tables().get(0).query()).contains("'prod'");
        assertThat(g.projectConfig().vars()).containsEntry("env", "prod");
    }

    @Test
    void varsWithControlCharactersReachProjectCodeUnchanged() throws IOException {
        Files.writeString(dir.resolve("workflow_settings.yaml"), SETTINGS);
        Files.createDirectories(dir.resolve("definitions"));
        Files.writeString(dir.resolve("definitions/v.sqlx"),
                "config { type: \"view\" }\nSELECT ${JSON.stringify(dataform.projectConfig.vars.sep)} AS sep\n");
        CompiledGraph g = Porygon.compile(dir, Map.of("sep", "a\tb\u0001c\u2028d"));
        assertThat(g.graphErrors()).isEmpty();
        assertThat(g.tables().get(0).query()).contains("\"a\\tb\\u0001c\u2028d\"");
    }

    @Test
    void sqlStartLineIsTheFirstLineOfTheSql() throws IOException {
        CompiledGraph g = compile(SETTINGS, "definitions/v.sqlx", "config {\n  type: \"view\"\n}\n\npre_operations { SELECT 0 }\n\nSELECT 1\n");
        assertThat(g.tables().get(0).sqlStartLine()).isEqualTo(7);
        assertThat(g.tables().get(0).preOps()).containsExactly(" SELECT 0 ");
        List<String> none = g.tables().get(0).postOps();
        assertThat(none).isEmpty();
    }

    @Test
    void sqlStartLineCountsTheBlocksBeforeTheSql() throws IOException {
        CompiledGraph g = compile(SETTINGS, "definitions/m.sqlx",
                "config { type: \"table\" }\njs {\n  const x = 1;\n}\npre_operations {\n  SELECT 1\n}\nSELECT\n  name\nFROM t\n");
        assertThat(g.tables().get(0).sqlStartLine()).isEqualTo(8);
    }

    @Test
    void objectSpreadWhichRhinoLacksGetsAHintWithWhatToWriteInstead() throws IOException {
        CompiledGraph g = compile(SETTINGS, "includes/docs.js", "const base = { a: 1 };\nmodule.exports = { ...base, b: 2 };\n",
                "definitions/t.sqlx", "config { type: \"view\" }\nSELECT 1 AS a\n");
        assertThat(g.graphErrors()).hasSize(1);
        assertThat(g.graphErrors().get(0).location().toString()).startsWith("includes/docs.js:2:");
        assertThat(g.graphErrors().get(0).hint()).contains("Object.assign");
        CompiledGraph call = compile(SETTINGS, "includes/u.js", "const a = [1, 2];\nmodule.exports = { top: Math.max(...a) };\n",
                "definitions/t.sqlx", "config { type: \"view\" }\nSELECT 1 AS a\n");
        assertThat(call.graphErrors().get(0).hint()).contains("f.apply(null, xs)");
    }

    @Test
    void otherModernSyntaxWhichRhinoLacksGetsAHintNamingIt() throws IOException {
        Map<String, String> hintByCode = Map.of(
                "for (const t of [\"a\"]) {}\n", "for (let x of ...)",
                "class A {}\n", "constructor function",
                "async function f() { return 1; }\n", "async",
                "const f = (name, { a, c = {} }) => c;\n", "function (...)",
                // dataform-scd's index.js: the parameters over several lines
                "module.exports = (\n  name,\n  { uniqueKey, timestamp, columns = {} }\n) => {\n  return name;\n};\n", "function (...)",
                "module.exports = ({ a = {x: 1}, b = {} }) => a;\n", "function (...)");
        hintByCode.forEach((code, hint) -> {
            try {
                CompiledGraph g = compile(SETTINGS, "definitions/x.js", code, "definitions/t.sqlx", "config { type: \"view\" }\nSELECT 1 AS a\n");
                assertThat(g.graphErrors()).as(code).singleElement().satisfies(e -> assertThat(e.hint()).contains(hint));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void aDestructuringPatternNestedWithADefaultWhichRhinoLeavesUnboundIsAnErrorAtThePattern() throws IOException {
        // Node binds c and b; Rhino reads the patterns, binds nothing, and said '"c" is not defined' where c was used
        // (or nothing, where it was not), and a pattern nested deeper made its compiler fail with a Java exception
        CompiledGraph g = compile(SETTINGS,
                "definitions/x.js", "const o = { b: [1] };\nconst { b: [c] = [] } = o;\npublish(\"t\").query(\"SELECT \" + c + \" AS a\");\n",
                "includes/f.js", "// helpers\nfunction f({ a: { b } = {} }) { return b; }\nmodule.exports = { f };\n",
                "definitions/y.sqlx", "config { type: \"view\" }\njs {\n  const [{ x } = {}] = [];\n}\nSELECT 1 AS a\n",
                "definitions/z.js", "const { a: { b: { c: [d] = [] } } } = {};\n");
        assertThat(g.graphErrors()).extracting(e -> e.location().toString())
                .containsExactlyInAnyOrder("definitions/x.js:2:12", "includes/f.js:2:17", "definitions/y.sqlx:3:10", "definitions/z.js:1:22");
        assertThat(g.graphErrors()).allSatisfy(e -> {
            assertThat(e.message()).startsWith("a destructuring pattern nested with a default");
            assertThat(e.hint()).contains("const { b = [] } = o; const [c] = b;");
        });
        assertThat(g.graphErrors()).anySatisfy(e -> assertThat(e.message()).endsWith(" never sets: [c] = []"));
    }

    @Test
    void namedGroupsAndLookbehindWhichRhinoLacksArePlacedAtTheRegexWithAHint() throws IOException {
        // a regular expression literal: Rhino's error has no line at all
        CompiledGraph literal = compile(SETTINGS, "includes/money.js", "// helpers\nconst a = 1;\n\nconst price = s => /(?<=\\$)\\d+/.exec(s)[0];\n"
                + "module.exports = { price };\n", "definitions/t.sqlx", "config { type: \"view\" }\nSELECT 1 AS a\n");
        assertThat(literal.graphErrors()).singleElement().satisfies(e -> {
            assertThat(e.location().toString()).isEqualTo("includes/money.js:4:21");
            assertThat(e.hint()).contains("lookbehind").contains("named groups");
        });
        // built when the SQL compiles: Rhino gives the line of the ${} placeholder
        Files.delete(dir.resolve("includes/money.js"));
        CompiledGraph built = compile(SETTINGS, "definitions/t.sqlx",
                "config { type: \"view\" }\nSELECT ${\"x1\".replace(new RegExp(\"(?<d>\\\\d)\"), \"2\")} AS a\n");
        assertThat(built.graphErrors()).singleElement().satisfies(e -> {
            assertThat(e.location().toString()).isEqualTo("definitions/t.sqlx:2:35");
            assertThat(e.hint()).contains("named groups");
        });
        // Rhino says the same of a pattern that starts with a quantifier (a glob made a RegExp): no group to blame
        Files.delete(dir.resolve("definitions/t.sqlx"));
        CompiledGraph glob = compile(SETTINGS, "definitions/g.js", "const files = /x/;\nconst r = new RegExp(\"?.sql\");\n");
        assertThat(glob.graphErrors()).singleElement().satisfies(e -> {
            assertThat(e.message()).contains("Invalid quantifier ?");
            assertThat(e.hint()).doesNotContain("named groups");
        });
    }

    @Test
    void aFileThatThrowsAfterPublishingIsOneErrorNotTwo() throws IOException {
        CompiledGraph g = compile(SETTINGS, "definitions/a.js", "publish(\"t\").config({ type: \"table\" }).query(\"SELECT 1 AS x\");\n");
        assertThat(g.graphErrors()).singleElement().satisfies(e -> assertThat(e.message()).contains(".config()"));
    }

    @Test
    void aTrailingSemicolonIsLocatedWhereItIs() throws IOException {
        CompiledGraph g = compile(SETTINGS,
                "definitions/a.sqlx", "config { type: \"table\" }\n\nSELECT 1 AS x\nFROM t   ;\n",
                "definitions/b.sqlx", "config { type: \"table\" }\nSELECT 1 AS x;\n");
        assertThat(g.graphErrors()).extracting(e -> e.location().toString())
                .containsExactlyInAnyOrder("definitions/a.sqlx:4:10", "definitions/b.sqlx:2:14");
    }

    @Test
    void anActionAnIncludeCreatesIsLocatedAtTheCallInTheDefinitionsFile() throws IOException {
        CompiledGraph g = compile(SETTINGS,
                "includes/h.js", "function mk(n) {\n  assert(n).query(\"SELECT 1 AS x\").dependencies([\"missing_\" + n]);\n}\nmodule.exports = { mk };\n",
                "definitions/checks.js", "// generated\n\nh.mk(\"b1\");\n\n\nh.mk(\"b2\");\n");
        assertThat(g.graphErrors()).extracting(e -> e.location().toString())
                .containsExactlyInAnyOrder("definitions/checks.js:3:1", "definitions/checks.js:6:1");
    }

    @Test
    void loopsRhinoRunsDifferentlyFromNodeAreReportedNotCompiledWrong() throws IOException {
        CompiledGraph g = compile(SETTINGS,
                "definitions/loops.js", "for (let i = 0; i < 2; i++) {\n  publish(\"t_\" + i).query(ctx => `SELECT ${i} AS i`);\n}\n",
                // destructured: every action would read the last entry's value
                "definitions/entries.js", "const M = { revenue: \"SUM(x)\", orders: \"COUNT(*)\" };\n"
                        + "for (let [k, v] of Object.entries(M)) {\n  publish(`m_${k}`).query(ctx => `SELECT ${v} AS ${k}`);\n}\n"
                        + "for (let { k, v: w } of [{ k: 'a', v: 'b' }]) {\n  publish(`n_${k}`).query(ctx => `SELECT ${w}`);\n}\n",
                "definitions/consts.sqlx", "config { type: \"view\" }\njs {\n  var cols = [];\n  for (var k = 0; k < 2; k++) {\n    const c = \"c\" + k;\n    cols.push(c);\n  }\n}\nSELECT ${cols.join(\", \")} FROM x\n",
                "definitions/fine.js", "[0, 1].forEach(function (j) { const name = \"u_\" + j; publish(name).query(ctx => `SELECT ${j} AS j`); });\n"
                        + "for (var k = 0; k < 2; k++) { let m = \"m_\" + k; publish(m).query(ctx => `SELECT '${m}' AS m`); }\n"
                        // not captures: a callback run at once, a property or key named like the variable, a shadowing
                        // parameter, a header binding the loop never changes
                        + "const specs = [{ i: 1 }];\n"
                        + "for (let i = 0, n = 2; i < n; i++) {\n"
                        + "  publish(\"v_\" + i).query(\"SELECT \" + [\"a\"].map(function (c) { return i + \" AS \" + c; }).join(\", \"));\n"
                        + "  publish(\"w_\" + i).query(function (ctx) { return \"SELECT \" + specs[0].i + \" AS one, \" + n + \" AS n\"; });\n"
                        + "  publish(\"x_\" + i).query(function (ctx) { return \"SELECT \" + [5].map(function (i) { return i; })[0] + \" AS five\"; });\n"
                        + "  publish(\"y_\" + i).query(ctx => `SELECT ${JSON.stringify({ i: 'key' })} AS s`);\n"
                        + "}\n");
        assertThat(g.graphErrors()).extracting(e -> e.location().toString())
                .containsExactlyInAnyOrder("definitions/loops.js:1:1", "definitions/consts.sqlx:5:5",
                        "definitions/entries.js:2:1", "definitions/entries.js:5:1");
        assertThat(g.graphErrors()).allSatisfy(e -> assertThat(e.message()).contains("Rhino"));
        assertThat(g.tables()).extracting(t -> t.target().name()).contains("u_0", "u_1", "m_0", "m_1", "v_1", "w_1", "x_1", "y_1");
    }

    @Test
    void onSchemaChangeIsReadAndCheckedAgainstDataformsValues() throws IOException {
        CompiledGraph g = compile(SETTINGS,
                "definitions/ok.sqlx", "config { type: \"incremental\", onSchemaChange: \"extend\" }\nSELECT 1 AS x\n",
                "definitions/plain.sqlx", "config { type: \"incremental\" }\nSELECT 1 AS x\n",
                "definitions/bad.sqlx", "config { type: \"incremental\", onSchemaChange: \"GROW\" }\nSELECT 1 AS x\n");
        assertThat(g.tables()).filteredOn(t -> !t.target().name().equals("bad")).extracting(t -> t.target().name() + ":" + t.onSchemaChange())
                .containsExactlyInAnyOrder("ok:EXTEND", "plain:IGNORE");
        CompileError e = only(g);
        assertThat(e.location().file()).isEqualTo("definitions/bad.sqlx");
        assertThat(e.message()).contains("IGNORE, FAIL, EXTEND or SYNCHRONIZE");
    }

    @Test
    void javascriptApiActionsStartAtTheirCall() throws IOException {
        CompiledGraph g = compile(SETTINGS, "definitions/api.js",
                "// models\n\npublish(\"v\").query(\"SELECT 1\");\noperate(\"o\", \"SELECT 2\");\n");
        assertThat(g.tables().get(0).sqlStartLine()).isEqualTo(3);
        assertThat(g.operations().get(0).sqlStartLine()).isEqualTo(4);
    }

    @Test
    void aMisspeltMethodInAChainIsLocatedAtTheCallWithTheMethodItMeant() throws IOException {
        CompileError e = only(compile(SETTINGS, "definitions/api.js",
                "// models\n\npublish(\"x\", { type: \"table\" })\n  .tags([\"a\"])\n  .qeury(ctx => `SELECT 1`);\n"));
        assertThat(e.location()).isEqualTo(new SourceLocation("definitions/api.js", 5, 4));
        assertThat(e.message()).isEqualTo(".qeury() is not a function of the object it is called on");
        assertThat(e.hint()).isEqualTo("did you mean query?");
    }

    @Test
    void aMisspeltFunctionInATemplateIsLocatedOnItsOwnLineWithTheIncludesFunctionItMeant() throws IOException {
        // Rhino places an error inside a template literal on the template's first line
        CompiledGraph g = compile(SETTINGS,
                "includes/sql.js", "module.exports = { safeDivide: (a, b) => `SAFE_DIVIDE(${a}, ${b})` };\n",
                "definitions/src.sqlx", "config { type: \"declaration\" }\n",
                "definitions/api.js", "publish(\"x\", { type: \"table\" }).query(ctx => `\nSELECT\n  ${sql.safeDivde(\"a\", \"b\")} AS r\n"
                        + "FROM ${ctx.reff(\"src\")}`);\n",
                "definitions/view.sqlx", "config { type: \"view\" }\nSELECT 1 AS a,\n  ${ref(\"src\").toUpperr()} AS b\n");
        assertThat(g.graphErrors()).extracting(e -> e.location() + " " + e.message() + " / " + e.hint()).containsExactlyInAnyOrder(
                "definitions/api.js:3:9 sql.safeDivde is not a function / did you mean safeDivide?",
                "definitions/view.sqlx:3:16 .toUpperr() is not a function of the object it is called on"
                        + " / check the name: the object before .toUpperr has no function of that name");
        CompileError ctx = only(compile(SETTINGS, "definitions/api.js",
                "publish(\"x\", { type: \"table\" }).query(ctx => `\nSELECT *\nFROM ${ctx.reff(\"src\")}`);\n",
                "definitions/view.sqlx", "config { type: \"view\" }\nSELECT 1 AS a\n"));
        assertThat(ctx.location()).isEqualTo(new SourceLocation("definitions/api.js", 3, 12));
        assertThat(ctx.message()).isEqualTo("ctx.reff is not a function");
        assertThat(ctx.hint()).isEqualTo("did you mean ref?");
    }

    @Test
    void anIncludesGettersAreNotCalledToFindItsFunctions() throws IOException {
        // the functions an include exports are gathered for a "did you mean"; a getter is code of its own, run only when read
        CompiledGraph g = compile(SETTINGS,
                "includes/cfg.js", "const o = { helper: () => \"x\", reads: 0 };\n"
                        + "Object.defineProperty(o, \"env\", { enumerable: true, get: function () { throw new Error(\"env is not set\"); } });\n"
                        + "Object.defineProperty(o, \"counted\", { enumerable: true, get: function () { o.reads++; return 1; } });\n"
                        + "module.exports = o;\n",
                "definitions/api.js", "publish(\"x\").query(`SELECT ${cfg.reads} AS reads`);\n");
        assertThat(g.graphErrors()).isEmpty();
        assertThat(g.tables().get(0).query()).isEqualTo("SELECT 0 AS reads");
    }

    @Test
    void aPropertyOfUndefinedInATemplateIsLocatedAtTheReadNamingWhatIsUndefined() throws IOException {
        CompileError e = only(compile(SETTINGS, "definitions/api.js",
                "const cfg = {};\npublish(\"x\", { type: \"table\" }).query(ctx => `\nSELECT\n  ${cfg.metrics.join(\", \")}\nFROM t`);\n"));
        assertThat(e.location()).isEqualTo(new SourceLocation("definitions/api.js", 4, 17));
        assertThat(e.message()).contains("\"join\"").contains("undefined");
        assertThat(e.hint()).isEqualTo("cfg.metrics is undefined here: check its name, and that it is set");
    }

    @Test
    void aRefOfANumberOrOfNothingIsLocatedAtTheRefWithItsForms() throws IOException {
        CompiledGraph g = compile(SETTINGS, "definitions/api.js",
                "publish(\"x\", { type: \"table\" }).query(ctx => `\nSELECT *\nFROM ${ctx.ref(123)}`);\n"
                        + "publish(\"y\", { type: \"table\" }).query(ctx => `SELECT * FROM ${ctx.ref()}`);\n");
        assertThat(g.graphErrors()).extracting(e -> e.location().line() + ":" + e.location().column()).containsExactlyInAnyOrder("3:12", "4:67");
        assertThat(g.graphErrors()).allSatisfy(e -> assertThat(e.hint()).startsWith("write ref(\"name\"), ref(\"schema\", \"name\")"));
    }

    @Test
    void aDependencyOfTheWrongTypeInAChainIsPlacedAtItsCall() throws IOException {
        CompiledGraph g = compile(SETTINGS, "definitions/a.js",
                "publish(\"a\", { type: \"table\" })\n  .query(\"SELECT 1 AS x\")\n  .dependencies(42);\n");
        CompileError e = only(g);
        assertThat(e.location().line() + ":" + e.location().column()).isEqualTo("3:4");
        assertThat(e.message()).startsWith("A dependency must be an action's name");
    }

    @Test
    void argumentsOfTheWrongTypeToTheApiAreLocatedErrorsNotCrashes() throws IOException {
        CompiledGraph g = compile(SETTINGS,
                "definitions/src.sqlx", "config { type: \"declaration\" }\n",
                "definitions/deps.js", "\npublish(\"d\", { type: \"table\" }).dependencies(42).query(\"SELECT 1\");\n",
                "definitions/tags.js", "publish(\"t\", { type: \"table\" }).query(\"SELECT 1\")\n  .tags(5);\n",
                "definitions/ops.js", "operate(\"o\").queries(42);\n",
                "definitions/tst.js", "test().dataset(\"src\").expect(\"SELECT 1\");\n",
                "definitions/named.js", "assert({ tags: [\"x\"] }).query(\"SELECT 1\");\n");
        assertThat(g.graphErrors()).extracting(e -> e.location().file() + ":" + e.location().line() + " " + e.message()).containsExactlyInAnyOrder(
                "definitions/deps.js:2 A dependency must be an action's name or { schema: \"...\", name: \"...\" }, not number: 42",
                "definitions/tags.js:2 tags must be a string or an array of strings, not number: tags([\"daily\"])",
                "definitions/ops.js:1 a statement must be SQL text, not number: give a string, an array of strings, or one function of the"
                        + " context that returns either",
                "definitions/tst.js:1 test() takes the test's name, a string, not undefined: test(\"name\")",
                "definitions/named.js:1 assert() takes the action's name first, a string, not object: assert(\"name\", { ... })");
    }

    @Test
    void aJsonFileThatDoesNotParseIsReportedInItWhereverItIsRequired() throws IOException {
        CompiledGraph g = compile(SETTINGS,
                "includes/data/channels.json", "[ { \"name\": \"google\", }\n]\n",
                "includes/channels.js", "module.exports = require(\"./data/channels.json\");\n",
                "definitions/summary.sqlx", "config { type: \"view\" }\njs { const names = require(\"includes/data/channels\"); }\n"
                        + "SELECT '${names.length}' AS n\n");
        // the second require() fails too, as in Node, instead of giving the first one's empty exports
        assertThat(g.graphErrors()).hasSize(2).allSatisfy(e -> {
            assertThat(e.location().file()).isEqualTo("includes/data/channels.json");
            assertThat(e.hint()).startsWith("fix the JSON of this file");
        });
    }

    @Test
    void actionsAJsBlockRegistersAreCompiledWhenDataformCompilesThemAndReportedWhenItLeavesThemOut() throws IOException {
        // a js block runs while its file's SQL compiles; Dataform compiles tables and views, then operations,
        // assertions and declarations, each kind as registered when its turn starts
        CompiledGraph g = compile(SETTINGS,
                "includes/checks.js", "module.exports = { notNull: (t, c) => assert(t + \"_\" + c + \"_not_null\")"
                        + ".query(ctx => `SELECT * FROM ${ctx.ref(t)} WHERE ${c} IS NULL`) };\n",
                "definitions/orders.sqlx", "config { type: \"incremental\" }\njs { checks.notNull(\"orders\", \"id\"); }\nSELECT 1 AS id\n",
                "definitions/op.sqlx", "config { type: \"operations\" }\njs { publish(\"late\", { type: \"table\" }).query(\"SELECT 2 AS z\"); }\n"
                        + "SELECT 1\n");
        // the incremental table's js block runs for both of its queries: one assertion, in the file that made it
        assertThat(g.assertions()).singleElement().satisfies(a -> {
            assertThat(a.target().name()).isEqualTo("orders_id_not_null");
            assertThat(a.fileName()).isEqualTo("definitions/orders.sqlx");
            assertThat(a.query()).contains("WHERE id IS NULL");
        });
        assertThat(g.tables()).extracting(t -> t.target().name()).containsExactly("orders");
        assertThat(g.graphErrors()).singleElement().satisfies(e -> {
            assertThat(e.location().file()).isEqualTo("definitions/op.sqlx");
            assertThat(e.message()).contains("The table p.d.late is registered while this file's SQL compiles").contains("Dataform leaves it out");
            assertThat(e.hint()).startsWith("call publish() at the top level of a definitions .js file");
        });
    }

    @Test
    void anIncrementalTablesJsBlockMakesAnActionNamedInItsConfigOnce() throws IOException {
        // the block runs once per query of the table; the action made again is the one the config names, not the first argument
        CompiledGraph g = compile(SETTINGS,
                "definitions/orders.sqlx", "config { type: \"incremental\" }\n"
                        + "js { assert(\"first\", { name: \"orders_checked\" }).query(\"SELECT 1 AS bad WHERE false\");\n"
                        + "  operate(\"op\", { name: \"orders_noted\" }).queries(\"SELECT 1\"); }\n"
                        + "SELECT 1 AS id\n");
        assertThat(g.graphErrors()).isEmpty();
        assertThat(g.assertions()).extracting(a -> a.target().name()).containsExactly("orders_checked");
        assertThat(g.operations()).extracting(o -> o.target().name()).containsExactly("orders_noted");
    }

    @Test
    void aNamelessAssertionAJsBlockRegistersTakesTheBaseNameOfItsFile() throws IOException {
        // no file is loading while the SQL compiles: the name comes from the file of the action being compiled
        CompiledGraph g = compile(SETTINGS + "defaultAssertionDataset: checks\n",
                "definitions/orders.sqlx", "config { type: \"table\" }\njs { assert().query(\"SELECT 1 AS bad WHERE false\"); }\nSELECT 1 AS id\n");
        assertThat(g.graphErrors()).isEmpty();
        assertThat(g.tables()).extracting(t -> t.target().name()).containsExactly("orders");
        assertThat(g.assertions()).singleElement().satisfies(a -> {
            assertThat(a.target()).isEqualTo(new Target("p", "checks", "orders"));
            assertThat(a.fileName()).isEqualTo("definitions/orders.sqlx");
        });
    }

    @Test
    void aQueryFunctionThatReturnsNothingIsAnErrorAtItsCallNotARunThatCrashes() throws IOException {
        CompiledGraph g = compile(SETTINGS, "definitions/api.js",
                "publish(\"t\", { type: \"table\" })\n  .query(ctx => {\n    `SELECT 1 AS x`;\n  });\n"
                        + "assert(\"a\").query(ctx => { `SELECT 1 AS x`; });\n"
                        + "operate(\"o\").queries(ctx => { [`SELECT 1`]; });\n"
                        + "assert(\"no_query\");\n");
        assertThat(g.assertions()).isEmpty();
        assertThat(g.graphErrors()).extracting(e -> e.location().line() + ":" + e.location().column() + " " + e.message())
                .containsExactlyInAnyOrder("2:4 The query of p.d.t must be a string, got undefined",
                        "5:13 The query of p.d.a must be a string, got undefined",
                        "6:14 The statements of p.d.o must be a string or an array of strings, got undefined",
                        "7:1 The query of p.d.no_query must be a string, got null");
        assertThat(g.graphErrors()).filteredOn(e -> !e.message().contains("no_query"))
                .allSatisfy(e -> assertThat(e.hint()).isEqualTo("the function given to ." + (e.message().contains("statements") ? "queries" : "query")
                        + "() returned nothing: an arrow function with a { } body needs a return statement"));
        assertThat(g.graphErrors()).filteredOn(e -> e.message().contains("no_query")).singleElement()
                .satisfies(e -> assertThat(e.hint()).isEqualTo("give it SQL: .query(\"SELECT ...\")"));
    }

    @Test
    void columnsOfAnOperationWithoutOutputAreAnErrorAtTheColumnsKeyAsInDataform() throws IOException {
        CompiledGraph g = compile(SETTINGS,
                "definitions/op.sqlx", "config {\n  type: \"operations\",\n  columns: { a: \"x\" }\n}\nSELECT 1\n",
                "definitions/later.js", "operate(\"later\", { type: \"operations\", columns: { a: \"x\" } }).hasOutput(true)"
                        + ".queries(\"CREATE TABLE ${self()} AS SELECT 1 AS a\");\n");
        CompileError e = only(g);
        assertThat(e.location().file() + ":" + e.location().line()).isEqualTo("definitions/op.sqlx:3");
        assertThat(e.message()).isEqualTo("Actions of type 'operations' may only describe columns if they specify 'hasOutput: true'.");
        assertThat(e.hint()).startsWith("add hasOutput: true");
    }
}
