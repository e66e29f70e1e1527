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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The optional {@value #FILE} of a project: where the warehouse lives and how to connect to it.
 * <pre>
 * warehouse:
 *   path: .porygon/warehouse.duckdb   # relative to this file's folder
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
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new PorygonException(new SourceLocation(file.toString(), line, e.getProblemMark().map(m -> m.getColumn() + 1).orElse(0)),
                    "invalid YAML: " + e.getProblem(), "fix the YAML syntax (indentation, colons)");
        } catch (YamlEngineException e) {
            throw error(file, 0, "invalid YAML: " + e.getMessage(), "fix the YAML syntax (indentation, colons)");
        }
        if (doc == null) return EMPTY;
        Lines lines = new Lines(yaml, file);
        Map<?, ?> top = mapping(doc, lines.at("", null), "the file");
        checkKeys(top, TOP, lines, "");
        Map<?, ?> wh = top.containsKey("warehouse") ? mapping(top.get("warehouse"), lines.at("", "warehouse"), "warehouse") : Map.of();
        Map<?, ?> run = top.containsKey("run") ? mapping(top.get("run"), lines.at("", "run"), "run") : Map.of();
        checkKeys(wh, WAREHOUSE, lines, "warehouse");
        checkKeys(run, RUN, lines, "run");
        Path path = wh.get("path") == null ? null : Path.of(String.valueOf(wh.get("path")));
        if (path != null && !path.isAbsolute() && file.getParent() != null) path = file.getParent().resolve(path);
        return new WarehouseConfig(path, integer(wh.get("threads"), lines, "warehouse", "threads"),
                memoryLimit(wh.get("memory_limit"), lines),
                wh.get("database_mapping") == null ? null
                        : databaseMapping(String.valueOf(wh.get("database_mapping")), lines.at("warehouse", "database_mapping")),
                integer(run.get("threads"), lines, "run", "threads"));
    }

    static DatabaseMapping databaseMapping(String value, SourceLocation at) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "ignore" -> DatabaseMapping.IGNORE;
            case "prefix" -> DatabaseMapping.PREFIX_SCHEMA;
            default -> throw new PorygonException(at, "database_mapping must be 'ignore' or 'prefix', not '" + value + "'",
                    "ignore: all GCP projects share one catalog; prefix: schema becomes <project>_<dataset>");
        };
    }

    private static Map<?, ?> mapping(Object o, SourceLocation at, String what) {
        if (o instanceof Map<?, ?> m) return m;
        throw new PorygonException(at, what + " must be a mapping of settings", "write key: value lines under it");
    }

    private static void checkKeys(Map<?, ?> map, Set<String> allowed, Lines lines, String section) {
        String prefix = section.isEmpty() ? "" : section + ".";
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw new PorygonException(lines.at(section, String.valueOf(key)), "unknown setting '" + prefix + key + "'",
                        "known settings: " + allowed.stream().map(k -> prefix + k).sorted().toList());
            }
        }
    }

    /** A size as DuckDB reads one: a number and a unit (it refuses a bare number), or none. */
    private static final Pattern MEMORY_LIMIT = Pattern.compile(
            "\\s*(-1|none|\\d*\\.?\\d+\\s*(?i:b|bytes?|k|kb|kib|kilobytes?|m|mb|mib|megabytes?|g|gb|gib|gigabytes?|t|tb|tib|terabytes?))\\s*");

    /** Checked here, where its line is known: DuckDB's own error would come when the warehouse opens, naming its file. */
    private static String memoryLimit(Object o, Lines lines) {
        if (o == null) return null;
        String value = String.valueOf(o);
        if (validMemoryLimit(value)) return value;
        throw new PorygonException(lines.at("warehouse", "memory_limit"), "warehouse.memory_limit must be a size above zero, not '" + value + "'",
                "a number and a unit, for example memory_limit: 4GB or 512MB");
    }

    private static Integer integer(Object o, Lines lines, String section, String key) {
        if (o == null) return null;
        if ((o instanceof Integer || o instanceof Long) && validThreads(((Number) o).longValue())) return ((Number) o).intValue();
        throw new PorygonException(lines.at(section, key), section + "." + key + " must be a whole number from 1 to " + MAX_THREADS
                + ", not '" + o + "'", "for example " + key + ": 4");
    }

    /** More threads than any machine has cores is a typo; DuckDB or the JVM would fail to start them. */
    static final int MAX_THREADS = 1024;

    static boolean validThreads(long n) {
        return n >= 1 && n <= MAX_THREADS;
    }

    private static final Pattern NUMBER = Pattern.compile("\\d*\\.?\\d+");

    /** A size DuckDB's memory_limit reads, other than zero (every statement would then run out of memory). */
    static boolean validMemoryLimit(String value) {
        if (!MEMORY_LIMIT.matcher(value).matches()) return false;
        Matcher number = NUMBER.matcher(value);
        return value.contains("-1") || value.strip().equals("none") || !number.find() || Double.parseDouble(number.group()) > 0;
    }

    private static PorygonException error(Path file, int line, String message, String hint) {
        return new PorygonException(new SourceLocation(file.toString(), line, 0), message, hint);
    }

    /** Where a key is written in the file: under its section's line, the first line that starts with it, indented. */
    private record Lines(String yaml, Path file) {
        SourceLocation at(String section, String key) {
            String[] lines = yaml.split("\n", -1);
            int i = 0;
            if (!section.isEmpty()) {
                while (i < lines.length && !lines[i].matches(Pattern.quote(section) + "\\s*:.*")) i++;
                if (key == null || i == lines.length) return new SourceLocation(file.toString(), i < lines.length ? i + 1 : 0, 0);
                i++;
            } else if (key == null) {
                return new SourceLocation(file.toString(), 1, 0);
            }
            String indent = section.isEmpty() ? "" : "\\s+";
            for (; i < lines.length; i++) {
                if (lines[i].matches(indent + Pattern.quote(key) + "\\s*:.*")) {
                    return new SourceLocation(file.toString(), i + 1, lines[i].indexOf(key) + 1);
                }
            }
            return new SourceLocation(file.toString(), 0, 0);
        }
    }
}
