package io.porygon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arguments that cannot work are usage errors (exit 2) with a hint, never an internal error or a silent success. */
class UsageErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aProjectPathThatIsMissingOrAFileSaysWhichNotOnlyThatSettingsAreMissing() throws IOException {
        CliRun.Result missing = CliRun.run("compile", dir.resolve("typo").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("typo: not a Porygon/Dataform project: no such directory")
                .contains("hint: pass the project directory, the one that holds workflow_settings.yaml").doesNotContain("porygon compile");
        Path settings = dir.resolve("workflow_settings.yaml");
        java.nio.file.Files.writeString(settings, "defaultProject: p\ndefaultDataset: d\n");
        CliRun.Result file = CliRun.run("run", "--warehouse", dir.resolve("w.duckdb").toString(), settings.toString());
        assertThat(file.exitCode()).isEqualTo(2);
        assertThat(file.err()).contains("not a Porygon/Dataform project: it is a file, not a directory")
                .contains("hint: pass the directory that holds it: " + dir);
        CliRun.Result empty = CliRun.run("compile", java.nio.file.Files.createDirectory(dir.resolve("empty")).toString());
        assertThat(empty.err()).contains("not a Porygon/Dataform project: workflow_settings.yaml is missing");
        assertThat(dir.resolve("w.duckdb")).doesNotExist();
    }

