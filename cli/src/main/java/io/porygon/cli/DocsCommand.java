package io.porygon.cli;

import io.porygon.core.docs.DocsModelBuilder;
import io.porygon.core.docs.DocsSite;
import io.porygon.core.graph.CompiledGraph;
import io.porygon.duckdb.DuckDbEngine;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code porygon docs}: a static documentation site with lineage, run history and a BI dashboard. */
@Command(
        name = "docs",
        header = "Write the docs site, lineage and BI dashboard.",
        mixinStandardHelpOptions = true,
        description = {
            "Compile the project and write a static, self-contained documentation site",
            "(inline CSS and SVG, no network resources):",
            "  index.html      every action by layer and type with its description, tags,",
            "                  columns, file, compiled SQL, assertions, upstream and",
            "                  downstream actions; the lineage drawn as a graph; and, when",
            "                  the warehouse exists, row counts, recent runs, timings and",
            "                  each assertion's outcome over the recent runs;",
            "  lineage.json    the lineage of the actions (nodes, edges) and of each",
            "                  dataset's columns;",
            "  dashboard.html  KPIs, profit by month, top categories and countries, profit",
            "                  YTD vs. last YTD, from the reporting views in the warehouse.",
            "The warehouse is only read; when it does not exist the site has no figures."
        },
        footer = {"", "Exit codes: 0 written; 2 usage, configuration or compile error."})
final class DocsCommand implements Callable<Integer> {
    static final Path DEFAULT_OUT = Path.of(".porygon", "docs");

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the site (default: .porygon/docs in the project).")
    Path out;

    @Mixin
    ProjectConfigOptions projectConfig;

    @Mixin
    DebugOption debug;

    @Mixin
    WarehouseOptions warehouse;

    @Mixin
    ProjectDirectory project;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        Path dir = project.resolve();
        WarehouseOptions.Resolved settings = warehouse.resolve(dir);
        CompiledGraph graph = ProjectGraph.compileOrReport(dir, projectConfig.overrides(), spec.commandLine().getErr());
        if (graph == null) return PorygonCli.EXIT_USAGE;
        // a file or an unwritable place at --out is the user's to fix: said before anything is read
        Path target = OutputDirectory.prepare("--out", (out != null ? out.toAbsolutePath() : dir.resolve(DEFAULT_OUT)).normalize());
        String name = dir.getFileName() == null ? "Porygon project" : dir.getFileName().toString();
        DocsSite.Written written;
        try {
            written = write(graph, settings, name, target, stdout);
        } catch (UncheckedIOException e) {
            throw OutputDirectory.error("--out", target, e.getCause());
        }
        int runs = written.model().history().runs().size();
        stdout.println("Docs written to " + target + ":");
        stdout.println("  index.html      " + counted(written.model().actions().size(), "action") + ", " + counted(runs, "recent run"));
        stdout.println("  lineage.json    " + counted(written.model().edges().size(), "edge"));
        stdout.println("  dashboard.html  " + written.dashboardData().missing().map(m -> "no figures: " + m).orElse(
                written.dashboardData().months().size() + " months, " + written.dashboardData().matrix().size() + " categories in the YTD matrix"));
        stdout.println("Open " + written.index().toUri());
        stdout.flush();
        return 0;
    }

    private static String counted(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static DocsSite.Written write(CompiledGraph graph, WarehouseOptions.Resolved settings, String name, Path target, PrintWriter stdout) {
        if (!Files.exists(settings.file())) {
            stdout.println("No warehouse at " + settings.file() + ": writing the docs without row counts, run history or dashboard figures.");
            return DocsSite.write(graph, Optional.empty(), name, target);
        }
        try (DuckDbEngine engine = WarehouseOptions.openToRead(settings)) {
            var wh = new DocsModelBuilder.Warehouse(engine, DocsSite.names(graph, settings.databaseMapping()), settings.file().toString());
            return DocsSite.write(graph, Optional.of(wh), name, target);
        }
    }
}
