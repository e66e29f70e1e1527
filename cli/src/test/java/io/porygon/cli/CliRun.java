package io.porygon.cli;

import java.io.BufferedWriter;
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
        // buffered, as the writers over System.out and System.err are: what a command prints without flushing
        // is seen only if PorygonCli flushes it, as it must before the JVM exits
        cli.setOut(new PrintWriter(new BufferedWriter(out), true));
        cli.setErr(new PrintWriter(new BufferedWriter(err), true));
        int code = PorygonCli.execute(cli, args);
        return new Result(code, out.toString(), err.toString());
    }
}
