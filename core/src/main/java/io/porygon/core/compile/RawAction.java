package io.porygon.core.compile;

import io.porygon.core.graph.Target;
import java.util.List;
import java.util.Map;

/** An action as the JavaScript session left it: plain data, targets not yet suffixed or prefixed. */
record RawAction(
        String kind,
        Target target,
        Target canonicalTarget,
        String fileName,
        Map<String, Object> proto,
        List<Map<String, Object>> deps,
        int sqlStartLine,
        boolean builtIn,
        boolean failed) {

    boolean isDeclaration() {
        return kind.equals("declaration");
    }

    String readableName() {
        return target.qualifiedName();
    }
}
