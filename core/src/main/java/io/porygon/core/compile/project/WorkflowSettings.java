package io.porygon.core.compile.project;

import static io.porygon.core.compile.project.SettingsOverrides.or;

import io.porygon.core.graph.ProjectConfig;
import io.porygon.core.graph.SettingsFile;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of {@code workflow_settings.yaml} (Dataform 3), or of Dataform 2's dataform.json, and which file they
 * were read from. Only those that shape compiled
 * actions reach {@link ProjectConfig}; the others are accepted so that Dataform projects load.
 */
public record WorkflowSettings(
        String defaultProject,
        String defaultDataset,
        String defaultLocation,
        String defaultAssertionDataset,
        String projectSuffix,
        String datasetSuffix,
        String namePrefix,
        String builtinAssertionNamePrefix,
        String dataformCoreVersion,
        boolean disableAssertions,
        Map<String, String> vars,
        SettingsFile file) {

    /** No settings at all: what a project that failed to load reports, before its overrides. */
    public static final WorkflowSettings EMPTY = new WorkflowSettings(null, null, null, null, null, null, null, null, null, false, Map.of(),
            SettingsFile.WORKFLOW_SETTINGS_YAML);

    /**
     * These settings as the Dataform CLI hands them to the project (before any of its code runs) with {@code o}
     * applied. The order of the vars is Dataform's, which project code can see (Object.keys): the file's, an
     * overridden var in its place, new ones after.
     */
    public WorkflowSettings overriddenBy(SettingsOverrides o) {
        Map<String, String> merged = new LinkedHashMap<>(vars);
        merged.putAll(o.vars());
        return new WorkflowSettings(or(o.defaultProject(), defaultProject), or(o.defaultDataset(), defaultDataset),
                or(o.defaultLocation(), defaultLocation), or(o.defaultAssertionDataset(), defaultAssertionDataset),
                or(o.projectSuffix(), projectSuffix), or(o.datasetSuffix(), datasetSuffix), or(o.namePrefix(), namePrefix),
                builtinAssertionNamePrefix, dataformCoreVersion, disableAssertions || o.disableAssertions(),
                Collections.unmodifiableMap(merged), file);
    }

    /** The project config, under Dataform's names for the settings. */
    public ProjectConfig toProjectConfig() {
        return new ProjectConfig(defaultProject, defaultDataset, defaultLocation, defaultAssertionDataset,
                datasetSuffix, projectSuffix, namePrefix, builtinAssertionNamePrefix, disableAssertions, Collections.unmodifiableMap(vars), file);
    }
}
