package io.porygon.core.docs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the docs pages show, computed once: the actions with their documentation and
 * neighbours, the action-level lineage edges, and what the warehouse knows (row counts, runs).
 *
 * @param warehouse a line describing the warehouse the figures come from, empty without one
 * @param tests the unit tests, which run apart from the graph
 */
public record DocsModel(
        String projectName, List<ActionDoc> actions, List<Edge> edges, Optional<String> warehouse, RunHistory history,
        List<UnitTestDoc> tests) {

    /** {@code from} is read by {@code to}. */
    public record Edge(String from, String to) {}

    public Map<String, ActionDoc> byId() {
        Map<String, ActionDoc> m = new java.util.LinkedHashMap<>();
        for (ActionDoc a : actions) m.put(a.id(), a);
        return m;
    }
}
