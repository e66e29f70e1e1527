package io.porygon.cli.pipeline;

import io.porygon.cli.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the real porygon CLI in-process against the bundled pipeline and a given warehouse file. */
final class PorygonCommand {
    static final Path PIPELINE = Path.of("..", "pipelines", "thelook").toAbsolutePath().normalize();

    private final Path warehouse;

    PorygonCommand(Path warehouse) {
        this.warehouse = warehouse;
    }

    CliRun.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--warehouse");
        all.add(warehouse.toString());
        all.add(PIPELINE.toString());
        return CliRun.run(all.toArray(String[]::new));
    }

    /** Runs a command and fails with its output unless it exits 0. */
    String succeed(String... args) {
        CliRun.Result o = run(args);
        if (o.exitCode() != 0) {
            throw new AssertionError("porygon " + String.join(" ", args) + " exited " + o.exitCode() + "\n" + o.out() + o.err());
        }
        return o.out();
    }
}
