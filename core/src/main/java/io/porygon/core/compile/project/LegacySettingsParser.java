package io.porygon.core.compile.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.graph.SettingsFile;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads dataform.json, the settings file of Dataform 2 projects, which Dataform 3 still compiles when
 * there is no workflow_settings.yaml. Its keys are the project config's own names (defaultDatabase,
 * defaultSchema, assertionSchema, ...), which workflow_settings.yaml renames (defaultProject, defaultDataset, ...).
 */
public final class LegacySettingsParser {
    public static final String FILE = SettingsFile.DATAFORM_JSON.fileName();
    private static final Map<String, String> STRING_KEYS = Map.of("defaultDatabase", "defaultProject", "defaultSchema", "defaultDataset",
            "defaultLocation", "defaultLocation", "assertionSchema", "defaultAssertionDataset", "databaseSuffix", "projectSuffix",
            "schemaSuffix", "datasetSuffix", "tablePrefix", "namePrefix", "builtinAssertionNamePrefix", "builtinAssertionNamePrefix");
    /** Accepted and without effect here (Dataform 3 refuses Dataform 2's useRunCache and idempotentActionRetries). */
    private static final List<String> OTHER_KEYS = List.of("warehouse", "vars", "defaultReservation");

    private LegacySettingsParser() {}

    public static WorkflowSettings parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new PorygonException(at == null ? SourceLocation.of(FILE) : new SourceLocation(FILE, at.getLineNr(), at.getColumnNr()),
                    "invalid JSON: " + e.getOriginalMessage(), "fix the JSON syntax (commas, quotes, braces)");
        }
        if (root == null || !root.isObject()) {
            throw new PorygonException(new SourceLocation(FILE, 1, 1), FILE + " must be a JSON object of settings",
                    "write e.g. {\"defaultDatabase\": \"my-project\", \"defaultSchema\": \"analytics\"}");
        }
        Map<String, String> strings = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (STRING_KEYS.containsKey(key)) {
                if (!e.getValue().isTextual()) throw wrong(json, key, "must be a string");
                strings.put(STRING_KEYS.get(key), e.getValue().asText());
            } else if (!OTHER_KEYS.contains(key)) {
                String closest = Suggestions.closest(key, known());
                throw new PorygonException(locate(json, key), "unexpected property \"" + key + "\" in " + FILE,
                        closest != null ? "did you mean " + closest + "?" : "the properties Dataform knows are " + String.join(", ", known()));
            }
        }
        JsonNode warehouse = root.get("warehouse");
        if (warehouse != null && !"bigquery".equals(warehouse.asText())) {
            throw new PorygonException(locate(json, "warehouse"), "warehouse " + warehouse + " is not BigQuery",
                    "Porygon, like Dataform 3, compiles BigQuery projects: write \"warehouse\": \"bigquery\" or leave it out");
        }
        Map<String, String> vars = new LinkedHashMap<>();
        JsonNode rawVars = root.get("vars");
        if (rawVars != null) {
            if (!rawVars.isObject()) throw wrong(json, "vars", "must be an object of names to strings");
            for (Iterator<Map.Entry<String, JsonNode>> it = rawVars.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> v = it.next();
                if (!v.getValue().isTextual()) throw wrong(json, v.getKey(), "must be a string, as every var");
                vars.put(v.getKey(), v.getValue().asText());
            }
        }
        return new WorkflowSettings(strings.get("defaultProject"), strings.get("defaultDataset"), strings.get("defaultLocation"),
                strings.get("defaultAssertionDataset"), strings.get("projectSuffix"), strings.get("datasetSuffix"),
                strings.get("namePrefix"), strings.get("builtinAssertionNamePrefix"), null, false, vars, SettingsFile.DATAFORM_JSON);
    }

    private static List<String> known() {
        return java.util.stream.Stream.concat(STRING_KEYS.keySet().stream().sorted(), OTHER_KEYS.stream()).toList();
    }

    private static PorygonException wrong(String json, String key, String what) {
        return new PorygonException(locate(json, key), "property " + key + " of " + FILE + " " + what, "quote the value, e.g. \"" + key + "\": \"...\"");
    }

    private static SourceLocation locate(String json, String key) {
        String[] lines = json.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int col = lines[i].indexOf("\"" + key + "\"");
            if (col >= 0) return new SourceLocation(FILE, i + 1, col + 1);
        }
        return SourceLocation.of(FILE);
    }
}
