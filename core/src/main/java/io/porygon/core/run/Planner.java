package io.porygon.core.run;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.engine.ObjectKind;
import io.porygon.core.graph.Action;
import io.porygon.core.graph.ActionType;
import io.porygon.core.graph.AssertionAction;
import io.porygon.core.graph.BigQueryOptions;
import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.graph.DeclarationAction;
import io.porygon.core.graph.IncrementalStrategy;
import io.porygon.core.graph.OperationAction;
import io.porygon.core.graph.SettingsFile;
import io.porygon.core.graph.StatementLines;
import io.porygon.core.graph.TableAction;
import io.porygon.core.graph.Target;
import io.porygon.core.graph.TestAction;
import io.porygon.core.sql.ScriptProgram;
import io.porygon.core.sql.ScriptScope;
import io.porygon.core.sql.ScriptTranslation;
import io.porygon.core.sql.Translator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a compiled graph into an {@link ExecutionPlan}: selects actions ({@link ActionSelection}), orders them, decides how
 * each one runs (incremental or not, given what the warehouse holds) and translates its SQL.
 * Every translation problem is reported at once.
 */
public final class Planner {

    /** What the warehouse currently holds under a (mapped) name. */
    @FunctionalInterface
    public interface WarehouseState {
        ObjectKind kind(Target warehouseTarget);
    }

    /** How many actions an error about many names, before "and N more". */
    private static final int MAX_LISTED = 5;

    private final WarehouseNames names;
    private final Translator translator;
    private final WarehouseState state;

    public Planner(WarehouseNames names, Translator translator, WarehouseState state) {
        this.names = names;
        this.translator = translator;
        this.state = state;
    }

    public ExecutionPlan plan(CompiledGraph graph, RunOptions options) {
        List<Action> all = graph.runnableActions().toList();
        names.register(all);
        Resolver resolver = new Resolver(all);
        Map<String, Action> byId = new LinkedHashMap<>();
        for (Action a : all) byId.put(id(a), a);

        Map<String, Set<String>> directUpstream = new HashMap<>();
        for (Action a : all) directUpstream.put(id(a), resolver.resolveAll(a.dependencyTargets()));

        Set<String> selected = ActionSelection.select(all, graph.tests().stream().map(TestAction::name).toList(), options, directUpstream);
        Map<String, Set<String>> upstream = upstreamWithinSelection(selected, byId, directUpstream, resolver);
        List<String> order = topologicalOrder(selected, byId, upstream);

        // The warehouse is asked first, on this thread (engines need not be thread-safe); then the
        // actions are translated in parallel, which shortens a cold start (the parser is still
        // interpreted by the JVM then). Results and problems keep the plan's order.
        List<PorygonException> misplaced = new ArrayList<>();
        List<Action> withoutDataset = order.stream().map(byId::get).filter(this::hasNoDataset).toList();
        if (!withoutDataset.isEmpty()) misplaced.add(noDataset(withoutDataset, graph.projectConfig().settingsFile()));
        for (String id : order) {
            PorygonException problem = inRunHistorysDataset(byId.get(id));
            if (problem != null) misplaced.add(problem);
        }
        if (!misplaced.isEmpty()) throw PlanException.of(misplaced);
        Set<String> readByOperations = new HashSet<>();
        for (String id : order) {
            if (byId.get(id) instanceof OperationAction && !byId.get(id).disabled()) readByOperations.addAll(upstream.get(id));
        }
        Map<String, ObjectKind> incrementalKinds = new HashMap<>();
        for (String id : order) {
            if (byId.get(id) instanceof TableAction t && t.type() == ActionType.INCREMENTAL && !t.disabled()) {
                Target mapped = names.map(t.target());
                incrementalKinds.put(id, state.kind(mapped));
            }
        }
        Map<String, List<String>> unbuilt = unbuiltUpstream(order, selected, byId, directUpstream);
        List<Object> outcomes = order.parallelStream().map(id -> {
            try {
                return (Object) planOne(byId.get(id), upstream.get(id), options, incrementalKinds.get(id), readByOperations.contains(id),
                        checksAView(byId.get(id), byId, resolver));
            } catch (PorygonException e) {
                return e;
            }
        }).toList();
        List<PorygonException> problems = new ArrayList<>();
        List<PlannedAction> planned = new ArrayList<>();
        for (Object o : outcomes) {
            if (o instanceof PorygonException e) problems.add(e);
            else planned.add(noteUnbuilt(noteDisabledUpstream((PlannedAction) o, byId), unbuilt));
        }
        if (!problems.isEmpty()) throw PlanException.of(problems);
        return new ExecutionPlan(planned, options.fullRefresh());
    }

