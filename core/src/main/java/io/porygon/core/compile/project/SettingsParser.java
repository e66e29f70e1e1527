package io.porygon.core.compile.project;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.graph.SettingsFile;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Reads workflow_settings.yaml, rejecting unknown keys and wrong types with a located message. */
public final class SettingsParser {
    public static final String FILE = SettingsFile.WORKFLOW_SETTINGS_YAML.fileName();
    private static final List<String> STRING_KEYS = List.of("defaultProject", "defaultDataset", "defaultLocation",
            "defaultAssertionDataset", "projectSuffix", "datasetSuffix", "namePrefix", "builtinAssertionNamePrefix",
            "dataformCoreVersion", "defaultReservation");
    private static final Pattern TYPED_FOR_DATAFORM = Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}([Tt ].*)?|[-+]?0o[0-7]+");
    private static final List<String> OTHER_KEYS = List.of("vars", "disableAssertions", "includeTestsInCompiledGraph",
            "preserveGovernanceControls", "defaultNotebookRuntimeOptions", "defaultIcebergConfig", "extension");

    /**
     * The last text parsed and its settings, as FileCache keeps what a compile derives from a file's text:
     * compiling an unchanged project again in the same JVM skips the YAML parser (about 2% of such a compile).
     */
    private static volatile Parsed last;

    private record Parsed(String yaml, WorkflowSettings settings) {}

    private SettingsParser() {}

    /** The settings of a workflow_settings.yaml text; a mistake is thrown (as PorygonException) every time, never kept. */
    public static WorkflowSettings parse(String yaml) {
        Parsed kept = last;
        if (kept != null && kept.yaml().equals(yaml)) return kept.settings();
        WorkflowSettings settings = read(yaml);
        last = new Parsed(yaml, settings);
        return settings;
    }

    private static WorkflowSettings read(String yaml) {
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().setLabel(FILE).build()).loadFromString(yaml);
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().orElse(e.getContextMark().orElse(null));
            SourceLocation loc = mark == null ? SourceLocation.of(FILE) : new SourceLocation(FILE, mark.getLine() + 1, mark.getColumn() + 1);
            throw new PorygonException(loc, "invalid YAML: " + e.getProblem(), "fix the YAML syntax (indentation, colons, quotes)");
        } catch (YamlEngineException e) {
            throw new PorygonException(SourceLocation.of(FILE), "invalid YAML: " + e.getMessage(), "fix the YAML syntax");
        }
        if (doc == null) {
            throw new PorygonException(new SourceLocation(FILE, 1, 1), FILE + " is empty (Dataform calls it invalid)",
                    "write at least defaultProject: and defaultDataset: lines");
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new PorygonException(new SourceLocation(FILE, 1, 1), FILE + " must be a mapping of settings", "write key: value lines, e.g. defaultDataset: analytics");
        }
        Map<String, String> strings = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object value = e.getValue();
            if (STRING_KEYS.contains(key)) {
                if (value != null && !(value instanceof String)) {
                    throw new PorygonException(locate(yaml, key), "setting " + key + " must be a string", "quote the value, e.g. "
                            + key + ": \"" + value + "\"");
                }
                if (value != null) strings.put(key, String.valueOf(value));
            } else if (!OTHER_KEYS.contains(key)) {
                String closest = Suggestions.closest(key, concat());
                throw new PorygonException(locate(yaml, key), "unknown setting \"" + key + "\" in " + FILE,
                        closest != null ? "did you mean " + closest + "?" : "the settings Dataform 3 knows are " + String.join(", ", concat()));
            }
        }
        Map<String, String> vars = new LinkedHashMap<>();
        Object rawVars = map.get("vars");
        if (map.containsKey("vars") && rawVars == null) {
            throw new PorygonException(locate(yaml, "vars"), "vars is empty", "give it indented name: value lines, or leave vars out");
        }
        if (rawVars != null) {
            if (!(rawVars instanceof Map<?, ?> vm)) throw new PorygonException(locate(yaml, "vars"), "vars must be a mapping of names to strings", "write vars: then indented name: value lines");
            for (Map.Entry<?, ?> v : vm.entrySet()) {
                boolean typed = v.getValue() instanceof String text && unquotedTypedForDataform(yaml, String.valueOf(v.getKey()), text);
                if (!(v.getValue() instanceof String) || typed) {
                    throw new PorygonException(locate(yaml, String.valueOf(v.getKey())),
                            "custom variables defined in workflow settings can only be strings; " + v.getKey() + " is not"
                                    + (typed ? " to Dataform, whose YAML reads " + v.getValue() + " unquoted as a date or a number" : ""),
                            "quote the value, e.g. " + v.getKey() + ": \"" + v.getValue() + "\"");
                }
                vars.put(String.valueOf(v.getKey()), (String) v.getValue());
            }
        }
        return new WorkflowSettings(strings.get("defaultProject"), strings.get("defaultDataset"), strings.get("defaultLocation"),
                strings.get("defaultAssertionDataset"), strings.get("projectSuffix"), strings.get("datasetSuffix"),
                strings.get("namePrefix"), strings.get("builtinAssertionNamePrefix"), strings.get("dataformCoreVersion"),
                Boolean.TRUE.equals(map.get("disableAssertions")), Collections.unmodifiableMap(vars),
                SettingsFile.WORKFLOW_SETTINGS_YAML);
    }

    private static List<String> concat() {
        return java.util.stream.Stream.concat(STRING_KEYS.stream(), OTHER_KEYS.stream()).toList();
    }

    /** The line where {@code key:} first appears; good enough for a flat settings file. */
    /**
     * Dataform reads YAML with js-yaml, whose schema also has timestamps and 0o integers: an unquoted
     * 2024-01-01 becomes "2024-01-01T00:00:00.000Z" there (or, like 0o17, not a string at all), but
     * stays "2024-01-01" here. Such a value must be quoted to mean the same on both.
     */
    private static boolean unquotedTypedForDataform(String yaml, String key, String value) {
        if (!TYPED_FOR_DATAFORM.matcher(value).matches()) return false;
        SourceLocation at = locate(yaml, key);
        if (at.line() <= 0) return false;
        String line = yaml.split("\n", -1)[at.line() - 1];
        String after = line.substring(at.column() - 1 + key.length() + 1).strip();
        return !after.startsWith("\"") && !after.startsWith("'");
    }

    private static SourceLocation locate(String yaml, String key) {
        String[] lines = yaml.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int col = lines[i].indexOf(key + ":");
            if (col >= 0) return new SourceLocation(FILE, i + 1, col + 1);
        }
        return SourceLocation.of(FILE);
    }
}
