package io.porygon.core.graph;

import java.util.List;

/**
 * A table, view or incremental table. {@code incrementalQuery} is the query with incremental() true;
 * {@code where} is the legacy filter of an incremental run ({@code incremental_where { }} in SQLX,
 * {@code .where()} in JavaScript), or null.
 */
public record TableAction(
        Target target,
        ActionType type,
        String query,
        String incrementalQuery,
        String where,
        List<String> preOps,
        List<String> postOps,
        List<String> incrementalPreOps,
        List<String> incrementalPostOps,
        List<Target> dependencyTargets,
        List<String> tags,
        ActionDescriptor descriptor,
        BigQueryOptions bigquery,
        List<String> uniqueKey,
        boolean isProtected,
        boolean materialized,
        boolean disabled,
        String fileName,
        int sqlStartLine,
        OnSchemaChange onSchemaChange,
        IncrementalStrategy incrementalStrategy,
        StatementLines statementLines)
        implements Action {

    /** Without the lines of its pre- and post-operations (they are then reported at {@code sqlStartLine}). */
    public TableAction(Target target, ActionType type, String query, String incrementalQuery, List<String> preOps, List<String> postOps,
                       List<String> incrementalPreOps, List<String> incrementalPostOps, List<Target> dependencyTargets, List<String> tags,
                       ActionDescriptor descriptor, BigQueryOptions bigquery, List<String> uniqueKey, boolean isProtected, boolean materialized,
                       boolean disabled, String fileName, int sqlStartLine, OnSchemaChange onSchemaChange) {
        this(target, type, query, incrementalQuery, null, preOps, postOps, incrementalPreOps, incrementalPostOps, dependencyTargets, tags, descriptor,
                bigquery, uniqueKey, isProtected, materialized, disabled, fileName, sqlStartLine, onSchemaChange, IncrementalStrategy.UNSPECIFIED, StatementLines.UNKNOWN);
    }

    /** What an incremental run writes: the incremental query, filtered by {@code where} as Dataform's runner does. */
    public String incrementalSelect() {
        String increment = incrementalQuery != null ? incrementalQuery : query;
        return where == null || where.isBlank() ? increment : "select * from (" + increment + ") as subquery\nwhere " + where;
    }
}