    /** A disabled action is not built: what reads it finds the table a previous run left, or none (then its error says so). */
    private static PlannedAction noteDisabledUpstream(PlannedAction p, Map<String, Action> byId) {
        if (p.step() == Step.DISABLED) return p;
        List<String> disabled = p.upstream().stream().map(byId::get)
                .filter(a -> a.disabled() && !(a instanceof AssertionAction))
                .map(a -> a.target().schemaAndName())
                .sorted().toList();
        if (disabled.isEmpty()) return p;
        return p.withNote("depends on " + String.join(", ", disabled) + (disabled.size() == 1 ? ", which is" : ", which are")
                + " disabled (disabled: true) and not built by this run");
    }

    /**
     * By action, the tables and views it depends on that the selection leaves out and the warehouse does not hold yet
     * (asked on this thread): a first run of {@code --actions} of a downstream model, whose reads then fail.
     */
    private Map<String, List<String>> unbuiltUpstream(List<String> order, Set<String> selected, Map<String, Action> byId,
            Map<String, Set<String>> directUpstream) {
        Map<String, List<String>> unbuilt = new HashMap<>();
        Map<String, Boolean> held = new HashMap<>();
        for (String id : order) {
            if (byId.get(id).disabled() || byId.get(id) instanceof DeclarationAction) continue;
            for (String up : directUpstream.get(id)) {
                if (selected.contains(up) || !(byId.get(up) instanceof TableAction t) || t.disabled()) continue;
                if (!held.computeIfAbsent(up, u -> state.kind(names.map(t.target())) != ObjectKind.NONE)) {
                    unbuilt.computeIfAbsent(id, k -> new ArrayList<>()).add(t.target().schemaAndName());
                }
            }
        }
        return unbuilt;
    }

    private static PlannedAction noteUnbuilt(PlannedAction p, Map<String, List<String>> unbuilt) {
        List<String> missing = unbuilt.getOrDefault(p.id(), List.of()).stream().sorted().toList();
        if (missing.isEmpty()) return p;
        return p.withNote("depends on " + String.join(", ", missing) + (missing.size() == 1 ? ", which is" : ", which are")
                + " not in this run and not in the warehouse yet: add --include-deps to build " + (missing.size() == 1 ? "it" : "them") + " first");
    }

    /** Whether the action is a built-in assertion of a view (not one built as a table). */
    private static boolean checksAView(Action action, Map<String, Action> byId, Resolver resolver) {
        if (!(action instanceof AssertionAction a) || a.parentAction() == null) return false;
        String parent = resolver.resolve(a.parentAction());
        return parent != null && byId.get(parent) instanceof TableAction t && t.type() == ActionType.VIEW && !t.materialized();
    }

    /** Whether the action's target names no dataset: Dataform compiles that, but no warehouse takes it. */
    private boolean hasNoDataset(Action action) {
        String schema = names.map(action.target()).schema();
        return schema == null || schema.isBlank();
    }

    /**
     * The error of actions without a dataset, at the settings file the project's settings came from: a target lacks
     * one only when the settings set no default dataset, which is where one line fixes them all.
     */
    private static PorygonException noDataset(List<Action> actions, SettingsFile settings) {
        int n = actions.size();
        List<String> named = actions.stream().limit(MAX_LISTED).map(a -> a.target().name() + " (" + a.fileName() + ")").toList();
        String more = n > MAX_LISTED ? " and " + (n - MAX_LISTED) + " more" : "";
        return new PorygonException(new SourceLocation(settings.fileName(), 1, 0), (n == 1 ? "1 action has" : n + " actions have")
                + " no dataset: " + settings.fileName() + " sets no " + settings.datasetKey() + ", and " + (n == 1 ? "its config" : "their configs")
                + " no schema: " + String.join(", ", named) + more,
                "add " + settings.datasetExample() + " to " + settings.fileName() + ", or schema: to each config block");
    }

    /** Why the action cannot be written where it is, or null: the run history's dataset is Porygon's (writing there would break every later run). */
    private PorygonException inRunHistorysDataset(Action action) {
        String schema = names.map(action.target()).schema();
        if (action instanceof DeclarationAction || schema == null || !schema.equalsIgnoreCase(WarehouseRunStore.SCHEMA)) return null;
        return new PorygonException(placeOf(action), "dataset " + WarehouseRunStore.SCHEMA + " holds Porygon's run history; "
                + action.target().name() + " cannot be written there", "give the action another schema in its config block");
    }

