package io.porygon.core.compile.project;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a compile overrides in {@code workflow_settings.yaml} (or dataform.json): the values of the Dataform CLI's
 * {@code --vars}, {@code --default-database}, {@code --schema-suffix}, ... Each component is named after the setting
 * it replaces; null (or empty, which Dataform's CLI ignores too) keeps the file's value. The vars are added to the
 * file's, and {@code disableAssertions} can only switch assertions off, as in Dataform.
 */
public record SettingsOverrides(
        String defaultProject,
        String defaultDataset,
        String defaultLocation,
        String defaultAssertionDataset,
        String projectSuffix,
        String datasetSuffix,
        String namePrefix,
        boolean disableAssertions,
        Map<String, String> vars) {

    /** No override: the project's own settings. */
    public static final SettingsOverrides NONE = ofVars(Map.of());

    public SettingsOverrides {
        defaultProject = given(defaultProject);
        defaultDataset = given(defaultDataset);
        defaultLocation = given(defaultLocation);
        defaultAssertionDataset = given(defaultAssertionDataset);
        projectSuffix = given(projectSuffix);
        datasetSuffix = given(datasetSuffix);
        namePrefix = given(namePrefix);
        // the order of the vars is the one given, which project code sees (Object.keys)
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    }

    /** Only vars, as {@code --vars} alone. */
    public static SettingsOverrides ofVars(Map<String, String> vars) {
        return new SettingsOverrides(null, null, null, null, null, null, null, false, vars);
    }

    /** {@code override} when given, else {@code value}. */
    static String or(String override, String value) {
        return override != null ? override : value;
    }

    private static String given(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
