package io.porygon.core.graph;

import java.util.List;

/** Documentation of one (possibly nested) column: {@code path} is ["address", "city"] for address.city. */
public record ColumnDescriptor(List<String> path, String description, List<String> tags) {}
