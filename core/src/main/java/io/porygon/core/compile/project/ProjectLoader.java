package io.porygon.core.compile.project;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Reads a project directory: workflow_settings.yaml, definitions/**.{sqlx,js}, includes/**.js and the
 * project's other .js files (for require), skipping hidden files and folders (names starting with a
 * dot) as Dataform does.
 */
public final class ProjectLoader {
    /** JSON files of the root that are no project data: npm's and Dataform 2's settings (read, if at all, elsewhere). */
    private static final Set<String> ROOT_JSON = Set.of("package.json", "package-lock.json", "dataform.json");

    private ProjectLoader() {}

    public static Project load(Path root) {
        WorkflowSettings settings = settings(root);
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            throw unreadable(root, e);
        }
        // walked from the real path: a walk from a root that is itself a link would not enter it
        List<SourceFile> includes = files(realRoot, "includes", ".js");
        List<SourceFile> definitions = files(realRoot, "definitions", ".sqlx", ".js");
        return new Project(root, settings, includes, definitions, otherScripts(realRoot));
    }

    /** Whether {@code dir} holds a project: workflow_settings.yaml, or Dataform 2's dataform.json. */
    public static boolean isProject(Path dir) {
        return Files.isRegularFile(dir.resolve(SettingsParser.FILE)) || Files.isRegularFile(dir.resolve(LegacySettingsParser.FILE));
    }

    /** workflow_settings.yaml, or, as Dataform 3 still reads it, a Dataform 2 project's dataform.json (never both). */
    private static WorkflowSettings settings(Path root) {
        Path yaml = root.resolve(SettingsParser.FILE);
        Path json = root.resolve(LegacySettingsParser.FILE);
        boolean hasYaml = Files.isRegularFile(yaml);
        if (hasYaml && Files.isRegularFile(json)) {
            throw new PorygonException(SourceLocation.of(LegacySettingsParser.FILE), "dataform.json has been deprecated and cannot be"
                    + " defined alongside workflow_settings.yaml", "move its settings into workflow_settings.yaml and delete it, as Dataform 3 requires");
        }
        if (hasYaml) return SettingsParser.parse(read(yaml, SettingsParser.FILE));
        if (Files.isRegularFile(json)) return LegacySettingsParser.parse(read(json, LegacySettingsParser.FILE));
        throw new PorygonException(SourceLocation.of(root.toString()), "not a Dataform project: " + SettingsParser.FILE + " is missing",
                "create " + SettingsParser.FILE + " with at least defaultProject and defaultDataset");
    }

    /**
     * The .js files outside includes/ and definitions/, and the .json files anywhere (as in Node, Dataform's require
     * loads both), skipping hidden folders and node_modules, and the root's package and settings files.
     */
    private static List<SourceFile> otherScripts(Path root) {
        List<SourceFile> out = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(root)) return FileVisitResult.CONTINUE;
                    String name = dir.getFileName().toString();
                    return name.startsWith(".") || name.equals("node_modules") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = root.relativize(file).toString().replace('\\', '/');
                    if (file.getFileName().toString().startsWith(".") || !isRegularFile(file, attrs)) return FileVisitResult.CONTINUE;
                    boolean loaded = name.startsWith("includes/") || name.startsWith("definitions/");
                    if (name.endsWith(".js") && !loaded || name.endsWith(".json") && !ROOT_JSON.contains(name)) {
                        out.add(new SourceFile(name, read(root, file, name)));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw unreadable(root, e);
        }
        out.sort(Comparator.comparing(SourceFile::path));
        return out;
    }

    /** The files of {@code dir} with one of {@code extensions}, by path; hidden folders are not entered. */
    private static List<SourceFile> files(Path root, String dir, String... extensions) {
        Path base = root.resolve(dir);
        if (!Files.isDirectory(base)) return List.of();
        List<Path> found = new ArrayList<>();
        try {
            // the walk's own attributes: no second look at each file, as Files.walk then Files.isRegularFile take
            Files.walkFileTree(base, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return d.equals(base) || !isHidden(d) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (isRegularFile(file, attrs) && !isHidden(file) && hasExtension(file, extensions)) found.add(file);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw unreadable(root, e);
        }
        found.sort(Comparator.comparing(Path::toString));
        List<SourceFile> out = new ArrayList<>(found.size());
        for (Path p : found) {
            String name = root.relativize(p).toString().replace('\\', '/');
            out.add(new SourceFile(name, read(root, p, name)));
        }
        return out;
    }

    /**
     * A file, or a link to one: never a device or a named pipe, which a read would not end (/dev/zero) or would wait on
     * for ever (a FIFO).
     */
    private static boolean isRegularFile(Path file, BasicFileAttributes attrs) {
        return attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(file);
    }

    /**
     * A project file's text. A link that leads out of the project is refused: project code could otherwise put any file
     * the user can read (a credentials file) into the SQL it sends to the warehouse.
     */
    private static String read(Path realRoot, Path file, String name) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw unreadable(name, e);
        }
        if (!real.startsWith(realRoot)) {
            throw new PorygonException(SourceLocation.of(name), "links to a file outside the project (" + real + ")",
                    "copy the file into the project: Porygon reads only the project's own files, so that its JavaScript cannot"
                            + " read others");
        }
        return read(real, name); // the path checked, not the link again: it may have been changed in between
    }

    private static boolean isHidden(Path file) {
        return file.getFileName().toString().startsWith(".");
    }

    private static boolean hasExtension(Path file, String... extensions) {
        String name = file.getFileName().toString();
        for (String e : extensions) if (name.endsWith(e)) return true;
        return false;
    }

    private static String read(Path p, String name) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(p);
        } catch (IOException e) {
            throw unreadable(name, e);
        }
        // bytes that are not UTF-8 decode to U+FFFD: only then decode again, strictly, to say where they are
        String decoded = new String(bytes, StandardCharsets.UTF_8);
        String text = (decoded.indexOf('\uFFFD') < 0 ? decoded : strictlyDecoded(bytes, name)).replace("\r\n", "\n");
        // a byte-order mark (Windows editors write one) is no part of the text: in a query it is a syntax error
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** A walk of the project that met a file or folder it cannot read. */
    private static PorygonException unreadable(Path root, IOException e) {
        return unreadable(e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : root.toString(), e);
    }

    /** A project file or folder that cannot be read (its permissions, most often): where, and why. */
    private static PorygonException unreadable(String file, IOException e) {
        String why = e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new PorygonException(SourceLocation.of(file), "cannot be read (" + why + ")", "make it readable by the user running porygon", e);
    }

    private static String strictlyDecoded(byte[] bytes, String name) {
        CharBuffer text = CharBuffer.allocate(bytes.length);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().decode(in, text, true);
        if (result.isError()) {
            // the text decoded so far ends where the bad bytes start
            String before = text.flip().toString();
            int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
            int column = before.length() - before.lastIndexOf('\n');
            throw new PorygonException(new SourceLocation(name, line, column), "the file is not valid UTF-8 (byte 0x"
                    + String.format("%02x", bytes[in.position()] & 0xff) + ")",
                    "save it as UTF-8 (Dataform reads project files as UTF-8); the byte may come from Latin-1 or Windows-1252 text");
        }
        return text.flip().toString();
    }
}
