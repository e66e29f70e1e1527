package io.porygon.cli.pipeline;

import io.porygon.cli.PorygonCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the real porygon CLI in-process against the bundled pipeline and a given warehouse file. */
final class PorygonCommand {
    static final Path PIPELINE = Path.of("..", "pipelines", "thelook").toAbsolutePath().normalize();

    record Outcome(int exitCode, String out, String err) {}

    private final Path warehouse;

    PorygonCommand(Path warehouse) {
        this.warehouse = warehouse;
    }

    Outcome run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--warehouse");
        all.add(warehouse.toString());
        all.add(PIPELINE.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = PorygonCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(all.toArray(String[]::new));
        return new Outcome(code, out.toString(), err.toString());
    }

    /** Runs a command and fails with its output unless it exits 0. */
    String succeed(String... args) {
        Outcome o = run(args);
        if (o.exitCode() != 0) {
            throw new AssertionError("porygon " + String.join(" ", args) + " exited " + o.exitCode() + "\n" + o.out() + o.err());
        }
        return o.out();
    }
}
