package io.porygon.core.graph;

import java.util.Map;

/**
 * The settings of workflow_settings.yaml (or dataform.json) that compiled actions depend on, with --vars applied, and
 * which of the two files they came from.
 */
public record ProjectConfig(
        String defaultDatabase,
        String defaultSchema,
        String defaultLocation,
        String assertionSchema,
        String schemaSuffix,
        String databaseSuffix,
        String tablePrefix,
        String builtinAssertionNamePrefix,
        boolean disableAssertions,
        Map<String, String> vars,
        SettingsFile settingsFile) {

    /** A target as it is written in the warehouse: with the dataset and project suffixes and the name prefix. */
    public Target finalized(Target t) {
        String database = t.database() != null && databaseSuffix != null ? t.database() + "_" + databaseSuffix : t.database();
        String schema = t.schema() != null && schemaSuffix != null ? t.schema() + "_" + schemaSuffix : t.schema();
        String name = tablePrefix != null ? tablePrefix + "_" + t.name() : t.name();
        return new Target(database, schema, name);
    }
}
