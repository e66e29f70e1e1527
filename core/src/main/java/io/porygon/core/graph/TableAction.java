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
        OnSchemaChange onSchemaChange)
        implements Action {}
