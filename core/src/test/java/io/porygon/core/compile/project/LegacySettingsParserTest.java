package io.porygon.core.compile.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.compile.ProjectCompiler;
import io.porygon.core.graph.SettingsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LegacySettingsParserTest {
    @TempDir Path dir;

    @Test
    void dataformJsonKeysMapToTheWorkflowSettingsNames() {
        WorkflowSettings s = LegacySettingsParser.parse("{\"warehouse\": \"bigquery\", \"defaultDatabase\": \"p\", \"defaultSchema\": \"d\","
                + " \"assertionSchema\": \"a\", \"databaseSuffix\": \"dev\", \"tablePrefix\": \"stg\", \"vars\": {\"x\": \"1\"}}");
        assertThat(s.defaultProject()).isEqualTo("p");
        assertThat(s.defaultDataset()).isEqualTo("d");
        assertThat(s.defaultAssertionDataset()).isEqualTo("a");
        assertThat(s.projectSuffix()).isEqualTo("dev");
        assertThat(s.namePrefix()).isEqualTo("stg");
        assertThat(s.vars()).isEqualTo(Map.of("x", "1"));
    }

    @Test
    void badInputIsLocatedWithAHint() {
        assertThatThrownBy(() -> LegacySettingsParser.parse("{\n  \"defaultSchema\": \"d\",\n  \"defaultSchem\": \"e\"\n}"))
                .isInstanceOf(PorygonException.class)
                .satisfies(e -> {
                    assertThat(((PorygonException) e).location()).isEqualTo(new SourceLocation("dataform.json", 3, 3));
                    assertThat(((PorygonException) e).hint()).isEqualTo("did you mean defaultSchema?");
                });
        assertThatThrownBy(() -> LegacySettingsParser.parse("{\n  \"defaultSchema\": \"d\"\n  \"vars\": {}\n}"))
                .isInstanceOf(PorygonException.class).hasMessageContaining("invalid JSON")
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(3));
        assertThatThrownBy(() -> LegacySettingsParser.parse("{\"warehouse\": \"redshift\"}"))
                .isInstanceOf(PorygonException.class).hasMessageContaining("not BigQuery");
        assertThatThrownBy(() -> LegacySettingsParser.parse("{\"vars\": {\"n\": 1}}"))
                .isInstanceOf(PorygonException.class).hasMessageContaining("must be a string");
    }

    @Test
    void dataform2KeysThatDataform3RefusesAreRefused() {
        // Dataform 3.0's CLI: Unexpected property "useRunCache" (and "idempotentActionRetries"); defaultReservation is read
        for (String key : java.util.List.of("\"useRunCache\": false", "\"idempotentActionRetries\": 2")) {
            assertThatThrownBy(() -> LegacySettingsParser.parse("{\"defaultSchema\": \"d\", " + key + "}"))
                    .isInstanceOf(PorygonException.class).hasMessageContaining("unexpected property");
        }
        assertThat(LegacySettingsParser.parse("{\"defaultSchema\": \"d\", \"defaultReservation\": \"r\"}").defaultDataset()).isEqualTo("d");
    }

    @Test
    void aProjectHasOneSettingsFileNotBoth() throws IOException {
        Files.writeString(dir.resolve("dataform.json"), "{\"defaultDatabase\": \"p\", \"defaultSchema\": \"d\"}");
        assertThat(ProjectLoader.isProject(dir)).isTrue();
        assertThat(ProjectLoader.load(dir).settings().defaultDataset()).isEqualTo("d");
        // which file was read reaches the compiled config: errors about a missing setting name that file
        assertThat(ProjectCompiler.compile(dir, SettingsOverrides.NONE).graph().projectConfig().settingsFile()).isEqualTo(SettingsFile.DATAFORM_JSON);
        Files.writeString(dir.resolve("workflow_settings.yaml"), "defaultProject: p\ndefaultDataset: d\n");
        Files.delete(dir.resolve("dataform.json"));
        assertThat(ProjectCompiler.compile(dir, SettingsOverrides.NONE).graph().projectConfig().settingsFile()).isEqualTo(SettingsFile.WORKFLOW_SETTINGS_YAML);
        Files.writeString(dir.resolve("dataform.json"), "{\"defaultDatabase\": \"p\", \"defaultSchema\": \"d\"}");
        assertThatThrownBy(() -> ProjectLoader.load(dir)).isInstanceOf(PorygonException.class)
                .hasMessageContaining("cannot be defined alongside workflow_settings.yaml");
    }
}
