package io.porygon.core.lineage;

import java.util.List;
import java.util.Optional;

/** Rows a query reads in its FROM clause: an upstream table, a CTE or subquery, or something lineage cannot see into. */
sealed interface Relation permits TableRelation, DerivedRelation, OpaqueRelation, ArrayElements {

    /** Its column names, or empty when they are not known. */
    Optional<List<String>> columns();

    /** Where the column of that name comes from. */
    Derivation column(String name);

    /** What to call it in a reason. */
    String label();

    /** Why a {@code SELECT *} of it cannot list its columns, when {@link #columns()} is empty. */
    default String whyColumnsUnknown() {
        return "its columns are not known (not a model of the project, and no warehouse table to read them from)";
    }

    default boolean has(String name) {
        return columns().map(cs -> cs.stream().anyMatch(c -> c.equalsIgnoreCase(name))).orElse(false);
    }
}