    /** A query of comments only would reach the warehouse as nothing, whose errors make no sense. */
    private static void rejectEmpty(Action action, String sql, String whatItIsFor) {
        if (!sql.isBlank()) return;
        throw new PorygonException(placeOf(action), action.target().name() + " has no query",
                "write the SELECT the " + whatItIsFor + " after the config block");
    }

    /** Where an action is written: the line its SQL starts on (the first line when none is known). */
    static SourceLocation placeOf(Action action) {
        return new SourceLocation(action.fileName(), Math.max(action.sqlStartLine(), 1), 0);
    }

    /** Translates a unit test's query of the model it tests, or its expected rows: one statement each, as a run takes it. */
    public String translate(TestAction test, String googleSql) {
        SourceLocation at = new SourceLocation(test.fileName(), test.sqlStartLine(), 0);
        return translator.translateQuery(names.rewriteReferences(googleSql), at, ScriptScope.EMPTY).sql();
    }

    static String id(Action a) {
        return a.target().qualifiedName();
    }

    // ---- ordering ----

    /**
     * Dependencies inside the selection, plus two kinds Porygon adds. So that a failing assertion can
     * skip the dependents of the table it checks, whoever depends on a table waits for its assertions
     * (unless that assertion itself depends on them, which would be a cycle); assertions never wait
     * for other assertions: every check of a table runs and reports, whatever the others found. And
     * a source is checked only once the operations that may create it have run.
     */
    private static Map<String, Set<String>> upstreamWithinSelection(
            Set<String> selected, Map<String, Action> byId, Map<String, Set<String>> direct, Resolver resolver) {
        Map<String, Set<String>> upstream = new LinkedHashMap<>();
        for (String id : selected) {
            Set<String> ups = new LinkedHashSet<>(direct.get(id));
            ups.retainAll(selected);
            upstream.put(id, ups);
        }
        Map<String, List<String>> assertionsByParent = new HashMap<>();
        for (String id : selected) {
            if (byId.get(id) instanceof AssertionAction a && a.parentAction() != null) {
                String parent = resolver.resolve(a.parentAction());
                if (parent != null) assertionsByParent.computeIfAbsent(parent, k -> new ArrayList<>()).add(id);
            }
        }
        for (String id : selected) {
            if (byId.get(id) instanceof AssertionAction) continue;
            for (String dep : direct.get(id)) {
                for (String assertion : assertionsByParent.getOrDefault(dep, List.of())) {
                    if (!assertion.equals(id) && !Dependencies.reaches(upstream, assertion, id)) upstream.get(id).add(assertion);
                }
            }
        }
        // An operation may create a source (Dataform never checks them): a source's check waits for
        // the operations its readers wait for, except those that read it themselves.
        Map<String, Set<String>> readers = Dependencies.invert(upstream);
        for (String id : selected) {
            if (!(byId.get(id) instanceof DeclarationAction)) continue;
            for (String reader : readers.getOrDefault(id, Set.of())) {
                for (String before : Dependencies.closure(Set.of(reader), upstream)) {
                    if (byId.get(before) instanceof OperationAction && !Dependencies.reaches(upstream, before, id)) upstream.get(id).add(before);
                }
            }
        }
        return upstream;
    }

    private static List<String> topologicalOrder(Set<String> selected, Map<String, Action> byId, Map<String, Set<String>> upstream) {
        Map<String, Integer> pending = new LinkedHashMap<>();
        for (String id : selected) pending.put(id, upstream.get(id).size());
        Map<String, Set<String>> downstream = Dependencies.invert(upstream);
        List<String> order = new ArrayList<>();
        Deque<String> ready = new ArrayDeque<>();
        pending.forEach((id, n) -> {
            if (n == 0) ready.add(id);
        });
        while (!ready.isEmpty()) {
            String id = ready.poll();
            order.add(id);
            for (String d : downstream.getOrDefault(id, Set.of())) {
                if (pending.merge(d, -1, Integer::sum) == 0) ready.add(d);
            }
        }
        if (order.size() < selected.size()) {
            String stuck = selected.stream().filter(id -> !order.contains(id)).findFirst().orElseThrow();
            Action a = byId.get(stuck);
            throw new PorygonException(new SourceLocation(a.fileName(), a.sqlStartLine(), 0),
                    "dependency cycle through " + stuck, "remove one of the references that form the cycle");
        }
        return order;
    }

