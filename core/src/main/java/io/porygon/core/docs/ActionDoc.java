package io.porygon.core.docs;

import io.porygon.core.graph.ActionType;
import io.porygon.core.graph.ColumnDescriptor;
import io.porygon.core.lineage.ActionLineage;
import java.util.List;

/**
 * What the docs say about one action.
 *
 * @param id the action's id (its qualified target name, as the runner and run history use it)
 * @param layer the folder under definitions/ that holds it (sources, intermediate, ...), else its schema
 * @param sql the compiled SQL sections, each labelled ("query", "incremental query", "pre-operation", ...)
 * @param builtinAssertions ids of the assertions generated from its {@code assertions {}} block
 * @param customAssertions ids of the assertion files that depend on it
 * @param upstream ids of the actions it reads, in the graph
 * @param downstream ids of the actions that read it
 * @param settings notable config as label → value (unique key, partitioning, clustering, protected)
 * @param rowCount rows in the warehouse, or null when unknown (no warehouse, not built, or a view)
 * @param lineage its columns and the upstream columns each is derived from
 */
public record ActionDoc(
        String id,
        String name,
        String schema,
        ActionType type,
        String layer,
        String fileName,
        String description,
        List<String> tags,
        List<ColumnDescriptor> columns,
        List<SqlSection> sql,
        List<String> builtinAssertions,
        List<String> customAssertions,
        List<String> upstream,
        List<String> downstream,
        boolean disabled,
        java.util.Map<String, String> settings,
        Long rowCount,
        ActionLineage lineage) {

    /** One labelled piece of compiled SQL. */
    public record SqlSection(String label, String sql) {}
}
