package io.porygon.core.lineage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rows of a query: a CTE, a subquery, or the action's query itself.
 *
 * @param lineage its columns with their derivations, in order
 * @param unknownStars the relations a {@code SELECT *} expanded without knowing their columns: a column not in
 *     {@code lineage} comes from one of them
 */
record DerivedRelation(String label, List<ColumnLineage> lineage, List<Relation> unknownStars) implements Relation {

    DerivedRelation {
        lineage = List.copyOf(lineage);
        unknownStars = List.copyOf(unknownStars);
    }

    @Override
    public Optional<List<String>> columns() {
        if (!unknownStars.isEmpty()) return Optional.empty();
        return Optional.of(lineage.stream().map(ColumnLineage::name).toList());
    }

    @Override
    public Derivation column(String name) {
        for (ColumnLineage c : lineage) if (c.name().equalsIgnoreCase(name)) return c.derivation();
        if (unknownStars.size() == 1) return unknownStars.get(0).column(name);
        if (unknownStars.isEmpty()) return Derivation.unresolved(label + " has no column " + name);
        return Derivation.unresolved(name + " may come from any of " + labels(unknownStars) + ", whose columns are not known");
    }

    /**
     * The rows of PIVOT or UNPIVOT: the input's columns other than {@code consumed} pass through, in order, followed by
     * the {@code produced} ones. When the input's columns are not known, a name not produced is the input's.
     */
    static DerivedRelation passingThrough(String label, Relation input, Set<String> consumed, List<ColumnLineage> produced) {
        if (input.columns().isEmpty()) return new DerivedRelation(label, produced, List.of(input));
        List<ColumnLineage> columns = new ArrayList<>();
        for (String c : input.columns().get()) if (!consumed.contains(c)) columns.add(new ColumnLineage(c, input.column(c)));
        columns.addAll(produced);
        return new DerivedRelation(label, columns, List.of());
    }

    /** The columns as an action's lineage shows them: an unknown expansion as one {@code *} entry per relation. */
    List<ColumnLineage> shown() {
        List<ColumnLineage> out = new ArrayList<>(lineage);
        for (Relation r : unknownStars) {
            out.add(new ColumnLineage(ColumnLineage.UNKNOWN_STAR, Derivation.unresolved("SELECT * of " + r.label() + ": " + r.whyColumnsUnknown())));
        }
        return out;
    }

    static String labels(List<Relation> relations) {
        return String.join(", ", relations.stream().map(Relation::label).toList());
    }
}
