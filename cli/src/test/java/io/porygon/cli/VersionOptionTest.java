package io.porygon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every command that offers -V/--version prints the version. */
class VersionOptionTest {
    @Test
    void everyCommandThatOffersTheVersionPrintsIt() {
        List<String> offering = PorygonCli.commandLine().getSubcommands().entrySet().stream()
                .filter(e -> e.getValue().getCommandSpec().findOption("--version") != null)
                .map(java.util.Map.Entry::getKey).toList();
        assertThat(offering).contains("compile", "run", "test", "history", "generate", "load", "demo", "docs");
        for (String command : offering) {
            for (String flag : List.of("--version", "-V")) {
                CliRun.Result r = CliRun.run(command, flag);
                assertThat(r.exitCode()).as(command + " " + flag).isZero();
                assertThat(r.out()).as(command + " " + flag).startsWith("porygon ");
            }
        }
        assertThat(CliRun.run("--version").out()).startsWith("porygon ");
    }
}
