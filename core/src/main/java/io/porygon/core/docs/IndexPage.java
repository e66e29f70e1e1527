package io.porygon.core.docs;

import static io.porygon.core.docs.Html.anchor;
import static io.porygon.core.docs.Html.esc;
import static io.porygon.core.run.RunStore.RunSummary.count;

import io.porygon.core.graph.ActionType;
import io.porygon.core.run.ActionResult;
import io.porygon.core.run.ActionStatus;
import io.porygon.core.run.Alert;
import io.porygon.core.run.RunStore.RunSummary;
import io.porygon.core.run.WarehouseRunStore;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Renders index.html: lineage, every action grouped by layer and type, and the run history. */
final class IndexPage {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    /** Order of the types inside a layer: what is read before what reads it. */
    private static final List<ActionType> TYPE_ORDER = List.of(ActionType.DECLARATION, ActionType.TABLE, ActionType.INCREMENTAL,
            ActionType.VIEW, ActionType.OPERATIONS, ActionType.ASSERTION);

    private final DocsModel model;
    private final Map<String, ActionDoc> byId;
    private final Map<String, ActionResult> lastOutcome = new HashMap<>();

    IndexPage(DocsModel model) {
        this.model = model;
        this.byId = model.byId();
        if (!model.history().runs().isEmpty()) {
            // the newest outcome of each action, looking back through the runs
            for (RunHistory.Run run : model.history().runs()) {
                for (ActionResult a : run.actions()) lastOutcome.putIfAbsent(a.actionId(), a);
            }
        }
    }

