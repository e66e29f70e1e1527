package io.porygon.core.graph;

import java.util.List;
import java.util.Map;

/** The {@code bigquery { }} block of a table; unset fields are null or empty. */
public record BigQueryOptions(
        String partitionBy,
        List<String> clusterBy,
        Map<String, String> labels,
        Integer partitionExpirationDays,
        Boolean requirePartitionFilter,
        String updatePartitionFilter) {

    public static final BigQueryOptions NONE = new BigQueryOptions(null, List.of(), Map.of(), null, null, null);
}
