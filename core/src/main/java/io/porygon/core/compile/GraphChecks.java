package io.porygon.core.compile;

import io.porygon.core.graph.Target;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Graph-wide checks that need every action: dependency cycles (Tarjan's strongly connected components). */
final class GraphChecks {
    private GraphChecks() {}

    /** Each cycle as the list of its targets, in dependency order. */
    static List<List<Target>> cycles(Map<Target, List<Target>> edges) {
        Tarjan t = new Tarjan(edges);
        List<List<Target>> cycles = new ArrayList<>();
        for (List<Target> component : t.run()) {
            if (component.size() > 1 || edges.getOrDefault(component.get(0), List.of()).contains(component.get(0))) {
                cycles.add(component);
            }
        }
        return cycles;
    }

    private static final class Tarjan {
        private final Map<Target, List<Target>> edges;
        private final Map<Target, Integer> index = new HashMap<>();
        private final Map<Target, Integer> low = new HashMap<>();
        private final Deque<Target> stack = new ArrayDeque<>();
        private final Set<Target> onStack = new HashSet<>();
        private final List<List<Target>> components = new ArrayList<>();
        private int next;

        Tarjan(Map<Target, List<Target>> edges) {
            this.edges = edges;
        }

        List<List<Target>> run() {
            for (Target v : edges.keySet()) if (!index.containsKey(v)) visit(v);
            return components;
        }

        private void visit(Target v) {
            index.put(v, next);
            low.put(v, next);
            next++;
            stack.push(v);
            onStack.add(v);
            for (Target w : edges.getOrDefault(v, List.of())) {
                if (!edges.containsKey(w)) continue;
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                List<Target> component = new ArrayList<>();
                Target w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    component.add(0, w);
                } while (!w.equals(v));
                components.add(component);
            }
        }
    }
}
