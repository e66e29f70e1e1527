package io.porygon.cli;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.run.DatabaseMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The optional {@value #FILE} of a project: where the warehouse lives and how to connect to it.
 * <pre>
 * warehouse:
 *   path: .porygon/warehouse.duckdb   # relative to the project directory
 *   threads: 4                        # DuckDB worker threads (default: all cores)
 *   memory_limit: 4GB                 # DuckDB memory limit (default: 80% of RAM)
 *   database_mapping: ignore          # ignore | prefix: what a GCP project becomes
 * run:
 *   threads: 4                        # actions run in parallel (default: number of cores)
 * </pre>
 * Unset values are null; command-line flags override them.
 */
record WarehouseConfig(Path path, Integer duckdbThreads, String memoryLimit, DatabaseMapping databaseMapping, Integer runThreads) {
    static final String FILE = "porygon.yaml";
    static final WarehouseConfig EMPTY = new WarehouseConfig(null, null, null, null, null);

    private static final Set<String> TOP = Set.of("warehouse", "run");
    private static final Set<String> WAREHOUSE = Set.of("path", "threads", "memory_limit", "database_mapping");
    private static final Set<String> RUN = Set.of("threads");

    /** Reads {@code file}; a missing file is an empty configuration. */
    static WarehouseConfig load(Path file) {
        if (!Files.isRegularFile(file)) return EMPTY;
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new PorygonException(SourceLocation.of(file.toString()), "cannot read: " + e.getMessage(), null);
        }
        return parse(text, file);
    }

    static WarehouseConfig parse(String yaml, Path file) {
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw error(file, "invalid YAML: " + e.getMessage(), "fix the YAML syntax (indentation, colons)");
        }
        if (doc == null) return EMPTY;
        Map<?, ?> top = mapping(doc, file, "the file");
        checkKeys(top, TOP, file, "");
        Map<?, ?> wh = top.containsKey("warehouse") ? mapping(top.get("warehouse"), file, "warehouse") : Map.of();
        Map<?, ?> run = top.containsKey("run") ? mapping(top.get("run"), file, "run") : Map.of();
        checkKeys(wh, WAREHOUSE, file, "warehouse.");
        checkKeys(run, RUN, file, "run.");
        Path path = wh.get("path") == null ? null : Path.of(String.valueOf(wh.get("path")));
        if (path != null && !path.isAbsolute() && file.getParent() != null) path = file.getParent().resolve(path);
        return new WarehouseConfig(path, integer(wh.get("threads"), file, "warehouse.threads"),
                wh.get("memory_limit") == null ? null : String.valueOf(wh.get("memory_limit")),
                wh.get("database_mapping") == null ? null : databaseMapping(String.valueOf(wh.get("database_mapping")), file),
                integer(run.get("threads"), file, "run.threads"));
    }

    static DatabaseMapping databaseMapping(String value, Path file) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "ignore" -> DatabaseMapping.IGNORE;
            case "prefix" -> DatabaseMapping.PREFIX_SCHEMA;
            default -> throw error(file, "database_mapping must be 'ignore' or 'prefix', not '" + value + "'",
                    "ignore: all GCP projects share one catalog; prefix: schema becomes <project>_<dataset>");
        };
    }

    private static Map<?, ?> mapping(Object o, Path file, String what) {
        if (o instanceof Map<?, ?> m) return m;
        throw error(file, what + " must be a mapping of settings", "write key: value lines under it");
    }

    private static void checkKeys(Map<?, ?> map, Set<String> allowed, Path file, String prefix) {
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw error(file, "unknown setting '" + prefix + key + "'", "known settings: " + allowed.stream().map(k -> prefix + k).sorted().toList());
            }
        }
    }

    private static Integer integer(Object o, Path file, String key) {
        if (o == null) return null;
        if (o instanceof Number n && n.intValue() > 0) return n.intValue();
        throw error(file, key + " must be a positive whole number, not '" + o + "'", null);
    }

    private static PorygonException error(Path file, String message, String hint) {
        return new PorygonException(SourceLocation.of(file.toString()), message, hint);
    }
}
