package io.porygon.core.lineage;

import java.util.List;
import java.util.Optional;

/** A FROM item lineage does not see into (a table function, pipe syntax, a CTE read before WITH RECURSIVE defines it ...): its columns are unresolved. */
record OpaqueRelation(String label, String reason) implements Relation {

    @Override
    public Optional<List<String>> columns() {
        return Optional.empty();
    }

    @Override
    public Derivation column(String name) {
        return Derivation.unresolved(reason);
    }

    @Override
    public String whyColumnsUnknown() {
        return reason;
    }
}
