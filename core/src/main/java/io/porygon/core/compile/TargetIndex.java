package io.porygon.core.compile;

import io.porygon.core.graph.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds actions by a partial target (name; schema and name; database, schema and name), as Dataform's ResolvableMap. */
final class TargetIndex<T> {
    private final Map<String, List<Entry<T>>> byName = new HashMap<>();

    private record Entry<T>(Target target, T value) {}

    void add(Target target, T value) {
        byName.computeIfAbsent(target.name(), k -> new ArrayList<>()).add(new Entry<>(target, value));
    }

    List<T> find(String database, String schema, String name) {
        List<T> out = new ArrayList<>();
        for (Entry<T> e : byName.getOrDefault(name, List.of())) {
            if (schema != null && !schema.equals(e.target().schema())) continue;
            if (database != null && !database.equals(e.target().database())) continue;
            out.add(e.value());
        }
        return out;
    }

    List<String> names() {
        return new ArrayList<>(byName.keySet());
    }
}
