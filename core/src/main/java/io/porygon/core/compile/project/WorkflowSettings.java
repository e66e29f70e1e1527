package io.porygon.core.compile.project;

import io.porygon.core.graph.ProjectConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of {@code workflow_settings.yaml} (Dataform 3). Only those that shape compiled
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
        Map<String, String> vars) {

    /**
     * The project config with {@code overrides} (from --vars) applied over the file's vars. The order is
     * Dataform's, which project code can see (Object.keys): the file's, an overridden var in its place, new ones after.
     */
    public ProjectConfig toProjectConfig(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(vars);
        merged.putAll(overrides);
        return new ProjectConfig(defaultProject, defaultDataset, defaultLocation, defaultAssertionDataset,
                datasetSuffix, projectSuffix, namePrefix, builtinAssertionNamePrefix, disableAssertions,
                Collections.unmodifiableMap(merged));
    }
}
