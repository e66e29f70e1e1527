package io.porygon.core.lineage;

import java.util.List;
import java.util.Optional;

/** A FROM item lineage does not see into (UNNEST, a table function, PIVOT, a recursive CTE ...): its columns are unresolved. */
record OpaqueRelation(String label, String reason) implements Relation {

    @Override
    public Optional<List<String>> columns() {
        return Optional.empty();
    }

    @Override
    public Derivation column(String name) {
        return Derivation.unresolved(reason);
    }
}
