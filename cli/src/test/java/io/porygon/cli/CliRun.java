package io.porygon.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the real porygon command line in-process, as a user would, and keeps what it printed. */
public final class CliRun {
    public record Result(int exitCode, String out, String err) {}

    private CliRun() {}

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = PorygonCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
