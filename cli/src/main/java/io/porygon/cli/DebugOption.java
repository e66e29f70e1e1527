package io.porygon.cli;

import picocli.CommandLine.Option;

/** {@code --debug}, on every command: errors are printed with their stack trace (see PorygonCli). */
final class DebugOption {
    @Option(names = "--debug", description = "Show stack traces of errors.")
    boolean enabled;
}
