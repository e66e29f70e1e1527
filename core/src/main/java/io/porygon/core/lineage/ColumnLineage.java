package io.porygon.core.lineage;

/** An output column of a query and what it is derived from. */
public record ColumnLineage(String name, Derivation derivation) {

    /** The name of the entry that stands for a {@code SELECT *} whose columns are not known. */
    public static final String UNKNOWN_STAR = "*";

    public boolean isUnknownStar() {
        return name.equals(UNKNOWN_STAR);
    }
}
