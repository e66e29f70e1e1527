package io.porygon.core.graph;

import java.util.Map;

/** The settings of workflow_settings.yaml that compiled actions depend on, with --vars applied. */
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
        Map<String, String> vars) {}
