package io.porygon.core.lineage;

/**
 * An upstream column a column is derived from.
 *
 * @param node the id of the action that holds it (its qualified target name), or the table's name as the query
 *     writes it when no action of the project has that name
 */
public record ColumnSource(String node, String column) {}
