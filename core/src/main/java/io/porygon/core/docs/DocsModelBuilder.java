package io.porygon.core.docs;

import io.porygon.core.engine.Engine;
import io.porygon.core.engine.ObjectKind;
import io.porygon.core.graph.Action;
import io.porygon.core.graph.ActionDescriptor;
import io.porygon.core.graph.ActionType;
import io.porygon.core.graph.AssertionAction;
import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.graph.DeclarationAction;
import io.porygon.core.graph.IncrementalStrategy;
import io.porygon.core.graph.OnSchemaChange;
import io.porygon.core.graph.OperationAction;
import io.porygon.core.graph.TableAction;
import io.porygon.core.graph.Target;
import io.porygon.core.graph.TestAction;
import io.porygon.core.lineage.ProjectLineage;
import io.porygon.core.run.ActionResult;
import io.porygon.core.run.Alert;
import io.porygon.core.run.RunAnomalies;
import io.porygon.core.run.RunStore;
import io.porygon.core.run.WarehouseNames;
import io.porygon.core.run.WarehouseRunStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Builds the {@link DocsModel} of a compiled graph, reading row counts and run history when a warehouse is given. */
public final class DocsModelBuilder {
    /** How many recent runs the history shows. */
    static final int RUNS_SHOWN = 10;

    private final CompiledGraph graph;
    private final TargetResolver resolver;

    public DocsModelBuilder(CompiledGraph graph) {
        this.graph = graph;
        this.resolver = new TargetResolver(graph.runnableActions().toList());
    }

    /**
     * @param warehouse the warehouse and how graph targets map to its names, when there is one
     */
    public DocsModel build(String projectName, Optional<Warehouse> warehouse) {
        List<Action> actions = graph.runnableActions().toList();
        List<DocsModel.Edge> edges = new ArrayList<>();
        Map<String, Set<String>> upstream = new LinkedHashMap<>();
        Map<String, Set<String>> downstream = new LinkedHashMap<>();
        Map<String, List<String>> builtin = new HashMap<>();
        Map<String, List<String>> custom = new HashMap<>();
        Set<String> assertionIds = new HashSet<>();
        for (Action a : actions) {
            if (a instanceof AssertionAction) assertionIds.add(id(a));
            upstream.put(id(a), new LinkedHashSet<>());
            downstream.put(id(a), new LinkedHashSet<>());
        }
        for (Action a : actions) {
            for (Target dep : a.dependencyTargets()) {
                resolver.resolve(dep).ifPresent(from -> {
                    edges.add(new DocsModel.Edge(from, id(a)));
                    if (a instanceof AssertionAction) return; // listed as assertions, not as neighbours
                    upstream.get(id(a)).add(from);
                    downstream.get(from).add(id(a));
                });
            }
            if (a instanceof AssertionAction as) {
                Optional<String> parent = as.parentAction() == null ? Optional.empty() : resolver.resolve(as.parentAction());
                if (parent.isPresent()) {
                    builtin.computeIfAbsent(parent.get(), k -> new ArrayList<>()).add(id(a));
                } else {
                    for (Target dep : as.dependencyTargets()) {
                        // an assertion it runs after is not what it checks: that one lists it as downstream
                        resolver.resolve(dep).ifPresent(t -> (assertionIds.contains(t) ? downstream.get(t)
                                : custom.computeIfAbsent(t, k -> new ArrayList<>())).add(id(a)));
                    }
                }
                // an assertion's own neighbours are the tables it reads
                for (Target dep : as.dependencyTargets()) resolver.resolve(dep).ifPresent(t -> upstream.get(id(a)).add(t));
            }
        }
        ProjectLineage lineage = new ProjectLineage(actions, resolver::resolveWritten, a -> warehouse.flatMap(w -> columns(w, a)));
        List<ActionDoc> docs = new ArrayList<>();
        for (Action a : actions) {
            ActionDescriptor d = descriptor(a);
            docs.add(new ActionDoc(id(a), a.target().name(), a.target().schema(), a.type(), layer(a), a.fileName(),
                    d.description(), a.tags(), d.columns(), sql(a), builtin.getOrDefault(id(a), List.of()),
                    custom.getOrDefault(id(a), List.of()), List.copyOf(upstream.get(id(a))), List.copyOf(downstream.get(id(a))),
                    a.disabled(), settings(a), warehouse.map(w -> rowCount(w, a)).orElse(null), lineage.of(id(a))));
        }
        RunHistory history = warehouse.map(w -> history(w.engine())).orElse(RunHistory.NONE);
        return new DocsModel(projectName, docs, edges, warehouse.map(Warehouse::description), history, tests(upstream, assertionIds));
    }