    String render(LineageLayout.Layout lineage) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(model.projectName())).append("</h1>\n<p class=\"muted\">").append(summary()).append("</p>\n");
        b.append("<h2 id=\"lineage\">Lineage</h2>\n");
        if (lineage.nodes().isEmpty()) { // an empty box and a legend of nothing would look like a drawing that failed
            b.append("<p class=\"muted\">Nothing to draw: the project has no table, view, incremental table, declaration or operation.</p>\n");
        } else {
            b.append("<div class=\"lineage\">").append(LineageSvg.render(lineage, byId)).append("</div>\n").append(LineageSvg.legend());
        }
        b.append("<p class=\"muted\">Machine-readable: <a href=\"lineage.json\">lineage.json</a> (nodes and edges).</p>\n");
        Map<String, Map<ActionType, List<ActionDoc>>> groups = groups();
        if (!groups.isEmpty()) b.append("<h2>Contents</h2>\n");
        for (var layer : groups.entrySet()) {
            b.append("<h3>").append(esc(layer.getKey())).append("</h3>\n<ul class=\"toc\">");
            for (var type : layer.getValue().entrySet()) {
                if (type.getKey() == ActionType.ASSERTION) {
                    // assertion names are long and many: one entry pointing at their group
                    int n = type.getValue().size();
                    b.append("<li><a href=\"#").append(esc(groupAnchor(layer.getKey(), type.getKey()))).append("\">").append(n)
                            .append(n == 1 ? " assertion" : " assertions").append("</a></li>");
                    continue;
                }
                for (ActionDoc a : type.getValue()) {
                    b.append("<li>").append(link(a.id())).append(" <span class=\"type ").append(type.getKey().jsonName()).append("\">")
                            .append(type.getKey().jsonName()).append("</span></li>");
                }
            }
            b.append("</ul>\n");
        }
        if (!model.tests().isEmpty()) b.append("<p><a href=\"#tests\">").append(model.tests().size()).append(" unit ")
                .append(Html.plural("test", model.tests().size())).append("</a></p>\n");
        if (!model.history().runs().isEmpty()) b.append(runHistory());
        else if (model.warehouse().isPresent()) {
            b.append("<h2 id=\"runs\">Run history</h2>\n<p class=\"muted\">No runs recorded in this warehouse yet:"
                    + " each <code>porygon run</code> records its actions here.</p>\n");
        }
        if (!model.tests().isEmpty()) b.append(unitTests());
        for (var layer : groups.entrySet()) {
            b.append("<h2>Layer: ").append(esc(layer.getKey())).append("</h2>\n");
            for (var type : layer.getValue().entrySet()) {
                b.append("<h3 id=\"").append(esc(groupAnchor(layer.getKey(), type.getKey()))).append("\">").append(Html.plural(type.getKey().jsonName(), type.getValue().size())).append("</h3>\n");
                for (ActionDoc a : type.getValue()) b.append(card(a));
            }
        }
        String nav = "<a class=\"current\" href=\"index.html\">Docs</a><a href=\"dashboard.html\">Dashboard</a>";
        return Html.page(model.projectName() + " — docs", nav, b.toString());
    }

    private static String groupAnchor(String layer, ActionType type) {
        return "g-" + Html.idSafe(layer) + "-" + type.jsonName();
    }

    private String summary() {
        Map<ActionType, Integer> counts = new TreeMap<>();
        for (ActionDoc a : model.actions()) counts.merge(a.type(), 1, Integer::sum);
        List<String> parts = new ArrayList<>();
        counts.forEach((t, n) -> parts.add(n + " " + Html.plural(t.jsonName(), n)));
        String warehouse = model.warehouse().map(w -> "Figures from the warehouse " + esc(w) + ".")
                .orElse("No warehouse: row counts and run history are left out.");
        // an empty project says so rather than opening its summary with a bare "."
        String actions = parts.isEmpty() ? "No actions: the project defines none under definitions/" : String.join(", ", parts);
        return esc(actions) + ". " + warehouse;
    }

    /** layer → type → actions, layers in pipeline order (by their mean lineage depth), names sorted. */
    private Map<String, Map<ActionType, List<ActionDoc>>> groups() {
        Map<String, Map<ActionType, List<ActionDoc>>> raw = new HashMap<>();
        for (ActionDoc a : model.actions()) {
            raw.computeIfAbsent(a.layer(), k -> new TreeMap<>(Comparator.comparingInt(TYPE_ORDER::indexOf)))
                    .computeIfAbsent(a.type(), k -> new ArrayList<>()).add(a);
        }
        Map<String, Double> depth = meanDepth();
        List<String> layers = new ArrayList<>(raw.keySet());
        layers.sort(Comparator.comparingDouble((String l) -> depth.getOrDefault(l, 0.0)).thenComparing(l -> l));
        Map<String, Map<ActionType, List<ActionDoc>>> out = new LinkedHashMap<>();
        for (String l : layers) {
            Map<ActionType, List<ActionDoc>> types = raw.get(l);
            types.values().forEach(list -> list.sort(Comparator.comparing(ActionDoc::name).thenComparing(ActionDoc::id)));
            out.put(l, types);
        }
        return out;
    }

    private Map<String, Double> meanDepth() {
        List<String> ids = model.actions().stream().map(ActionDoc::id).toList();
        Map<String, List<String>> up = new HashMap<>();
        Map<String, List<String>> down = new HashMap<>();
        for (String id : ids) {
            up.put(id, new ArrayList<>());
            down.put(id, new ArrayList<>());
        }
        for (DocsModel.Edge e : model.edges()) {
            up.get(e.to()).add(e.from());
            down.get(e.from()).add(e.to());
        }
        Map<String, Integer> col = LineageLayout.longestPathColumns(ids, up, down);
        Map<String, double[]> sums = new HashMap<>();
        for (ActionDoc a : model.actions()) {
            double[] s = sums.computeIfAbsent(a.layer(), k -> new double[2]);
            s[0] += col.get(a.id());
            s[1]++;
        }
        Map<String, Double> mean = new HashMap<>();
        sums.forEach((k, s) -> mean.put(k, s[0] / s[1]));
        return mean;
    }

    private String card(ActionDoc a) {
        StringBuilder b = new StringBuilder();
        b.append("<div class=\"card\" id=\"").append(esc(anchor(a.id()))).append("\">\n<h4>").append(esc(a.name()))
                .append(" <span class=\"type ").append(a.type().jsonName()).append("\">").append(a.type().jsonName()).append("</span>")
                .append(a.disabled() ? " <span class=\"muted\">(disabled)</span>" : "").append("</h4>\n");
        b.append("<div class=\"muted\"><code>").append(esc(a.id())).append("</code>");
        if (a.fileName() != null) b.append(" · defined in <code>").append(esc(a.fileName())).append("</code>");
        if (a.rowCount() != null) b.append(" · ").append(rows(a.rowCount()));
        b.append("</div>\n");
        // a setting naming an action (what a built-in assertion checks) links to its card
        a.settings().forEach((k, v) -> b.append("<div>").append(esc(k)).append(": ")
                .append(byId.containsKey(v) ? link(v) : "<code>" + esc(v) + "</code>").append("</div>\n"));
        if (a.description() != null && !a.description().isBlank()) b.append("<p>").append(esc(a.description())).append("</p>\n");
        if (!a.tags().isEmpty()) {
            b.append("<p>");
            for (String t : a.tags()) b.append("<span class=\"tag\">").append(esc(t)).append("</span>");
            b.append("</p>\n");
        }
        ActionResult last = lastOutcome.get(a.id());
        if (last != null) {
            b.append("<p>Last run: <span class=\"status-").append(last.status().name()).append("\">").append(last.status().name())
                    .append("</span>");
            if (last.startedAt() != null) b.append(" at ").append(TIME.format(last.startedAt())).append(" UTC");
            b.append(", ").append(Html.duration(last.duration().toMillis()));
            if (last.rowsWritten() >= 0) b.append(", ").append(rows(last.rowsWritten())).append(" written");
            if (a.type() == ActionType.ASSERTION && last.failingRows() > 0) b.append(", ").append(Html.count(last.failingRows())).append(" failing ").append(last.failingRows() == 1 ? "row" : "rows");
            b.append("</p>\n");
            if (last.error() != null) {
                b.append("<pre>").append(esc(last.error()));
                for (String row : last.sampleRows()) b.append('\n').append(esc(row)); // an assertion's first failing rows
                b.append("</pre>\n");
            }
        }
        neighbours(b, "Upstream", a.upstream());
        neighbours(b, "Downstream", a.downstream());
        assertions(b, "Built-in assertions", a.builtinAssertions());
        assertions(b, "Custom assertions", a.customAssertions());
        List<UnitTestDoc> tests = model.tests().stream().filter(t -> a.id().equals(t.testedId())).toList();
        if (!tests.isEmpty()) {
            b.append("<div>Unit tests: ");
            for (int i = 0; i < tests.size(); i++) {
                b.append(i > 0 ? ", " : "").append("<a href=\"#").append(esc(testAnchor(tests.get(i)))).append("\">")
                        .append(esc(tests.get(i).name())).append("</a>");
            }
            b.append("</div>\n");
        }
        b.append(new ColumnTable(byId).render(a));
        for (ActionDoc.SqlSection s : a.sql()) {
            b.append("<details><summary>Compiled SQL: ").append(esc(s.label())).append("</summary><pre>").append(esc(s.sql().strip()))
                    .append("</pre></details>\n");
        }
        return b.append("</div>\n").toString();
    }

    private void neighbours(StringBuilder b, String label, List<String> ids) {
        links(b, label, ids, id -> "");
    }

    /** Assertions with the outcome of their latest run, so that a failed check shows on the card of the table it checks. */
    private void assertions(StringBuilder b, String label, List<String> ids) {
        links(b, label, ids, id -> {
            ActionResult last = lastOutcome.get(id);
            return last == null ? "" : " <span class=\"status-" + last.status().name() + "\">(" + outcome(last) + ")</span>";
        });
    }

    /** A labelled list of links to actions, each followed by {@code after} of its id. */
    private void links(StringBuilder b, String label, List<String> ids, Function<String, String> after) {
        if (ids.isEmpty()) return;
        b.append("<div>").append(label).append(": ");
        for (int i = 0; i < ids.size(); i++) {
            if (i > 0) b.append(", ");
            b.append(link(ids.get(i))).append(after.apply(ids.get(i)));
        }
        b.append("</div>\n");
    }

    private String link(String id) {
        ActionDoc a = byId.get(id);
        String text = a == null ? id : a.schema() == null ? a.name() : a.schema() + "." + a.name();
        return "<a href=\"#" + esc(anchor(id)) + "\">" + esc(text) + "</a>";
    }

    /** Runs, timings of the newest run, and each assertion's outcome over the runs (data-quality history). */
    private String runHistory() {
        List<RunHistory.Run> runs = model.history().runs();
        StringBuilder b = new StringBuilder("<h2 id=\"runs\">Run history</h2>\n<table><tr><th>run</th><th>started (UTC)</th>"
                + "<th class=\"num\">time</th><th>status</th><th class=\"num\">ok</th><th class=\"num\">failed</th>"
                + "<th class=\"num\">skipped</th><th class=\"num\">cancelled</th><th class=\"num\">disabled</th><th>command</th></tr>\n");
        for (RunHistory.Run r : runs) {
            RunSummary s = r.summary();
            b.append("<tr><td><code>").append(esc(s.runId())).append("</code></td><td>").append(started(s))
                    .append("</td><td class=\"num\">").append(s.took().map(d -> Html.duration(d.toMillis())).orElse("?"))
                    .append("</td><td>").append(esc(s.status())).append("</td><td class=\"num\">").append(count(s.succeeded()))
                    .append("</td><td class=\"num\">").append(count(s.failed())).append("</td><td class=\"num\">").append(count(s.skipped()))
                    .append("</td><td class=\"num\">").append(count(s.cancelled())).append("</td><td class=\"num\">").append(count(s.disabled()))
                    .append("</td><td><code>").append(esc(Objects.toString(s.command(), ""))).append("</code></td></tr>\n");
        }
        b.append("</table>\n");

        // An aborted run (killed) recorded no actions: its timings table would be empty, so the timings are
        // those of the newest run that recorded its actions, and the page says why.
        RunHistory.Run newest = runs.stream().filter(r -> !aborted(r)).findFirst().orElse(null);
        if (newest == null) { // the first run of the warehouse killed, say: no run has timings to show
            b.append("<p class=\"muted\">No timings: every run listed was killed before it recorded its actions: ")
                    .append(esc(labels(runs.stream())))
                    .append(".</p>\n");
        } else {
            timings(b, runs, newest);
        }

        Set<String> assertions = new LinkedHashSet<>();
        for (RunHistory.Run r : runs) for (ActionResult a : r.actions()) if ("assertion".equals(a.type())) assertions.add(a.actionId());
        if (!assertions.isEmpty()) {
            b.append("<h3>Data quality: assertions ").append(runs.size() == 1 ? "in the last run" : "over the last " + runs.size() + " runs (newest first)")
                    .append("</h3>\n<table><tr><th>assertion</th>");
            List<String> headers = runHeaders(runs);
            for (int i = 0; i < runs.size(); i++) {
                RunSummary r = runs.get(i).summary();
                b.append("<th title=\"").append(esc("run " + r.runId() + ", started " + started(r) + " UTC"))
                        .append("\">").append(esc(headers.get(i))).append("</th>");
            }
            b.append("</tr>\n");
            List<String> sorted = new ArrayList<>(assertions);
            sorted.sort(Comparator.naturalOrder());
            for (String id : sorted) {
                b.append("<tr><td>").append(byId.containsKey(id) ? link(id) : esc(id)).append("</td>");
                for (RunHistory.Run r : runs) {
                    ActionResult res = r.actions().stream().filter(x -> x.actionId().equals(id)).findFirst().orElse(null);
                    if (res == null) b.append("<td></td>");
                    else b.append("<td class=\"status-").append(res.status().name()).append("\" title=\"")
                            .append(esc(res.error() == null ? res.status().name() : res.error())).append("\">")
                            .append(outcome(res)).append("</td>");
                }
                b.append("</tr>\n");
            }
            b.append("</table>\n");
        }
        return b.toString();
    }

    /** Each run as its id and status: "20261129-... (ABORTED), ...". */
    private static String labels(Stream<RunHistory.Run> runs) {
        return runs.map(r -> r.summary().runId() + " (" + r.summary().status() + ")").collect(Collectors.joining(", "));
    }

    /** The timings of {@code newest}, the newest run that recorded its actions, slowest first. */
    private void timings(StringBuilder b, List<RunHistory.Run> runs, RunHistory.Run newest) {
        List<ActionResult> timed = new ArrayList<>(newest.actions());
        timed.sort(Comparator.comparing(ActionResult::duration).reversed());
        long slowest = timed.isEmpty() ? 1 : Math.max(1, timed.get(0).duration().toMillis());
        String skipped = labels(runs.stream().takeWhile(r -> r != newest));
        b.append("<h3>Timings of the newest run (").append(esc(newest.summary().runId())).append("), slowest first</h3>\n");
        if (!skipped.isEmpty()) {
            b.append("<p class=\"muted\">A newer run killed before it recorded its actions has no timings: ").append(esc(skipped))
                    .append(".</p>\n");
        }
        List<Alert> alerts = model.history().alerts();
        if (!alerts.isEmpty()) {
            b.append("<p class=\"status-FAILED\">Alerts: rows or time far outside the recent runs of the same step.</p>\n<ul>\n");
            for (Alert a : alerts) b.append("<li><code>").append(esc(a.action())).append("</code>: ").append(esc(a.message())).append("</li>\n");
            b.append("</ul>\n");
        }
        b.append("<table><tr><th>action</th><th>step</th><th>status</th><th class=\"num\">time</th><th></th>")
                .append("<th class=\"num\">rows written</th><th class=\"num\">failing rows</th></tr>\n");
        for (ActionResult a : timed) {
            long ms = a.duration().toMillis();
            b.append("<tr><td>").append(byId.containsKey(a.actionId()) ? link(a.actionId()) : esc(a.name())).append("</td><td>")
                    .append(esc(a.stepLabel())).append("</td><td class=\"status-").append(a.status().name()).append("\">").append(a.status().name())
                    .append("</td><td class=\"num\">").append(Html.duration(ms)).append("</td><td style=\"width:160px\"><div class=\"bar\" style=\"width:")
                    .append(Math.max(1, ms * 150 / slowest)).append("px\"></div></td><td class=\"num\">")
                    .append(a.rowsWritten() < 0 ? "" : Html.count(a.rowsWritten())).append("</td><td class=\"num\">")
                    .append(a.failingRows() > 0 ? Html.count(a.failingRows()) : "").append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static boolean aborted(RunHistory.Run r) {
        return r.actions().isEmpty() && WarehouseRunStore.ABORTED.equals(r.summary().status());
    }

    /** The unit tests: each with the dataset it tests, its file and the inputs it gives rows for. */
    private String unitTests() {
        StringBuilder b = new StringBuilder("<h2 id=\"tests\">Unit tests</h2>\n<p class=\"muted\">Run by <code>porygon test</code>:"
                + " each runs its dataset's query on the rows it gives for the inputs and compares the result with the rows it expects.</p>\n"
                + "<table><tr><th>test</th><th>tests</th><th>file</th><th>inputs</th></tr>\n");
        for (UnitTestDoc t : model.tests()) {
            b.append("<tr id=\"").append(esc(testAnchor(t))).append("\"><td>").append(esc(t.name())).append("</td><td>")
                    .append(t.testedId() != null ? link(t.testedId()) : esc(t.tested())).append("</td><td><code>").append(esc(t.fileName()))
                    .append("</code></td><td>");
            for (int i = 0; i < t.inputs().size(); i++) b.append(i > 0 ? ", " : "").append(link(t.inputs().get(i)));
            b.append("</td></tr>\n");
        }
        return b.append("</table>\n").toString();
    }

    private static String testAnchor(UnitTestDoc t) {
        return "t-" + Html.idSafe(t.name());
    }

    /** An assertion's cell: pass, fail (rows returned), error (its query did not run), or the status. */
    static String outcome(ActionResult res) {
        if (res.status() == ActionStatus.SUCCEEDED) return "pass";
        if (res.status() == ActionStatus.FAILED) return res.failingRows() > 0 ? "fail (" + Html.count(res.failingRows()) + ")" : "error";
        return res.status().name().toLowerCase(Locale.ROOT);
    }

    /**
     * A column header per run: its start to the second, with the run id added where two runs
     * started in the same second, so that no two headers read alike.
     */
    static List<String> runHeaders(List<RunHistory.Run> runs) {
        List<String> times = runs.stream().map(r -> started(r.summary()).replaceFirst("^\\d{4}-", "")).toList();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            String t = times.get(i);
            out.add(times.indexOf(t) == times.lastIndexOf(t) ? t : t + " · " + runs.get(i).summary().runId());
        }
        return out;
    }

    /** A run's start to the second; "?" for a row edited by hand without one. */
    private static String started(RunSummary r) {
        return r.startedAt() == null ? "?" : TIME.format(r.startedAt());
    }

    private static String rows(long n) {
        return Html.count(n) + (n == 1 ? " row" : " rows");
    }
}
