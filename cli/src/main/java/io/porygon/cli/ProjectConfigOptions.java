package io.porygon.cli;

import io.porygon.core.compile.project.SettingsOverrides;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The project config overrides of Dataform's CLI, under its names and with its meaning, on every command that
 * compiles: each replaces a setting of workflow_settings.yaml before the project's JavaScript runs, so that
 * dataform.projectConfig shows it. An empty value keeps the file's, as in Dataform.
 */
final class ProjectConfigOptions {
    /** Dataform's CLI refuses any other schema suffix; the suffix becomes part of dataset names. */
    private static final Pattern SUFFIX = Pattern.compile("[a-zA-Z_0-9]+");

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    final Map<String, String> vars = new LinkedHashMap<>();

    /** Each pair needs a name: picocli's own map option would take {@code =x} as a var named "". */
    @Option(names = "--vars", split = ",", paramLabel = "NAME=VALUE",
            description = "Override vars of workflow_settings.yaml, e.g. --vars=env=prod,start_date=2024-01-01.")
    void vars(List<String> pairs) {
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), "--vars takes NAME=VALUE pairs separated by commas, not '" + pair + "'");
            }
            vars.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
    }

    @Option(names = "--default-database", paramLabel = "PROJECT",
            description = "Override defaultProject of workflow_settings.yaml: the GCP project of actions that name none.")
    String defaultDatabase;

    @Option(names = "--default-schema", paramLabel = "DATASET",
            description = "Override defaultDataset of workflow_settings.yaml: the dataset of actions that name none.")
    String defaultSchema;

    @Option(names = "--default-location", paramLabel = "LOCATION",
            description = "Override defaultLocation of workflow_settings.yaml: BigQuery's location, which only dataform.projectConfig"
                    + " shows on DuckDB.")
    String defaultLocation;

    @Option(names = "--assertion-schema", paramLabel = "DATASET",
            description = "Override defaultAssertionDataset of workflow_settings.yaml: the dataset of assertions that name none.")
    String assertionSchema;

    @Option(names = "--database-suffix", paramLabel = "SUFFIX",
            description = "Override projectSuffix of workflow_settings.yaml: PROJECT_SUFFIX for every action but declarations.")
    String databaseSuffix;

    private String schemaSuffix;

    @Option(names = "--schema-suffix", paramLabel = "SUFFIX",
            description = "Override datasetSuffix of workflow_settings.yaml: DATASET_SUFFIX for every action but declarations,"
                    + " e.g. --schema-suffix dev for a development environment.")
    void schemaSuffix(String value) {
        if (value != null && !value.isEmpty() && !SUFFIX.matcher(value).matches()) {
            throw new ParameterException(spec.commandLine(),
                    "--schema-suffix should contain only alphanumeric characters and/or underscores."); // Dataform's words
        }
        schemaSuffix = value;
    }

    @Option(names = "--table-prefix", paramLabel = "PREFIX",
            description = "Override namePrefix of workflow_settings.yaml: PREFIX_NAME for every action but declarations.")
    String tablePrefix;

    @Option(names = "--disable-assertions",
            description = "Set disableAssertions: every assertion, built-in ones too, compiles as disabled (as in Dataform) and is"
                    + " not run.")
    boolean disableAssertions;

    /** The options given, as the compiler takes them. */
    SettingsOverrides overrides() {
        return new SettingsOverrides(defaultDatabase, defaultSchema, defaultLocation, assertionSchema, databaseSuffix, schemaSuffix,
                tablePrefix, disableAssertions, vars);
    }
}
