package io.porygon.core.run;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Walks dependency edges given as a map from each action id to the ids it waits for (or the other way). */
final class Dependencies {

    private Dependencies() {}

    /** Every node {@code edges} lead to from {@code seeds}, the seeds themselves only when a path comes back to them. */
    static Set<String> closure(Set<String> seeds, Map<String, Set<String>> edges) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(seeds);
        while (!todo.isEmpty()) {
            for (String next : edges.getOrDefault(todo.pop(), Set.of())) {
                if (seen.add(next)) todo.push(next);
            }
        }
        return seen;
    }

    /** The same edges the other way: from each node to those that name it. */
    static Map<String, Set<String>> invert(Map<String, Set<String>> upstream) {
        Map<String, Set<String>> downstream = new HashMap<>();
        upstream.forEach((id, ups) -> ups.forEach(u -> downstream.computeIfAbsent(u, k -> new LinkedHashSet<>()).add(id)));
        return downstream;
    }

    /** Whether {@code from} (transitively) waits for {@code to}. */
    static boolean reaches(Map<String, Set<String>> upstream, String from, String to) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            String cur = todo.pop();
            if (cur.equals(to)) return true;
            if (seen.add(cur)) todo.addAll(upstream.getOrDefault(cur, Set.of()));
        }
        return false;
    }
}