    /** The unit tests, each with its dataset and the inputs its rows stand for (what that dataset reads). */
    private List<UnitTestDoc> tests(Map<String, Set<String>> upstream, Set<String> assertionIds) {
        List<UnitTestDoc> out = new ArrayList<>();
        for (TestAction t : graph.tests()) {
            String tested = t.testedTarget() == null ? null : resolver.resolve(t.testedTarget()).orElse(null);
            // an assertion the dataset runs after (dependencies: [...]) is not read by its query: a test gives it no rows
            List<String> inputs = tested == null ? List.of() : upstream.get(tested).stream().filter(id -> !assertionIds.contains(id)).toList();
            out.add(new UnitTestDoc(t.name(), tested, t.testedTarget() == null ? null : t.testedTarget().name(), t.fileName(), inputs));
        }
        out.sort(java.util.Comparator.comparing(UnitTestDoc::name));
        return out;
    }

    /** A warehouse to read figures from; {@code names} maps graph targets to its tables. */
    public record Warehouse(Engine engine, WarehouseNames names, String description) {}

    static String id(Action a) {
        return a.target().qualifiedName();
    }

    private static ActionDescriptor descriptor(Action a) {
        ActionDescriptor d = null;
        if (a instanceof TableAction t) d = t.descriptor();
        else if (a instanceof OperationAction o) d = o.descriptor();
        else if (a instanceof AssertionAction as) d = as.descriptor();
        else if (a instanceof DeclarationAction dc) d = dc.descriptor();
        return d == null ? ActionDescriptor.EMPTY : d;
    }

    private Map<String, String> settings(Action a) {
        Map<String, String> s = new LinkedHashMap<>();
        if (a instanceof TableAction t) {
            if (!t.uniqueKey().isEmpty()) s.put("unique key", String.join(", ", t.uniqueKey()));
            if (t.type() == ActionType.INCREMENTAL) {
                // what an incremental run does with the new rows, as the planner decides it
                s.put("incremental run", t.incrementalStrategy() == IncrementalStrategy.INSERT_OVERWRITE
                        ? "replaces the partitions the new rows fall in" : t.uniqueKey().isEmpty() ? "appends the new rows"
                        : "merges the new rows on the unique key");
                s.put("on schema change", Objects.requireNonNullElse(t.onSchemaChange(), OnSchemaChange.IGNORE).name());
            }
            if (t.bigquery() != null && t.bigquery().partitionBy() != null) s.put("partition by", t.bigquery().partitionBy());
            if (t.bigquery() != null && !t.bigquery().clusterBy().isEmpty()) s.put("cluster by", String.join(", ", t.bigquery().clusterBy()));
            if (t.bigquery() != null && t.bigquery().updatePartitionFilter() != null) {
                s.put("update partition filter", t.bigquery().updatePartitionFilter());
            }
            if (t.isProtected()) s.put("protected", "yes: never rebuilt by --full-refresh");
        } else if (a instanceof AssertionAction as && as.parentAction() != null) {
            // the checked table's id, which the page links to its card
            s.put("checks", resolver.resolve(as.parentAction()).orElse(as.parentAction().qualifiedName()));
        }
        return s;
    }

    /**
     * definitions/sources/users.sqlx is in layer "sources"; a file directly under definitions/ falls back to the schema,
     * a built-in assertion to its table's (not the assertions dataset), so that it stays with its table.
     */
    static String layer(Action a) {
        String f = a.fileName() == null ? "" : a.fileName().replace('\\', '/');
        String[] parts = f.split("/");
        if (parts.length >= 3 && parts[0].equals("definitions")) return parts[1];
        Target owner = a instanceof AssertionAction as && as.parentAction() != null ? as.parentAction() : a.target();
        return owner.schema() == null ? "(default)" : owner.schema();
    }