    // ---- one action ----

    /**
     * @param checksAView for a built-in assertion, whether the table it checks is a view (a view's row conditions are
     *     counted in one scan, {@link RowConditionsCount}: each branch of the assertion's UNION ALL would compute it again)
     */
    private PlannedAction planOne(Action action, Set<String> upstream, RunOptions options, ObjectKind existing, boolean readByOperation,
                                  boolean checksAView) {
        Target mapped = names.map(action.target());
        if (action.disabled()) {
            return new PlannedAction(id(action), action, mapped, Step.DISABLED, List.of(), null, List.of(), List.of(),
                    List.of(), upstream, null, List.of());
        }
        if (action instanceof DeclarationAction d) {
            // (a wildcard table is no table an operation creates: its check makes its view)
            boolean unchecked = readByOperation && !mapped.name().endsWith("*");
            return new PlannedAction(id(d), d, mapped, unchecked ? Step.UNCHECKED_SOURCE : Step.CHECK_SOURCE, List.of(), null,
                    List.of(), List.of(), List.of(), upstream, null, List.of());
        }
        ActionScript script = new ActionScript(action);
        if (action instanceof OperationAction o) {
            Map<Integer, List<ScriptProgram>> programs = new HashMap<>();
            List<String> statements = script.translateOperations(o.queries(), programs);
            return new PlannedAction(id(o), o, mapped, Step.RUN_OPERATIONS, List.of(), null, statements, List.of(), List.of(), upstream,
                    null, script.cleanup(), null, null, programs, null);
        }
        if (action instanceof AssertionAction a) {
            String sql = script.translateQuery(a.query());
            rejectEmpty(a, sql, "assertion returns its failing rows from");
            String count = checksAView ? RowConditionsCount.of(a.query()).map(script::translateQuery).orElse(null) : null;
            return new PlannedAction(id(a), a, mapped, Step.CHECK_ASSERTION, List.of(), sql, List.of(), List.of(), List.of(), upstream, null,
                    List.of(), null, null, Map.of(), count);
        }
        if (action instanceof TableAction t) return planTable(t, mapped, upstream, options, script, existing);
        throw new IllegalStateException("not a runnable action: " + action);
    }

    private PlannedAction planTable(TableAction t, Target mapped, Set<String> upstream, RunOptions options, ActionScript script,
                                    ObjectKind existing) {
        String note = null;
        Step step;
        if (t.type() == ActionType.VIEW) {
            step = t.materialized() ? Step.BUILD_TABLE : Step.CREATE_VIEW;
            if (t.materialized()) note = "materialized view built as a table";
        } else if (t.type() == ActionType.INCREMENTAL) {
            boolean exists = existing == ObjectKind.TABLE;
            if (!exists) {
                step = Step.BUILD_INCREMENTAL;
            } else if (options.fullRefresh() && !t.isProtected()) {
                step = Step.BUILD_INCREMENTAL;
            } else {
                step = t.incrementalStrategy() == IncrementalStrategy.INSERT_OVERWRITE ? Step.REPLACE_PARTITIONS
                        : t.uniqueKey().isEmpty() ? Step.APPEND_INCREMENT : Step.MERGE_INCREMENT;
                if (options.fullRefresh()) note = "protected: --full-refresh refused, the table is updated incrementally";
            }
        } else {
            step = Step.BUILD_TABLE;
        }
        boolean incremental = step.isIncrement();
        String query = incremental ? t.incrementalSelect() : t.query();
        // one BigQuery script, in the order it runs: the query reads what the pre-operations declared
        List<String> pre = script.translateAll(incremental ? t.incrementalPreOps() : t.preOps());
        String sql;
        if (step == Step.CREATE_VIEW) {
            script.checkViewOutlivesScript(query);
            sql = script.translateViewQuery(query);
            String asWritten = script.translateAsWritten(query);
            // the engine left out a part that only orders rows: bind the query as written once, so that
            // a mistake there (an unknown column in the ORDER BY) still fails, as on BigQuery
            if (!asWritten.equals(sql)) pre.add(bindCheck(asWritten));
        } else {
            sql = script.translateQuery(query);
            // BigQuery creates the table only if its partitionBy and clusterBy name columns of the query; DuckDB has no
            // use for them, so a full build binds them against the query: a misspelt one fails here, not in production
            List<String> storage = step.isIncrement() ? List.of() : storageColumns(t.bigquery(), script);
            if (!storage.isEmpty()) pre.add(storageCheck(sql, storage));
        }
        rejectEmpty(t, sql, t.type().name().toLowerCase(Locale.ROOT) + " is built from");
        List<String> post = script.translateAll(incremental ? t.incrementalPostOps() : t.postOps());
        String filter = t.bigquery().updatePartitionFilter();
        // as Dataform writes it: "and DATAFORM_DEST." followed by the filter
        boolean limitsRows = step == Step.MERGE_INCREMENT || step == Step.REPLACE_PARTITIONS;
        String mergeFilter = limitsRows && filter != null && !filter.isBlank() ? script.translateCondition("t." + filter) : null;
        String partitionBy = step == Step.REPLACE_PARTITIONS ? script.translateCondition(t.bigquery().partitionBy()) : null;
        return new PlannedAction(id(t), t, mapped, step, pre, sql, List.of(), post, t.uniqueKey(), upstream, note, script.cleanup(),
                mergeFilter, partitionBy, Map.of(), null);
    }

