package io.porygon.cli;

import io.porygon.core.compile.project.ProjectLoader;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Reads the values of {@code --actions} and {@code --tags} the way the Dataform CLI does ({@code --actions a b})
 * and the way picocli does ({@code --actions a,b}, {@code --actions a --actions b}). The list ends at the next
 * option or at an argument that is a path, so the project directory can still come last.
 */
final class NameListConsumer implements IParameterConsumer {
    @Override
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
        List<String> names = new ArrayList<>(argSpec.getValue() == null ? List.of() : argSpec.<List<String>>getValue());
        String option = ((OptionSpec) argSpec).longestName();
        if (args.isEmpty() || args.peek().startsWith("-")) {
            throw new ParameterException(commandSpec.commandLine(), "Missing required parameter for option '" + option + "' ("
                    + argSpec.paramLabel() + ")");
        }
        int before = names.size();
        do {
            Arrays.stream(args.pop().split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(names::add);
        } while (!args.isEmpty() && !endsList(args.peek()));
        if (names.size() == before) {
            // an empty list (--actions "$UNSET") would select nothing in Dataform; here it would leave the selection empty,
            // which runs every action
            throw new ParameterException(commandSpec.commandLine(), "Option '" + option + "' was given no " + argSpec.paramLabel()
                    + " (only empty text or commas)");
        }
        argSpec.setValue(names);
    }

    /**
     * Names never start with a dash nor hold a slash; a path, or a directory holding a project, is the project
     * argument (a mistyped path then gets the error that says it is no project, not "no action named"). A plain
     * directory name may be an action's name too ({@code staging}).
     */
    private static boolean endsList(String arg) {
        if (arg.startsWith("-") || arg.contains("/") || arg.contains("\\")) return true;
        try {
            return ProjectLoader.isProject(Path.of(arg));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
