package io.porygon.core.lineage;

import java.util.List;
import java.util.Optional;

/**
 * The column lineage of one action.
 *
 * @param columns its columns with their sources: a dataset's output columns; a source's columns (read from the
 *     warehouse) with no sources, since its data starts there; none for other actions
 * @param unresolved why a dataset's query gave no lineage at all (it did not parse), or null
 */
public record ActionLineage(List<ColumnLineage> columns, String unresolved) {
    public static final ActionLineage NONE = new ActionLineage(List.of(), null);

    public ActionLineage {
        columns = List.copyOf(columns);
    }

    /**
     * The column names, when all are known: not when a SELECT * could not be expanded, the query did not parse, or
     * (no columns) a source's table could not be read.
     */
    public Optional<List<String>> names() {
        if (columns.isEmpty() || unresolved != null || columns.stream().anyMatch(ColumnLineage::isUnknownStar)) return Optional.empty();
        return Optional.of(columns.stream().map(ColumnLineage::name).toList());
    }
}
