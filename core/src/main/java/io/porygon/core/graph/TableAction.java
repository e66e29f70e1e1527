package io.porygon.core.graph;

import java.util.List;

/** A table, view or incremental table. {@code incrementalQuery} is the query with incremental() true. */
public record TableAction(
        Target target,
        ActionType type,
        String query,
        String incrementalQuery,
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
        StatementLines statementLines)
        implements Action {

    /** Without the lines of its pre- and post-operations (they are then reported at {@code sqlStartLine}). */
    public TableAction(Target target, ActionType type, String query, String incrementalQuery, List<String> preOps, List<String> postOps,
                       List<String> incrementalPreOps, List<String> incrementalPostOps, List<Target> dependencyTargets, List<String> tags,
                       ActionDescriptor descriptor, BigQueryOptions bigquery, List<String> uniqueKey, boolean isProtected, boolean materialized,
                       boolean disabled, String fileName, int sqlStartLine, OnSchemaChange onSchemaChange) {
        this(target, type, query, incrementalQuery, preOps, postOps, incrementalPreOps, incrementalPostOps, dependencyTargets, tags, descriptor,
                bigquery, uniqueKey, isProtected, materialized, disabled, fileName, sqlStartLine, onSchemaChange, StatementLines.UNKNOWN);
    }
}
