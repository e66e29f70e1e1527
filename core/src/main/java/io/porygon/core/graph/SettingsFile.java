package io.porygon.core.graph;

/**
 * The file a project's settings were read from. An error about a missing setting names that file and the
 * setting under its own name there, so the hint says what to write where the user will write it.
 */
public enum SettingsFile {
    WORKFLOW_SETTINGS_YAML("workflow_settings.yaml", "defaultDataset", "defaultDataset: <dataset>"),
    /** Dataform 2's settings, which Dataform 3 still reads when there is no workflow_settings.yaml. */
    DATAFORM_JSON("dataform.json", "defaultSchema", "\"defaultSchema\": \"<dataset>\"");

    private final String fileName;
    private final String datasetKey;
    private final String datasetExample;

    SettingsFile(String fileName, String datasetKey, String datasetExample) {
        this.fileName = fileName;
        this.datasetKey = datasetKey;
        this.datasetExample = datasetExample;
    }

    public String fileName() {
        return fileName;
    }

    /** The key of the default dataset in this file: defaultDataset, or Dataform 2's defaultSchema. */
    public String datasetKey() {
        return datasetKey;
    }

    /** A line setting the default dataset, as it is written in this file. */
    public String datasetExample() {
        return datasetExample;
    }
}