    /**
     * The statements of one action translated in the order they run, as BigQuery runs them: one
     * script, where a statement reads the variables that earlier ones declared (DECLARE / SET).
     */
    private final class ActionScript {
        private final Action action;
        private ScriptScope scope = ScriptScope.EMPTY;

        ActionScript(Action action) {
            this.action = action;
        }

        /** The one statement a table or an assertion is built from. */
        String translateQuery(String googleSql) {
            return translate(googleSql, action.sqlStartLine(), translator::translateQuery).sql();
        }

        /**
         * A statement that starts at {@code line} of the action's file (errors are located from there).
         *
         * @param how the translator's method for that kind of statement
         */
        private ScriptTranslation translate(String googleSql, int line, Translation how) {
            ScriptTranslation t;
            try {
                SourceLocation location = new SourceLocation(action.fileName(), line, 0);
                t = how.translate(names.rewriteReferences(googleSql), location, scope);
            } catch (PorygonException e) {
                throw EngineErrorLocation.relocated(e, action, googleSql, line);
            }
            scope = t.scope();
            return t;
        }

        /** A condition on the rows of the table, alias {@code t}: translated as the one column of a query. */
        String translateCondition(String googleSql) {
            return translateExpression(googleSql, scope);
        }

        /** A partitionBy or clusterBy expression: it names columns of the table, never the script's variables. */
        String translateStorageExpression(String googleSql) {
            return translateExpression(googleSql, ScriptScope.EMPTY);
        }

        private String translateExpression(String googleSql, ScriptScope scope) {
            String marker = " AS porygon_condition FROM ";
            String sql = translator.translate("SELECT " + googleSql + marker + "t", location(), scope).sql();
            int start = sql.indexOf("SELECT ") + "SELECT ".length();
            int end = sql.lastIndexOf(marker);
            if (start < "SELECT ".length() || end < start) throw new IllegalStateException("unexpected translation of a condition: " + sql);
            return sql.substring(start, end);
        }

        /** The query translated as it is written, for a check: the script's scope stays as it is. */
        String translateAsWritten(String googleSql) {
            return translator.translate(names.rewriteReferences(googleSql), location(), scope).sql();
        }

        String translateViewQuery(String googleSql) {
            ScriptTranslation t = translator.translateViewQuery(names.rewriteReferences(googleSql), location(), scope);
            scope = t.scope();
            return t.sql();
        }

        /** An operation's scripts, each located at its own line; a procedural one's program goes in {@code programs} by its index. */
        List<String> translateOperations(List<String> statements, Map<Integer, List<ScriptProgram>> programs) {
            List<ScriptTranslation> translated = translateEach(statements, true);
            List<String> out = new ArrayList<>(translated.size());
            for (ScriptTranslation t : translated) {
                if (t.program() != null) programs.put(out.size(), t.program());
                out.add(t.sql());
            }
            return out;
        }

        /** Pre- and post-operations, each located at its own line (a list the plan may add checks to). */
        List<String> translateAll(List<String> statements) {
            List<String> out = new ArrayList<>(statements.size());
            for (ScriptTranslation t : translateEach(statements, false)) out.add(t.sql());
            return out;
        }

        private List<ScriptTranslation> translateEach(List<String> statements, boolean operation) {
            StatementLines lines = statementLines(action);
            List<ScriptTranslation> out = new ArrayList<>(statements.size());
            Translation how = operation ? translator::translateOperation : translator::translate;
            for (String s : statements) out.add(translate(s, lines.lineOf(s, action.sqlStartLine()), how));
            return out;
        }

