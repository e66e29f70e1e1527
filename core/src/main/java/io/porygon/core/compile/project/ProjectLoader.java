package io.porygon.core.compile.project;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a project directory: workflow_settings.yaml, definitions/**.{sqlx,js} and includes/**.js,
 * skipping hidden files and folders (names starting with a dot) as Dataform does.
 */
public final class ProjectLoader {
    private ProjectLoader() {}

    public static Project load(Path root) {
        Path settingsFile = root.resolve(SettingsParser.FILE);
        if (!Files.isRegularFile(settingsFile)) {
            throw new PorygonException(SourceLocation.of(root.toString()), "not a Dataform project: " + SettingsParser.FILE + " is missing",
                    "create " + SettingsParser.FILE + " with at least defaultProject and defaultDataset");
        }
        WorkflowSettings settings = SettingsParser.parse(read(settingsFile));
        List<SourceFile> includes = files(root, "includes", ".js");
        List<SourceFile> definitions = files(root, "definitions", ".sqlx", ".js");
        return new Project(root, settings, includes, definitions);
    }

    private static List<SourceFile> files(Path root, String dir, String... extensions) {
        Path base = root.resolve(dir);
        if (!Files.isDirectory(base)) return List.of();
        List<SourceFile> out = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(base)) {
            paths.filter(Files::isRegularFile)
                    .filter(p -> !isHidden(base.relativize(p)))
                    .filter(p -> Stream.of(extensions).anyMatch(e -> p.getFileName().toString().endsWith(e)))
                    .sorted(Comparator.comparing(Path::toString))
                    .forEach(p -> out.add(new SourceFile(root.relativize(p).toString().replace('\\', '/'), read(p))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) return true;
        }
        return false;
    }

    private static String read(Path p) {
        try {
            String s = Files.readString(p, StandardCharsets.UTF_8);
            return s.replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