    @Test
    void advancingByNothingIsAUsageError() {
        CliRun.Result r = CliRun.run("generate", "--advance", "0d", "--warehouse", dir.resolve("w.duckdb").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--advance must be a positive duration").contains("hint:");
    }

    @Test
    void advancingByMoreThanAYearIsAUsageError() {
        CliRun.Result r = CliRun.run("generate", "--advance", "100000d", "--warehouse", dir.resolve("w.duckdb").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--advance may be at most 366d, got 100000d").contains("hint: advance in several steps");
    }

    @Test
    void anAsOfThatIsNoDaySaysHowToWriteOneWithoutJavaNames() {
        for (String day : new String[] {"2025-13-01", "2025-6-1", "yesterday"}) {
            CliRun.Result r = CliRun.run("generate", "--as-of", day, "--warehouse", dir.resolve("w.duckdb").toString());
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("--as-of").contains("'" + day + "' is not a calendar day; write it as YYYY-MM-DD")
                    .contains("hint:").doesNotContain("java.");
        }
        assertThat(dir.resolve("w.duckdb")).doesNotExist();
    }

    @Test
    void anAsOfWhoseCalendarLeavesBigQuerysYearsIsAUsageError() {
        for (String day : new String[] {"0003-01-01", "0005-12-31", "+10000-01-01"}) {
            CliRun.Result r = CliRun.run("generate", "--as-of", day, "--warehouse", dir.resolve("w.duckdb").toString());
            assertThat(r.exitCode()).as(day).isEqualTo(2);
            assertThat(r.err()).contains("'" + day + "' is outside the years BigQuery's timestamps hold").contains("0006-01-01 to 9999-12-31");
        }
        assertThat(dir.resolve("w.duckdb")).doesNotExist();
    }

    @Test
    void advancingByLessThanAMicrosecondIsAUsageError() {
        CliRun.Result r = CliRun.run("generate", "--advance", "PT0.0000001S", "--warehouse", dir.resolve("w.duckdb").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--advance must be at least a microsecond").contains("hint:");
    }

    @Test
    void aHistoryLimitBelowOneIsAUsageError() {
        CliRun.Result r = CliRun.run("history", "--limit", "-1", "--warehouse", dir.resolve("w.duckdb").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--limit must be at least 1");
    }

    @Test
    void threadCountsAndMemoryLimitsThatCannotWorkAreRefusedBeforeAnythingOpens() throws IOException {
        java.nio.file.Files.writeString(dir.resolve("workflow_settings.yaml"), "defaultProject: p\ndefaultDataset: d\n");
        String w = dir.resolve("w.duckdb").toString();
        CliRun.Result duckdbThreads = CliRun.run("history", "--duckdb-threads", "100000", "--warehouse", w);
        assertThat(duckdbThreads.exitCode()).isEqualTo(2);
        assertThat(duckdbThreads.err()).contains("--duckdb-threads: must be a whole number from 1 to 1024, not 100000").contains("hint:");
        assertThat(CliRun.run("history", "--duckdb-threads", "0", "--warehouse", w).err()).contains("must be a whole number from 1 to 1024");
        CliRun.Result memory = CliRun.run("history", "--memory-limit", "-5GB", "--warehouse", w);
        assertThat(memory.exitCode()).isEqualTo(2);
        assertThat(memory.err()).contains("--memory-limit: must be a size above zero, not '-5GB'");
        CliRun.Result runThreads = CliRun.run("run", "--threads", "5000", "--warehouse", w, dir.toString());
        assertThat(runThreads.exitCode()).isEqualTo(2);
        assertThat(runThreads.err()).contains("--threads must be a whole number from 1 to 1024");
    }

    @Test
    void includeDepsOrDependentsWithoutASelectionIsAUsageErrorAsInDataform() throws IOException {
        // it would widen nothing: the whole project would run, which is not what the flag asked for
        java.nio.file.Files.writeString(dir.resolve("workflow_settings.yaml"), "defaultProject: p\ndefaultDataset: d\n");
        for (String flag : new String[] {"--include-deps", "--include-dependents"}) {
            CliRun.Result r = CliRun.run("run", flag, "--dry-run", "--warehouse", dir.resolve("w.duckdb").toString(), dir.toString());
            assertThat(r.exitCode()).as(flag).isEqualTo(2);
            assertThat(r.err()).contains("The " + flag + " flag should only be supplied along with --actions or --tags.");
            assertThat(r.out()).doesNotContain("Plan:");
        }
        assertThat(dir.resolve("w.duckdb")).doesNotExist();
    }

    @Test
    void emptyNamesForGeneratesSchemaOrDirectoryAreUsageErrorsThatCreateNothing() {
        Path w = dir.resolve("w.duckdb");
        CliRun.Result schema = CliRun.run("generate", "--schema", "", "--scale", "0.001", "--warehouse", w.toString());
        assertThat(schema.exitCode()).as(schema.err()).isEqualTo(2);
        assertThat(schema.err()).contains("--schema needs a schema name").contains("hint:").doesNotContain("Parser Error");
        assertThat(w).doesNotExist();
        CliRun.Result advance = CliRun.run("generate", "--advance", "1d", "--schema", " ", "--warehouse", w.toString());
        assertThat(advance.exitCode()).isEqualTo(2);
        assertThat(advance.err()).contains("--schema needs a schema name");
        for (String command : List.of("generate", "load")) {
            List<String> args = new ArrayList<>(List.of(command, "--schema", "PORYGON_META", "--warehouse", w.toString()));
            if (command.equals("load")) args.addAll(1, List.of("thelook", "--from", dir.toString()));
            CliRun.Result history = CliRun.run(args.toArray(String[]::new));
            assertThat(history.exitCode()).as(history.err()).isEqualTo(2);
            assertThat(history.err()).contains("schema PORYGON_META holds Porygon's run history").contains("hint:");
            assertThat(w).doesNotExist();
        }
        // an empty --out "$DIR" would otherwise write the seven files into the current directory
        CliRun.Result out = CliRun.run("generate", "--out", "", "--scale", "0.001");
        assertThat(out.exitCode()).isEqualTo(2);
        assertThat(out.err()).contains("--out needs a directory").contains("hint:");
        assertThat(out.out()).doesNotContain("generated");
    }

    @Test
    void aDemoScaleThatCannotWorkIsTheDemosErrorBeforeAnythingStarts() {
        Path w = dir.resolve("demo.duckdb");
        CliRun.Result zero = CliRun.run("demo", "--scale", "0", "--warehouse", w.toString(), dir.toString());
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("porygon demo: --scale must be positive, got 0\n").contains("hint:");
        assertThat(zero.out()).doesNotContain("Generating");
        CliRun.Result huge = CliRun.run("demo", "--scale", "5000", "--warehouse", w.toString(), dir.toString());
        assertThat(huge.err()).contains("porygon demo: --scale must be at most 1000 (about 3.5 billion rows), got 5000\n");
        CliRun.Result word = CliRun.run("demo", "--scale", "abc", "--warehouse", w.toString(), dir.toString());
        assertThat(word.exitCode()).isEqualTo(2);
        assertThat(word.err()).contains("'abc' is not a double").contains("porygon demo --help");
        assertThat(w).doesNotExist();
    }

    @Test
    void optionsThatWouldBeIgnoredAreUsageErrors() {
        CliRun.Result limit = CliRun.run("history", "--run", "last", "--limit", "2", "--warehouse", dir.resolve("w.duckdb").toString());
        assertThat(limit.exitCode()).isEqualTo(2);
        assertThat(limit.err()).contains("--limit counts the runs listed").contains("hint:");
        CliRun.Result format = CliRun.run("generate", "--format", "csv", "--scale", "0.001", "--warehouse", dir.resolve("w.duckdb").toString());
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("--format is the format of the files --out writes");
    }

    @Test
    void historyOfAWarehouseNeedsNoProject() {
        // run where there is no workflow_settings.yaml: the history is the warehouse's
        CliRun.Result r = CliRun.run("history", "--warehouse", dir.resolve("none.duckdb").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("No runs yet");
    }

    @Test
    void aRunOfAWarehouseThatDoesNotExistIsAnUnknownRun() {
        // as for an id the warehouse does not hold (exit 2), not "no runs yet" with success
        CliRun.Result r = CliRun.run("history", "--run", "20260101-000000-abcd", "--warehouse", dir.resolve("typo.duckdb").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("error: no run 20260101-000000-abcd: the warehouse " + dir.resolve("typo.duckdb") + " does not exist")
                .contains("hint: check --warehouse");
        assertThat(dir.resolve("typo.duckdb")).doesNotExist();
    }

    @Test
    void aRunOfAWarehouseThatDoesNotExistNamesTheSettingThatNamedIt() throws IOException {
        // the path came from --config's file, not from --warehouse or the project's porygon.yaml
        TestProjects.write(dir, "workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        TestProjects.write(dir, "ci.yaml", "warehouse:\n  path: typo.duckdb\n");
        CliRun.Result r = CliRun.run("history", "--run", "20260101-000000-abcd", "--config", dir.resolve("ci.yaml").toString(), dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("hint: check warehouse.path (in " + dir.resolve("ci.yaml") + ")").doesNotContain("porygon.yaml");
    }

    @Test
    void testingAnUnknownTestIsAUsageError() throws IOException {
        TestProjects.write(dir, "workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        TestProjects.write(dir, "definitions/v.sqlx", "config { type: \"view\" }\nSELECT 1 AS x\n");
        CliRun.Result r = CliRun.run("test", "--actions", "v,nosuch", "--warehouse", dir.resolve("w.duckdb").toString(), dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no unit test named").contains("nosuch");
    }

    @Test
    void aMistypedTestNameIsToldTheClosestTest() throws IOException {
        TestProjects.write(dir, "workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        TestProjects.write(dir, "definitions/v.sqlx", "config { type: \"view\" }\nSELECT 1 AS x\n");
        TestProjects.write(dir, "definitions/v_doubles.sqlx", "config { type: \"test\", dataset: \"v\" }\nSELECT 1 AS x\n");
        CliRun.Result r = CliRun.run("test", "--actions", "v_double", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no unit test named v_double").contains("hint: did you mean v_doubles?");
    }

    @Test
    void aWrongOptionSaysWhatIsWrongAndWhereToLookWithoutTheWholeUsage() {
        CliRun.Result vars = CliRun.run("compile", "--vars=c");
        assertThat(vars.exitCode()).isEqualTo(2);
        assertThat(vars.err()).startsWith("error: ").contains("--vars").contains("hint: `porygon compile --help`").doesNotContain("Usage:");

        CliRun.Result typo = CliRun.run("run", "--ful-refresh");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("Unknown option: '--ful-refresh'").contains("--full-refresh").doesNotContain("Usage:");
    }

    @Test
    void compileJsonInDuckDbsDialectIsAUsageErrorNotASilentBigQueryJson() throws IOException {
        TestProjects.write(dir, "workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        TestProjects.write(dir, "definitions/v.sqlx", "config { type: \"view\" }\nSELECT SAFE_DIVIDE(1, 2) AS x\n");
        CliRun.Result r = CliRun.run("compile", "--dialect", "duckdb", "--json", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("--json").contains("--dialect duckdb").contains("hint:").doesNotContain("Exception");

        CliRun.Result bigquery = CliRun.run("compile", "--dialect", "bigquery", "--json", dir.toString());
        assertThat(bigquery.exitCode()).as(bigquery.err()).isZero();
        assertThat(bigquery.out()).contains("SAFE_DIVIDE");
    }
}
