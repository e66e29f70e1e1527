package io.porygon.cli;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.compile.project.ProjectLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Parameters;

/**
 * The optional last argument of every command, as in the Dataform CLI: the project directory.
 * Defaults to the current directory, or to pipelines/thelook when run from the repository root.
 */
public final class ProjectDirectory {
    static final String SETTINGS = "workflow_settings.yaml";
    static final Path BUNDLED_PIPELINE = Path.of("pipelines", "thelook");

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "PROJECT_DIR",
            description = "Project directory (default: the current directory, or pipelines/thelook from the repository root).")
    Path dir;

    public Path resolve() {
        Path chosen = chosen();
        return find().orElseThrow(() -> notAProject(chosen));
    }

    /** Why {@code chosen} is no project: a path that does not exist or is a file says so, not only that settings are missing. */
    private static PorygonException notAProject(Path chosen) {
        // no example path: one relative to where the user stands would be wrong from most places
        String hint = "pass the project directory, the one that holds " + SETTINGS + ", as the last argument"
                + " (the bundled pipeline is pipelines/thelook in Porygon's repository)";
        if (Files.isRegularFile(chosen)) {
            return new PorygonException(SourceLocation.of(chosen.toString()), "not a Porygon/Dataform project: it is a file, not a directory",
                    chosen.getParent() != null && ProjectLoader.isProject(chosen.getParent())
                            ? "pass the directory that holds it: " + chosen.getParent() : hint);
        }
        String why = Files.exists(chosen) ? SETTINGS + " is missing (and there is no Dataform 2 dataform.json)" : "no such directory";
        return new PorygonException(SourceLocation.of(chosen.toString()), "not a Porygon/Dataform project: " + why, hint);
    }

    /** The project directory, or empty when there is none (for commands that can do without one). */
    public Optional<Path> find() {
        Path chosen = chosen();
        return ProjectLoader.isProject(chosen) ? Optional.of(chosen.normalize()) : Optional.empty();
    }

    private Path chosen() {
        return dir != null ? dir.toAbsolutePath() : defaultFor(Path.of("").toAbsolutePath());
    }

    static Path defaultFor(Path cwd) {
        if (!ProjectLoader.isProject(cwd) && ProjectLoader.isProject(cwd.resolve(BUNDLED_PIPELINE))) {
            return cwd.resolve(BUNDLED_PIPELINE);
        }
        return cwd;
    }
}
