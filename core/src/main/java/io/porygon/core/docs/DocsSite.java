package io.porygon.core.docs;

import io.porygon.core.compile.json.JsonWriter;
import io.porygon.core.engine.Engine;
import io.porygon.core.graph.Action;
import io.porygon.core.graph.ActionType;
import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.graph.Target;
import io.porygon.core.lineage.ActionLineage;
import io.porygon.core.lineage.ColumnLineage;
import io.porygon.core.lineage.ColumnSource;
import io.porygon.core.run.ActionResult;
import io.porygon.core.run.ActionStatus;
import io.porygon.core.run.DatabaseMapping;
import io.porygon.core.run.WarehouseNames;
import io.porygon.core.run.WarehouseRunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the static docs site of a compiled project: index.html (actions, lineage, run history),
 * lineage.json and dashboard.html. Pages are self-contained: inline CSS and SVG, no network.
 */
public final class DocsSite {
    static final String REPORTING_SCHEMA = "looker_studio_views";

    /** The files written. */
    public record Written(Path index, Path lineage, Path dashboard, DocsModel model, DashboardData dashboardData) {}

    private DocsSite() {}

    /**
     * Writes the site for {@code graph} into {@code out}, reading row counts, run history and the
     * dashboard from {@code warehouse} when present (targets mapped with the default database mapping).
     */
    public static Written write(CompiledGraph graph, Optional<Engine> warehouse, Path out) {
        String name = graph.projectConfig().defaultDatabase() == null ? "Porygon project" : graph.projectConfig().defaultDatabase();
        return write(graph, warehouse.map(e -> new DocsModelBuilder.Warehouse(e, names(graph, DatabaseMapping.IGNORE), e.dialect())),
                name, out);
    }

