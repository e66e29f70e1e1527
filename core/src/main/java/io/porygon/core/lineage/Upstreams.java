package io.porygon.core.lineage;

import io.porygon.core.graph.Target;
import java.util.List;
import java.util.Optional;

/** How the tables a query names are found: the project's action of that name, and its columns when known. */
public interface Upstreams {

    /** The action the name written in a query stands for, or empty when the project has none. */
    Optional<String> action(Target written);

    /** The column names of an action, or empty when they are not known. */
    Optional<List<String>> columns(String actionId);

    /** No project: every table is its written name, with unknown columns. */
    Upstreams NONE = new Upstreams() {
        @Override
        public Optional<String> action(Target written) {
            return Optional.empty();
        }

        @Override
        public Optional<List<String>> columns(String actionId) {
            return Optional.empty();
        }
    };
}
