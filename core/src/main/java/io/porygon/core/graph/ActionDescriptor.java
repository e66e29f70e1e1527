package io.porygon.core.graph;

import java.util.List;

/** Documentation attached to an action: description and column docs. */
public record ActionDescriptor(String description, List<ColumnDescriptor> columns) {
    public static final ActionDescriptor EMPTY = new ActionDescriptor(null, List.of());
}