    /** As {@link #write(CompiledGraph, Optional, Path)}, with the warehouse's name mapping and the project's display name. */
    public static Written write(CompiledGraph graph, Optional<DocsModelBuilder.Warehouse> warehouse, String projectName, Path out) {
        DocsModel model = new DocsModelBuilder(graph).build(projectName, warehouse);
        LineageLayout.Layout layout = lineage(model);
        // a project without the reporting views is told so with or without a warehouse: a warehouse would not help
        DashboardData dashboard = !hasReportingViews(graph) ? DashboardData.missing(NO_REPORTING_VIEWS)
                : warehouse.map(w -> dashboard(graph, w))
                        .orElse(DashboardData.missing("No warehouse: run the pipeline and generate the docs with --warehouse to see the dashboard."));
        String stale = dashboard.missing().isPresent() ? null : notRefreshed(model, nameWritten(graph, "profit_view"),
                nameWritten(graph, "profit_matrix_view"));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("index.html", new IndexPage(model).render(layout));
        files.put("lineage.json", JsonWriter.write(lineageJson(model, layout), true) + "\n");
        files.put("dashboard.html", DashboardPage.render(projectName, dashboard, stale));
        try {
            writeAll(out, files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the docs to " + out, e);
        }
        return new Written(out.resolve("index.html"), out.resolve("lineage.json"), out.resolve("dashboard.html"), model, dashboard);
    }

    /**
     * Writes every file next to its place first and only then moves them in, so that a failure (a full
     * disk, a directory in the way) leaves the previous site whole instead of half replaced.
     */
    private static void writeAll(Path out, Map<String, String> files) throws IOException {
        Files.createDirectories(out);
        removeAbandoned(out, files.keySet());
        Map<Path, Path> written = new LinkedHashMap<>();
        try {
            for (var f : files.entrySet()) {
                Path target = out.resolve(f.getKey());
                if (Files.isDirectory(target)) throw new FileSystemException(target.toString(), null, f.getKey() + " is a directory");
                // not Files.createTempFile, which would make the pages readable by their owner only
                Path tmp = out.resolve("." + f.getKey() + "." + ProcessHandle.current().pid() + ".tmp");
                written.put(tmp, target);
                Files.writeString(tmp, f.getValue(), StandardCharsets.UTF_8);
            }
            for (var w : written.entrySet()) Files.move(w.getKey(), w.getValue(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            for (Path tmp : written.keySet()) Files.deleteIfExists(tmp);
        }
    }

    /** A page written aside: {@code .<page>.<pid>.tmp}. */
    private static final Pattern PAGE_ASIDE = Pattern.compile("\\.(.+)\\.(\\d{1,18})\\.tmp");

    /** A page written aside by a docs process that is gone (killed before its moves): no one else will delete it. */
    private static void removeAbandoned(Path out, Set<String> pages) throws IOException {
        try (var entries = Files.newDirectoryStream(out, ".*.tmp")) {
            for (Path tmp : entries) {
                Matcher m = PAGE_ASIDE.matcher(tmp.getFileName().toString());
                if (m.matches() && pages.contains(m.group(1)) && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty()) {
                    Files.deleteIfExists(tmp);
                }
            }
        }
    }

    /** Names of the graph's targets in a warehouse with the given mapping. */
    public static WarehouseNames names(CompiledGraph graph, DatabaseMapping mapping) {
        WarehouseNames names = new WarehouseNames(mapping, graph.projectConfig().defaultSchema());
        names.register(graph.runnableActions().toList());
        return names;
    }

    /**
     * The lineage drawing leaves out assertions: they are leaves that would double the picture. An
     * action that depends on an assertion still gets its arrows: A → assertion → B is drawn A → B.
     */
    static LineageLayout.Layout lineage(DocsModel model) {
        Set<String> assertions = new HashSet<>();
        List<String> nodes = new ArrayList<>();
        for (ActionDoc a : model.actions()) {
            if (a.type() == ActionType.ASSERTION) assertions.add(a.id());
            else nodes.add(a.id());
        }
        Map<String, List<String>> up = new HashMap<>();
        for (DocsModel.Edge e : model.edges()) up.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e.from());
        Set<DocsModel.Edge> edges = new LinkedHashSet<>();
        for (DocsModel.Edge e : model.edges()) {
            if (assertions.contains(e.to())) continue;
            for (String from : throughAssertions(e.from(), assertions, up, new HashSet<>())) edges.add(new DocsModel.Edge(from, e.to()));
        }
        return LineageLayout.layout(nodes, List.copyOf(edges));
    }

    /** {@code id} itself, or for an assertion the actions it reads, through any chain of assertions. */
    private static Set<String> throughAssertions(String id, Set<String> assertions, Map<String, List<String>> up, Set<String> seen) {
        if (!assertions.contains(id)) return Set.of(id);
        Set<String> out = new LinkedHashSet<>();
        if (!seen.add(id)) return out;
        for (String from : up.getOrDefault(id, List.of())) out.addAll(throughAssertions(from, assertions, up, seen));
        return out;
    }

    static Map<String, Object> lineageJson(DocsModel model, LineageLayout.Layout layout) {
        Map<String, LineageLayout.Node> placed = layout.byId();
        List<Object> nodes = new ArrayList<>();
        for (ActionDoc a : model.actions()) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("id", a.id());
            n.put("name", a.name());
            n.put("schema", a.schema());
            n.put("type", a.type().jsonName());
            n.put("layer", a.layer());
            n.put("file", a.fileName());
            n.put("tags", a.tags());
            LineageLayout.Node p = placed.get(a.id());
            n.put("depth", p == null ? null : p.column());
            if (a.rowCount() != null) n.put("rows", a.rowCount());
            n.put("columns", columnsJson(a.lineage()));
            if (a.lineage().unresolved() != null) n.put("columnsUnresolved", a.lineage().unresolved());
            nodes.add(n);
        }
        List<Object> edges = new ArrayList<>();
        for (DocsModel.Edge e : model.edges()) {
            Map<String, Object> edge = new LinkedHashMap<>();
            edge.put("from", e.from());
            edge.put("to", e.to());
            edges.add(edge);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodes", nodes);
        m.put("edges", edges);
        return m;
    }

    /** Each column with the upstream columns it is derived from; an unresolved one with why instead. */
    private static List<Object> columnsJson(ActionLineage lineage) {
        List<Object> columns = new ArrayList<>();
        for (ColumnLineage c : lineage.columns()) {
            Map<String, Object> column = new LinkedHashMap<>();
            column.put("name", c.name());
            List<Object> sources = new ArrayList<>();
            for (ColumnSource s : c.derivation().sources()) {
                Map<String, Object> source = new LinkedHashMap<>();
                source.put("node", s.node());
                source.put("column", s.column());
                sources.add(source);
            }
            column.put("sources", sources);
            if (!c.derivation().resolved()) column.put("unresolved", c.derivation().unresolved());
            columns.add(column);
        }
        return columns;
    }

    /**
     * A warning when the newest run failed, skipped or cancelled a reporting view or an action it reads
     * (directly or not): the views then show the tables as an earlier run left them. Null otherwise.
     */
    static String notRefreshed(DocsModel model, String... viewNames) {
        if (model.history().runs().isEmpty()) return null;
        Map<String, ActionDoc> byId = model.byId();
        Set<String> under = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>();
        for (ActionDoc a : model.actions()) if (a.type() == ActionType.VIEW && List.of(viewNames).contains(a.name())) todo.add(a.id());
        while (!todo.isEmpty()) {
            String id = todo.remove(todo.size() - 1);
            if (under.add(id) && byId.containsKey(id)) todo.addAll(byId.get(id).upstream());
        }
        RunHistory.Run newest = model.history().runs().get(0);
        if (WarehouseRunStore.ABORTED.equals(newest.summary().status())) {
            return "The newest run, " + newest.summary().runId() + " (status " + WarehouseRunStore.ABORTED + "), was killed before it"
                    + " recorded its outcome: these figures may come from tables it had rebuilt next to tables as an earlier run left"
                    + " them. Run the pipeline again.";
        }
        // a failed check of a table under the views skips them, but its table was rebuilt: the views read its new rows
        Set<String> checks = new HashSet<>();
        for (ActionDoc a : model.actions()) {
            if (a.type() == ActionType.ASSERTION && a.upstream().stream().anyMatch(under::contains)) checks.add(a.id());
        }
        List<String> notRun = new ArrayList<>();
        boolean failedCheck = false, underNotRun = false;
        for (ActionResult r : newest.actions()) { // a source's check changes no data
            boolean check = !under.contains(r.actionId()) && checks.contains(r.actionId()) && r.status() == ActionStatus.FAILED;
            if ((under.contains(r.actionId()) || check) && !r.status().letsDependentsRun() && !"declaration".equals(r.type())) {
                notRun.add(r.name() + " " + r.status().name().toLowerCase(Locale.ROOT));
                failedCheck |= check;
                underNotRun |= !check;
            }
        }
        // failed checks alone (ones reading the views, which ran before them) left the views as current as the run made them
        if (!underNotRun) return null;
        int shown = Math.min(notRun.size(), 4);
        String list = String.join(", ", notRun.subList(0, shown)) + (shown < notRun.size() ? " and " + (notRun.size() - shown) + " more" : "");
        return "The newest run, " + newest.summary().runId() + " (status " + newest.summary().status() + "), did not refresh what"
                + " the reporting views read: " + list + "." + (failedCheck
                        ? " A failed check undoes nothing: the table it checks stays as the run built it (a view it checks reads the"
                                + " current rows), so these figures include the rows that failed it, next to what the run did not build as"
                                + " an earlier run left it."
                        : " These figures come from the tables as an earlier run left them.");
    }

    /** The dashboard's figures; a view that cannot be read (e.g. a dropped table under it) is said in the page. */
    private static DashboardData dashboard(CompiledGraph graph, DocsModelBuilder.Warehouse w) {
        try {
            return DashboardData.load(w.engine(), reportingView(graph, w.names(), "profit_view"),
                    reportingView(graph, w.names(), "profit_matrix_view"));
        } catch (RuntimeException e) {
            String msg = String.valueOf(e.getMessage());
            return DashboardData.missing("The reporting views could not be read: " + msg.lines().findFirst().orElse(msg)
                    + " Run the pipeline again (porygon run), then the docs.");
        }
    }

    private static final String NO_REPORTING_VIEWS = "The dashboard charts The Look pipeline's reporting views (profit_view,"
            + " profit_matrix_view); this project has none.";

    private static boolean hasReportingViews(CompiledGraph graph) {
        String profitView = nameWritten(graph, "profit_view");
        return graph.runnableActions().anyMatch(a -> a.target().name().equals(profitView));
    }

    /** The warehouse name of a reporting view: the graph's action of that name, else the conventional schema. */
    private static Target reportingView(CompiledGraph graph, WarehouseNames names, String name) {
        Target conventional = graph.projectConfig().finalized(new Target(null, REPORTING_SCHEMA, name));
        Optional<Action> action = graph.runnableActions().filter(a -> a.target().name().equals(conventional.name()))
                .sorted((a, b) -> Boolean.compare(!conventional.schema().equals(a.target().schema()), !conventional.schema().equals(b.target().schema())))
                .findFirst();
        return action.map(a -> names.map(a.target())).orElse(conventional);
    }

    /** An action's name as the project writes it: with the name prefix of the settings or --table-prefix. */
    private static String nameWritten(CompiledGraph graph, String name) {
        return graph.projectConfig().finalized(new Target(null, null, name)).name();
    }
}
