package io.porygon.core.run;

import io.porygon.core.graph.Action;
import io.porygon.core.graph.AssertionAction;
import io.porygon.core.graph.TableAction;
import io.porygon.core.graph.Target;
import io.porygon.core.sql.ScriptEffects;
import io.porygon.core.sql.ScriptProgram;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One action as it will run: the warehouse name it writes, its statements already translated to
 * the engine's dialect, and the ids of the planned actions it waits for.
 *
 * @param id the action's BigQuery name ({@code project.dataset.name}), unique in a plan
 * @param sql the main SELECT (tables, views, assertions), or null
 * @param statements the statements of an operations action, in order
 * @param note why the plan differs from what was asked (e.g. a protected table kept), or null
 * @param cleanup statements run after the action whatever its outcome (forgetting its script variables)
 * @param mergeFilter a condition on the table's rows (alias {@code t}) that a MERGE may match, in the
 *     engine's dialect: Dataform's {@code bigquery.updatePartitionFilter}; null for none
 * @param partitionBy the table's partition expression in the engine's dialect, for a
 *     {@link Step#REPLACE_PARTITIONS} step; null otherwise
 * @param programs the operation's procedural scripts by their index in {@code statements}, which
 *     holds them as text; the runner interprets these
 * @param countSql for an assertion, a query of its row count cheaper than counting its view's rows
 *     ({@link RowConditionsCount}); null to count the view
 */
public record PlannedAction(
        String id,
        Action action,
        Target warehouseTarget,
        Step step,
        List<String> preOps,
        String sql,
        List<String> statements,
        List<String> postOps,
        List<String> uniqueKey,
        Set<String> upstream,
        String note,
        List<String> cleanup,
        String mergeFilter,
        String partitionBy,
        Map<Integer, List<ScriptProgram>> programs,
        String countSql) {

    public PlannedAction(String id, Action action, Target warehouseTarget, Step step, List<String> preOps, String sql,
            List<String> statements, List<String> postOps, List<String> uniqueKey, Set<String> upstream, String note, List<String> cleanup) {
        this(id, action, warehouseTarget, step, preOps, sql, statements, postOps, uniqueKey, upstream, note, cleanup, null, null, Map.of(), null);
    }

    public PlannedAction {
        cleanup = List.copyOf(cleanup);
        preOps = List.copyOf(preOps);
        statements = List.copyOf(statements);
        postOps = List.copyOf(postOps);
        uniqueKey = List.copyOf(uniqueKey);
        upstream = Set.copyOf(upstream);
        programs = Map.copyOf(programs);
    }

    /** This action with {@code more} added to its note. */
    public PlannedAction withNote(String more) {
        return new PlannedAction(id, action, warehouseTarget, step, preOps, sql, statements, postOps, uniqueKey, upstream,
                note == null ? more : note + "; " + more, cleanup, mergeFilter, partitionBy, programs, countSql);
    }

    /** {@code dataset.name}: how progress lines and history name the action. */
    public String displayName() {
        return action.target().schemaAndName();
    }

    /** The action an assertion checks, or null. */
    public Target checkedTarget() {
        return action instanceof AssertionAction a ? a.parentAction() : null;
    }

    /** The pre- or post-operations of its step as the project writes them; the planned ones may add the runner's own checks. */
    public List<String> writtenOps(boolean pre) {
        if (!(action instanceof TableAction t)) return List.of();
        boolean incremental = step.isIncrement();
        return pre ? (incremental ? t.incrementalPreOps() : t.preOps()) : (incremental ? t.incrementalPostOps() : t.postOps());
    }

    /**
     * Whether statements the project wrote run that may change tables or views: an operation's, or a
     * table's pre- or post-operations, unless they only declare or set script variables (an increment's
     * bounds, say).
     */
    public boolean runsProjectStatements() {
        return step == Step.RUN_OPERATIONS || Stream.concat(writtenOps(true).stream(), writtenOps(false).stream())
                .anyMatch(op -> !ScriptEffects.onlyAssignsVariables(op));
    }

    /**
     * Whether a table or view is built in one transaction with its pre- and post-operations: when these may change
     * tables, and whenever post-operations run, even ones that only declare or set script variables: they run after
     * the table was built, and one that fails (a DEFAULT that calls ERROR() as a check) or is cancelled must leave the
     * previous table as it was. Pre-operations that only declare or set variables run before anything changed.
     */
    public boolean buildsInTransaction() {
        return runsProjectStatements() || postOps.stream().anyMatch(s -> !s.isBlank());
    }

    /** Every statement the engine receives for this action, for hashing and --dry-run. */
    public List<String> allSql() {
        var all = new java.util.ArrayList<String>(preOps);
        if (sql != null) all.add(sql);
        if (countSql != null) all.add(countSql);
        all.addAll(statements);
        all.addAll(postOps);
        return all;
    }
}
