package io.porygon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `porygon <command> --help` reads like a man page: an indented line of a description stays in its column. */
class HelpTextTest {
    @Test
    void anIndentedDescriptionLineFitsTheHelpsWidthSoItsRestIsNotWrappedToTheLeftMargin() {
        checkDescriptions(PorygonCli.commandLine());
        String docs = CliRun.run("docs", "--help").out();
        assertThat(docs).contains("  lineage.json    the lineage of the actions (nodes, edges) and of each\n                  dataset's columns;");
    }

    private static void checkDescriptions(CommandLine cli) {
        for (Map.Entry<String, CommandLine> e : cli.getSubcommands().entrySet()) {
            var usage = e.getValue().getCommandSpec().usageMessage();
            for (String line : usage.description()) {
                // picocli breaks a longer line at the width and starts the rest at the left margin
                if (line.startsWith(" ")) assertThat(line.length()).as("`%s --help`: %s", e.getValue().getCommandSpec().qualifiedName(), line)
                        .isLessThanOrEqualTo(usage.width());
            }
            checkDescriptions(e.getValue());
        }
    }
}
