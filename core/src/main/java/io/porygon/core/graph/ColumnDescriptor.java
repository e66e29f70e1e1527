package io.porygon.core.graph;

import java.util.List;

/**
 * Documentation of one (possibly nested) column: {@code path} is ["address", "city"] for address.city;
 * {@code bigqueryPolicyTags} are BigQuery's column-level access policy tags.
 */
public record ColumnDescriptor(List<String> path, String description, List<String> tags, List<String> bigqueryPolicyTags) {}
