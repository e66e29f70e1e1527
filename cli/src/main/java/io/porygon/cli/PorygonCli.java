package io.porygon.cli;

import io.porygon.core.PorygonException;
import io.porygon.core.engine.EngineException;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code porygon} command. Each subcommand is a class of its own. */
@Command(
        name = "porygon",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Compile, run and test SQL pipelines written in Dataform's format.",
        subcommands = {CommandLine.HelpCommand.class, CompileCommand.class, RunCommand.class, TestCommand.class, HistoryCommand.class, GenerateCommand.class, LoadCommand.class, DemoCommand.class, DocsCommand.class},
        footer = {"", "Exit codes: 0 success; 1 an action, assertion or test failed; 2 usage, configuration or compile error."})
public final class PorygonCli {

    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        System.exit(execute(commandLine(), args));
    }

    /**
     * Runs {@code args} and flushes what the command printed: the writers over System.out and System.err buffer, and
     * System.exit does not flush them, so a last print without a newline (history --run's alerts) would be lost.
     */
    static int execute(CommandLine cli, String[] args) {
        try {
            return cli.execute(args);
        } finally {
            cli.getOut().flush();
            cli.getErr().flush();
        }
    }

    /** The configured command line; tests call {@code commandLine().execute(...)} in-process. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new PorygonCli());
        cli.setExecutionExceptionHandler(PorygonCli::handleException);
        cli.setParameterExceptionHandler(PorygonCli::handleUsageError);
        cli.setExitCodeExceptionMapper(e -> EXIT_USAGE);
        giveTheVersionToEverySubcommand(cli);
        return cli;
    }

    /** mixinStandardHelpOptions offers -V/--version on every command; without a provider it would print nothing. */
    private static void giveTheVersionToEverySubcommand(CommandLine cli) {
        for (CommandLine sub : cli.getSubcommands().values()) {
            var spec = sub.getCommandSpec();
            if (spec.version().length == 0 && spec.versionProvider() == null) spec.versionProvider(new VersionProvider());
            giveTheVersionToEverySubcommand(sub);
        }
    }

    /** A wrong option or argument: what is wrong and where to look, without the whole usage text. */
    private static int handleUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        cli.getErr().println("error: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, cli.getErr());
        cli.getErr().println("  hint: `" + cli.getCommandSpec().qualifiedName() + " --help` lists the options and arguments");
        return EXIT_USAGE;
    }

    /** DuckDB's words when its memory limit is reached, which vary with where it was reached. */
    private static final Pattern OUT_OF_MEMORY = Pattern.compile("(?i)could not allocate|failed to allocate|failed to pin block|out of memory|memory limit");

    private static int handleException(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
        boolean debug = parseResult.hasMatchedOption("--debug")
                || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
        if (e instanceof PorygonException pe) {
            cli.getErr().println("error: " + pe.render());
            if (debug) pe.printStackTrace(cli.getErr());
            return EXIT_USAGE;
        }
        if (e instanceof EngineException we) {
            // the warehouse refused a statement of generate, load or demo (a memory limit, a full disk): no bug of Porygon's
            String message = we.getMessage() == null ? "" : we.getMessage().strip().lines().findFirst().orElse("");
            cli.getErr().println("error: the warehouse failed: " + message);
            cli.getErr().println(OUT_OF_MEMORY.matcher(message).find()
                    ? "  hint: raise --memory-limit (or warehouse.memory_limit in porygon.yaml), or generate a smaller --scale"
                    : "  hint: --debug shows the statement and the stack trace");
            if (debug) e.printStackTrace(cli.getErr());
            return EXIT_FAILED;
        }
        cli.getErr().println("internal error: " + e);
        e.printStackTrace(cli.getErr());
        return EXIT_FAILED;
    }
}
