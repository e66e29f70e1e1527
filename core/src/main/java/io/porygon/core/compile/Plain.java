package io.porygon.core.compile;

import io.porygon.core.graph.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads from the plain maps and lists the JavaScript session returns. */
final class Plain {
    private Plain() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static String string(Object o) {
        return o == null ? null : o.toString();
    }

    static List<String> strings(Object o) {
        if (o instanceof String s) return List.of(s);
        List<Object> in = list(o);
        String[] out = new String[in.size()];
        for (int i = 0; i < out.length; i++) out[i] = String.valueOf(in.get(i));
        return List.of(out);
    }

    static boolean bool(Object o) {
        return o instanceof Boolean b ? b : o != null && !(o instanceof Number n && n.doubleValue() == 0) && !"".equals(o);
    }

    static int integer(Object o) {
        return o instanceof Number n ? n.intValue() : 0;
    }

    static Integer optionalInt(Object o) {
        return o instanceof Number n ? n.intValue() : null;
    }

    static Map<String, String> stringMap(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        map(o).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    static Target target(Object o) {
        Map<String, Object> m = map(o);
        if (m.isEmpty()) return null;
        return new Target(string(m.get("database")), string(m.get("schema")), string(m.get("name")));
    }
}
