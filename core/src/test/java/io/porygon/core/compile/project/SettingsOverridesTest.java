package io.porygon.core.compile.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.core.graph.ProjectConfig;
import io.porygon.core.graph.SettingsFile;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CLI's overrides replace settings of the file as Dataform's CLI merges its projectConfigOverride. */
class SettingsOverridesTest {
    private static final WorkflowSettings FILE = new WorkflowSettings("p", "d", "US", "d_checks", "team", "file", "f", "chk", null, false,
            ordered("env", "dev", "region", "eu"), SettingsFile.WORKFLOW_SETTINGS_YAML);

    @Test
    void eachGivenValueReplacesItsSetting() {
        ProjectConfig c = FILE.overriddenBy(new SettingsOverrides("q", "e", "EU", "qa", "sb", "dev", "pg", true, Map.of())).toProjectConfig();
        assertThat(c).isEqualTo(new ProjectConfig("q", "e", "EU", "qa", "dev", "sb", "pg", "chk", true, ordered("env", "dev", "region", "eu"),
                SettingsFile.WORKFLOW_SETTINGS_YAML));
    }

    @Test
    void anAbsentOrEmptyValueKeepsTheFilesAndAFalseFlagDisablesNothing() {
        ProjectConfig c = FILE.overriddenBy(new SettingsOverrides(null, "", null, "", null, "", null, false, Map.of())).toProjectConfig();
        assertThat(c).isEqualTo(FILE.toProjectConfig());
        WorkflowSettings disabled = new WorkflowSettings("p", "d", null, null, null, null, null, null, null, true, Map.of(),
                SettingsFile.WORKFLOW_SETTINGS_YAML);
        assertThat(disabled.overriddenBy(SettingsOverrides.NONE).disableAssertions()).isTrue();
    }

    @Test
    void varsKeepTheFilesOrderWithNewOnesAfter() {
        ProjectConfig c = FILE.overriddenBy(SettingsOverrides.ofVars(ordered("extra", "yes", "env", "prod"))).toProjectConfig();
        assertThat(c.vars()).containsExactly(Map.entry("env", "prod"), Map.entry("region", "eu"), Map.entry("extra", "yes"));
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }
}
