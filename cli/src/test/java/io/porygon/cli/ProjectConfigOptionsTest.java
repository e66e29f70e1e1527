package io.porygon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.core.compile.project.SettingsOverrides;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Dataform CLI's project config overrides, on every command that compiles a project. */
class ProjectConfigOptionsTest {
    static final List<String> DATAFORMS = List.of("--vars", "--default-database", "--default-schema", "--default-location",
            "--assertion-schema", "--database-suffix", "--schema-suffix", "--table-prefix", "--disable-assertions");

    @TempDir Path project;

    @Test
    void everyCommandThatTakesVarsTakesTheOtherOverridesToo() {
        CommandLine cli = PorygonCli.commandLine();
        for (String command : List.of("compile", "run", "test", "docs", "generate")) {
            var spec = cli.getSubcommands().get(command).getCommandSpec();
            for (String option : DATAFORMS) assertThat(spec.findOption(option)).as("%s %s", command, option).isNotNull();
        }
    }

    @Test
    void theOptionsBecomeTheOverridesOfTheSettings() {
        CompileCommand compile = new CompileCommand();
        new CommandLine(compile).parseArgs("--default-database=q", "--default-schema", "e", "--default-location=EU", "--assertion-schema=qa",
                "--database-suffix=sb", "--schema-suffix=dev", "--table-prefix=pg", "--disable-assertions", "--vars=env=prod,b=2");
        assertThat(compile.projectConfig.overrides())
                .isEqualTo(new SettingsOverrides("q", "e", "EU", "qa", "sb", "dev", "pg", true, Map.of("env", "prod", "b", "2")));
        CompileCommand none = new CompileCommand();
        new CommandLine(none).parseArgs();
        assertThat(none.projectConfig.overrides()).isEqualTo(SettingsOverrides.NONE);
    }

    @Test
    void aSchemaSuffixDataformRefusesIsAUsageErrorAndAnEmptyOneKeepsTheFiles() throws IOException {
        TestProjects.write(project, "workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\ndatasetSuffix: file\n");
        TestProjects.write(project, "definitions/t.sqlx", "config { type: \"table\" }\nSELECT 1 AS x\n");
        CliRun.Result refused = CliRun.run("compile", "--schema-suffix=dev-1", project.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--schema-suffix should contain only alphanumeric characters and/or underscores.");
        CliRun.Result empty = CliRun.run("compile", "--schema-suffix=", project.toString());
        assertThat(empty.exitCode()).as(empty.err()).isZero();
        assertThat(empty.out()).contains("p.d_file.t");
    }

    @Test
    void aVarWithoutANameOrValueIsAUsageErrorNamingIt() throws IOException {
        TestProjects.write(project, "workflow_settings.yaml", "defaultProject: p\ndefaultDataset: d\n");
        TestProjects.write(project, "definitions/t.sqlx", "config { type: \"table\" }\nSELECT 1 AS x\n");
        for (String bad : List.of("=x", "a=1,b", "mode")) {
            CliRun.Result refused = CliRun.run("compile", "--vars", bad, project.toString());
            assertThat(refused.exitCode()).as(bad).isEqualTo(2);
            assertThat(refused.err()).as(bad).contains("--vars takes NAME=VALUE pairs").contains("hint:");
        }
        CompileCommand repeated = new CompileCommand();
        new CommandLine(repeated).parseArgs("--vars", "a=1,b=x=y", "--vars", "a=2,c=");
        assertThat(repeated.projectConfig.overrides().vars()).containsExactly(Map.entry("a", "2"), Map.entry("b", "x=y"), Map.entry("c", ""));
    }
}