    private static List<ActionDoc.SqlSection> sql(Action a) {
        List<ActionDoc.SqlSection> s = new ArrayList<>();
        if (a instanceof TableAction t) {
            t.preOps().forEach(q -> s.add(new ActionDoc.SqlSection("pre-operation", q)));
            if (t.query() != null) s.add(new ActionDoc.SqlSection("query", t.query()));
            t.postOps().forEach(q -> s.add(new ActionDoc.SqlSection("post-operation", q)));
            if (t.type() == ActionType.INCREMENTAL) { // what an incremental run sends instead, where it differs
                if (!t.incrementalPreOps().equals(t.preOps())) {
                    t.incrementalPreOps().forEach(q -> s.add(new ActionDoc.SqlSection("incremental pre-operation", q)));
                }
                if (t.query() != null && !t.incrementalSelect().equals(t.query())) {
                    s.add(new ActionDoc.SqlSection("incremental query", t.incrementalSelect()));
                }
                if (!t.incrementalPostOps().equals(t.postOps())) {
                    t.incrementalPostOps().forEach(q -> s.add(new ActionDoc.SqlSection("incremental post-operation", q)));
                }
            }
        } else if (a instanceof OperationAction o) {
            o.queries().stream().filter(q -> !q.isBlank()).forEach(q -> s.add(new ActionDoc.SqlSection("statement", q)));
        } else if (a instanceof AssertionAction as) {
            s.add(new ActionDoc.SqlSection("query", as.query()));
        }
        return s;
    }

    /** Rows of a table or source; views are not counted since that would run their query. */
    private static Long rowCount(Warehouse w, Action a) {
        if (a instanceof AssertionAction || a.type() == ActionType.VIEW) return null;
        Target mapped = w.names().map(a.target());
        try {
            return w.engine().kind(mapped) == ObjectKind.TABLE ? w.engine().rowCount(mapped) : null;
        } catch (RuntimeException e) {
            return null; // a docs page must not fail on one unreadable table
        }
    }

    /** The column names of an action's table or view in the warehouse, through the Engine SPI; empty when it has none. */
    private static Optional<List<String>> columns(Warehouse w, Action a) {
        Target mapped = w.names().map(a.target());
        try {
            if (!w.engine().exists(mapped)) return Optional.empty();
            List<String> names = w.engine().columns(mapped).stream().map(io.porygon.core.engine.Column::name).toList();
            return names.isEmpty() ? Optional.empty() : Optional.of(names);
        } catch (RuntimeException e) {
            return Optional.empty(); // a docs page must not fail on one unreadable table
        }
    }

    private static RunHistory history(Engine engine) {
        RunStore store = new WarehouseRunStore(engine);
        List<RunHistory.Run> runs = new ArrayList<>();
        for (RunStore.RunSummary r : store.recentRuns(RUNS_SHOWN)) {
            List<ActionResult> actions = store.actions(r.runId());
            runs.add(new RunHistory.Run(r, actions));
        }
        // as `porygon run` finds them: the newest run that recorded its actions against the runs before it
        RunHistory.Run newest = runs.stream().filter(r -> !r.actions().isEmpty()).findFirst().orElse(null);
        List<Alert> alerts = newest == null ? List.of()
                : RunAnomalies.of(newest.actions(), store.actionsOfRunsBefore(newest.summary().runId(), RunAnomalies.RECENT_RUNS));
        return new RunHistory(runs, alerts);
    }

    /**
     * Finds the action a dependency names: exactly, else by schema and name, else by a unique name
     * (declarations may carry a project the reference leaves out).
     */
    static final class TargetResolver {
        private final Map<Target, String> exact = new HashMap<>();
        private final Map<String, String> bySchemaName = new HashMap<>();
        private final Map<String, List<String>> byName = new HashMap<>();

        TargetResolver(List<Action> actions) {
            for (Action a : actions) {
                exact.put(a.target(), id(a));
                bySchemaName.putIfAbsent(a.target().schema() + "." + a.target().name(), id(a));
                byName.computeIfAbsent(a.target().name(), k -> new ArrayList<>()).add(id(a));
            }
        }

        Optional<String> resolve(Target t) {
            String id = exact.get(t);
            if (id == null && t.schema() != null) id = bySchemaName.get(t.schema() + "." + t.name());
            if (id == null) {
                List<String> named = byName.getOrDefault(t.name(), List.of());
                if (named.size() == 1) id = named.get(0);
            }
            return Optional.ofNullable(id);
        }

        /**
         * A table as a query writes it: as {@link #resolve}, but a name that says its dataset is never another dataset's
         * action of that name ({@code archive.orders} is not the project's {@code shop.orders}), whose columns it would
         * then be said to read.
         */
        Optional<String> resolveWritten(Target t) {
            return resolve(t).filter(id -> t.schema() == null || bySchemaName.containsKey(t.schema() + "." + t.name()));
        }
    }
}
