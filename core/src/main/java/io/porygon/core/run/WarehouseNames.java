package io.porygon.core.run;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.graph.Action;
import io.porygon.core.graph.Target;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the BigQuery names of a compiled graph to the warehouse's names (dataset → schema, project
 * by {@link DatabaseMapping}) and rewrites the fully qualified references the compiler wrote into
 * the SQL, so the translator only ever sees {@code `schema.name`}.
 */
public final class WarehouseNames {
    private final DatabaseMapping mapping;
    private final String defaultSchema;
    private final Map<String, String> rewrites = new LinkedHashMap<>();

    public WarehouseNames(DatabaseMapping mapping, String defaultSchema) {
        this.mapping = mapping;
        this.defaultSchema = defaultSchema;
    }

    /** What {@link #map} depends on, for caches of what was translated with these names. */
    public String mappingKey() {
        return mapping + "/" + defaultSchema;
    }

    public Target map(Target target) {
        String schema = target.schema() == null ? defaultSchema : target.schema();
        // no dataset stays none (the planner refuses the action), not "<project>_null"
        if (mapping == DatabaseMapping.PREFIX_SCHEMA && target.database() != null && schema != null && !schema.isBlank()) {
            schema = sanitize(target.database()) + "_" + schema;
        }
        return new Target(null, schema, target.name());
    }

    /**
     * Learns the targets of a graph and fails when two of them would land on the same warehouse
     * name (DuckDB compares names case-insensitively, so this does too).
     */
    public void register(Collection<? extends Action> actions) {
        Map<String, Action> byMappedName = new HashMap<>();
        for (Action action : actions) {
            Target mapped = map(action.target());
            String key = (mapped.schema() + "." + mapped.name()).toLowerCase(Locale.ROOT);
            Action other = byMappedName.putIfAbsent(key, action);
            if (other != null && !other.target().equals(action.target())) {
                throw new PorygonException(new SourceLocation(action.fileName(), action.sqlStartLine(), 0),
                        action.target() + " and " + other.target() + " (" + other.fileName() + ") both become "
                                + mapped.schema() + "." + mapped.name() + " in the warehouse",
                        "rename one of them, or set database mapping to 'prefix' in porygon.yaml so projects keep apart");
            }
            if (action.target().database() != null && action.target().schema() != null) {
                rewrites.put(quoted(action.target()), "`" + mapped.schema() + "." + mapped.name() + "`");
            }
        }
    }

    /**
     * Replaces {@code `project.dataset.name`} references of registered targets by the warehouse
     * names; string literals and comments keep their text.
     */
    public String rewriteReferences(String sql) {
        if (sql.indexOf('`') < 0) return sql;
        StringBuilder out = new StringBuilder(sql.length());
        for (int i = 0; i < sql.length(); ) {
            int skipped = SqlText.endOfLiteralOrComment(sql, i);
            if (skipped > i) {
                out.append(sql, i, skipped);
                i = skipped;
            } else if (sql.charAt(i) == '`') {
                int close = sql.indexOf('`', i + 1);
                int end = close < 0 ? sql.length() : close + 1;
                String quoted = sql.substring(i, end);
                out.append(rewrites.getOrDefault(quoted, quoted));
                i = end;
            } else {
                out.append(sql.charAt(i++));
            }
        }
        return out.toString();
    }

    private static String quoted(Target t) {
        return "`" + t.database() + "." + t.schema() + "." + t.name() + "`";
    }

    private static String sanitize(String database) {
        return database.replaceAll("[^A-Za-z0-9_]", "_");
    }
}
