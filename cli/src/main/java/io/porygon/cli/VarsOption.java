package io.porygon.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --vars NAME=VALUE,...}: overrides the vars of workflow_settings.yaml, as Dataform's CLI does. */
final class VarsOption {
    @Option(names = "--vars", split = ",", paramLabel = "NAME=VALUE",
            description = "Override vars of workflow_settings.yaml, e.g. --vars=env=prod,start_date=2024-01-01.")
    Map<String, String> values = new LinkedHashMap<>();
}
