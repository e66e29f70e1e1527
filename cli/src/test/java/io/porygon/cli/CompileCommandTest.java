package io.porygon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs `porygon compile` in-process against small projects in a temporary directory. */
class CompileCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = PorygonCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private void project(String... pathsAndContents) throws IOException {
        Files.writeString(dir.resolve("workflow_settings.yaml"), "defaultProject: p\ndefaultDataset: d\nvars:\n  env: dev\n");
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            Path p = dir.resolve(pathsAndContents[i]);
            Files.createDirectories(p.getParent());
            Files.writeString(p, pathsAndContents[i + 1]);
        }
    }

    @Test
    void summaryListsActionsByTypeAndTag() throws IOException {
        project("definitions/src.sqlx", "config { type: \"declaration\", schema: \"raw\", name: \"src\" }\n",
                "definitions/t.sqlx", "config { type: \"table\", tags: [\"daily\"] }\nSELECT * FROM ${ref(\"src\")}\n");
        assertThat(run("compile", dir.toString())).isZero();
        assertThat(out.toString()).contains("Compiled 2 actions.").contains("declaration 1").contains("table 1").contains("daily 1")
                .contains("p.d.t [daily]");
    }

    @Test
    void summarySaysHowManyActionsRunAndHowManyAreUnitTests() throws IOException {
        project("definitions/src.sqlx", "config { type: \"declaration\", schema: \"raw\", name: \"src\" }\n",
                "definitions/t.sqlx", "config { type: \"view\" }\nSELECT * FROM ${ref(\"src\")}\n",
                "definitions/t_test.sqlx", "config { type: \"test\", dataset: \"t\" }\ninput \"src\" { SELECT 1 AS a }\nSELECT 1 AS a\n");
        assertThat(run("compile", dir.toString())).isZero();
        assertThat(out.toString()).contains("Compiled 3 actions (2 that run, 1 unit test).");
    }

    @Test
    void jsonHasDataformsShapeAndVarsOverride() throws IOException {
        project("definitions/v.sqlx", "config { type: \"view\" }\nSELECT '${dataform.projectConfig.vars.env}' AS env\n");
        assertThat(run("compile", "--json", "--vars=env=prod", dir.toString())).isZero();
        assertThat(out.toString()).contains("\"tables\"").contains("\"projectConfig\"").contains("\"graphErrors\": {}")
                .contains("'prod' AS env").contains("\"canonicalTarget\"");
    }

    @Test
    void dialectDuckDbPrintsEveryActionTranslated() throws IOException {
        project("definitions/src.sqlx", "config { type: \"declaration\", schema: \"raw\", name: \"src\" }\n",
                "definitions/t.sqlx", "config { type: \"table\" }\nSELECT SAFE_DIVIDE(a, b) AS r, IF(a > 0, 'x', \"y\") AS s FROM ${ref(\"src\")}\n");
        assertThat(run("compile", "--dialect", "duckdb", dir.toString())).isZero();
        assertThat(out.toString()).contains("d.t").contains("raw.src").doesNotContain("SAFE_DIVIDE").doesNotContain("`")
                .doesNotContain("\"y\"").contains("'y'");
    }

    @Test
    void dialectDuckDbReportsUntranslatableSqlWithItsLocation() throws IOException {
        project("definitions/t.sqlx", "config { type: \"table\" }\n\nSELECT NO_SUCH_FUNCTION(1) AS x\n");
        assertThat(run("compile", "--dialect", "duckdb", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("error: definitions/t.sqlx:3").contains("NO_SUCH_FUNCTION")
                .endsWith("1 compile error" + System.lineSeparator()); // as for an error of the compile itself
    }

    @Test
    void dialectDuckDbNamesTablesUnderTheDatabaseMappingRunUses() throws IOException {
        // two tables that differ only by project collide under the default mapping; prefix keeps them apart
        project("definitions/t.sqlx", "config { type: \"table\" }\nSELECT 1 AS x\n",
                "definitions/t2.sqlx", "config { type: \"table\", database: \"other\", name: \"t\" }\nSELECT 2 AS x\n");
        assertThat(run("compile", "--dialect", "duckdb", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("both become d.t in the warehouse");

        Files.writeString(dir.resolve("porygon.yaml"), "warehouse:\n  database_mapping: prefix\n");
        out.getBuffer().setLength(0);
        assertThat(run("compile", "--dialect", "duckdb", dir.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("p_d.t").contains("other_d.t");

        out.getBuffer().setLength(0);
        assertThat(run("compile", "--dialect", "duckdb", "--database-mapping", "ignore", dir.toString())).isEqualTo(2);
        Path config = Files.writeString(dir.resolve("other.yaml"), "warehouse:\n  database_mapping: prefix\n");
        Files.delete(dir.resolve("porygon.yaml"));
        assertThat(run("compile", "--dialect", "duckdb", "--config", config.toString(), dir.toString())).isZero();
        assertThat(out.toString()).contains("p_d.t");

        err.getBuffer().setLength(0);
        assertThat(run("compile", "--database-mapping", "prefix", dir.toString())).isEqualTo(2); // the summary names no warehouse tables
        assertThat(err.toString()).contains("only --dialect duckdb prints").contains("hint:");
    }

    @Test
    void errorsAreLocatedAndExitWithTwo() throws IOException {
        project("definitions/v.sqlx", "config { type: \"view\" }\nSELECT * FROM ${ref(\"missing_table\")}\n");
        assertThat(run("compile", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("error: definitions/v.sqlx:2:21: Missing dependency detected")
                .contains("1 compile error").doesNotContain("nothing was run"); // compile runs nothing anyway
    }

    @Test
    void missingProjectIsAUsageError() {
        assertThat(run("compile", dir.resolve("nope").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nope: not a Porygon/Dataform project: no such directory");
    }
}