        /**
         * A view's SQL runs whenever the view is queried, after the action's script variables and
         * temporary functions are gone: translated as the {@code CREATE VIEW} it becomes, the
         * translator rejects a view that reads or calls one.
         */
        void checkViewOutlivesScript(String query) {
            if (scope.isEmpty()) return;
            translator.translate("CREATE VIEW `" + action.target().name() + "` AS " + names.rewriteReferences(query), location(), scope);
        }

        List<String> cleanup() {
            return translator.endOfScript(scope);
        }

        private SourceLocation location() {
            return new SourceLocation(action.fileName(), action.sqlStartLine(), 0);
        }
    }

    /** One of the {@link Translator}'s methods for a piece of an action's script. */
    private interface Translation {
        ScriptTranslation translate(String googleSql, SourceLocation location, ScriptScope scope);
    }

    /** Where the statements of an action start in its file, as far as the compiler found them. */
    static StatementLines statementLines(Action action) {
        if (action instanceof TableAction t) return t.statementLines();
        if (action instanceof OperationAction o) return o.statementLines();
        return StatementLines.UNKNOWN;
    }

    /** Finds the action a dependency target names, tolerating a missing project or case differences. */
    private static final class Resolver {
        private final Map<Target, String> exact = new HashMap<>();
        private final Map<String, String> bySchemaAndName = new HashMap<>();
        private final Map<String, List<String>> byName = new HashMap<>();

        Resolver(List<Action> all) {
            for (Action a : all) {
                String id = id(a);
                exact.put(a.target(), id);
                bySchemaAndName.putIfAbsent(key(a.target().schema(), a.target().name()), id);
                byName.computeIfAbsent(a.target().name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(id);
            }
        }

        String resolve(Target t) {
            String id = exact.get(t);
            if (id != null) return id;
            if (t.schema() != null) return bySchemaAndName.get(key(t.schema(), t.name()));
            List<String> named = byName.getOrDefault(t.name().toLowerCase(Locale.ROOT), List.of());
            return named.size() == 1 ? named.get(0) : null;
        }

        Set<String> resolveAll(List<Target> targets) {
            Set<String> ids = new LinkedHashSet<>();
            for (Target t : targets) {
                String id = resolve(t);
                if (id != null) ids.add(id);
            }
            return ids;
        }

        private static String key(String schema, String name) {
            return (schema + "." + name).toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern INGESTION_TIME = Pattern.compile("(?i)\\b_PARTITION(TIME|DATE)\\b");

    /**
     * The expressions of a table's partitionBy and clusterBy, translated; empty when it has none, or when one is
     * beyond the translator (left to BigQuery to check: on DuckDB they change nothing).
     */
    private static List<String> storageColumns(BigQueryOptions options, ActionScript script) {
        if (options == null) return List.of();
        List<String> written = new ArrayList<>(options.clusterBy());
        String partitionBy = options.partitionBy();
        // ingestion-time partitioning names BigQuery's pseudo-columns, which no query has
        boolean byIngestion = partitionBy != null && INGESTION_TIME.matcher(partitionBy).find();
        if (partitionBy != null && !partitionBy.isBlank() && !byIngestion) written.add(0, partitionBy);
        try {
            return written.stream().map(script::translateStorageExpression).toList();
        } catch (PorygonException notTranslated) {
            return List.of();
        }
    }

    private static final String STORAGE_CHECK_END = ") AS storage_options LIMIT 0";

    /** The statement that binds a table's partitionBy and clusterBy ({@code columns}) against its query, without rows. */
    static String storageCheck(String query, List<String> columns) {
        return "SELECT " + String.join(", ", columns) + " FROM (\n" + query + "\n" + STORAGE_CHECK_END;
    }

    /** Whether {@code statement} is a table's {@link #storageCheck}. */
    public static boolean isStorageCheck(String statement) {
        return statement.endsWith(STORAGE_CHECK_END);
    }

    private static final String BIND_CHECK_END = ") AS view_as_written LIMIT 0";

    /** The statement that binds a view's query as written, without rows: run before the view is created. */
    static String bindCheck(String query) {
        return "SELECT * FROM (\n" + query + "\n" + BIND_CHECK_END;
    }

    /** Whether {@code statement} is a view's {@link #bindCheck}, which a plan shows apart from the pre-operations. */
    public static boolean isBindCheck(String statement) {
        return statement.startsWith("SELECT * FROM (\n") && statement.endsWith(BIND_CHECK_END);
    }
}
