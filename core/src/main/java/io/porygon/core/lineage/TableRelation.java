package io.porygon.core.lineage;

import java.util.List;
import java.util.Optional;

/**
 * A table or view the query names: a column of it is its own source.
 *
 * @param node the action's id, or the name as written when the project has no such action
 * @param columns its column names when known (from its own lineage or the warehouse)
 */
record TableRelation(String node, Optional<List<String>> columns) implements Relation {

    @Override
    public Derivation column(String name) {
        // the name as the table spells it, when known: BigQuery's column names ignore case
        String spelled = columns.flatMap(cs -> cs.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst()).orElse(name);
        return Derivation.of(new ColumnSource(node, spelled));
    }

    @Override
    public String label() {
        return node;
    }
}
