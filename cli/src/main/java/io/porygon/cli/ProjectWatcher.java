package io.porygon.cli;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a change to a project's files, for {@code compile --watch}: every folder of the project is
 * watched but hidden ones (Porygon's own .porygon among them) and node_modules, as the compiler skips them;
 * files whose kind the compiler never reads (a warehouse file, say) change nothing.
 */
final class ProjectWatcher implements AutoCloseable {
    /** What the compiler reads (.sqlx, .js, .json, the settings files). */
    private static final Set<String> READ_EXTENSIONS = Set.of("sqlx", "js", "json", "yaml", "yml");

    private final Path root;
    private final Duration settle;
    private final WatchService service;
    /** The folders watched: one deleted or moved away is a change whatever its name, and is watched no more. */
    private final Map<Path, WatchKey> folders = new HashMap<>();
    /** Files the compile reads besides the project's (a --config file): of their folders, only they count. */
    private final Set<Path> otherFiles = new HashSet<>();

    /**
     * Watches {@code root} and {@code otherFiles}, wherever they are; a change counts once no other came for {@code settle}
     * (an editor's save is several events).
     */
    ProjectWatcher(Path root, Duration settle, List<Path> otherFiles) {
        this.settle = settle;
        try {
            // the real path, as the compiler walks it: a walk from a link would not enter it, and watch nothing
            this.root = root.toRealPath();
            service = FileSystems.getDefault().newWatchService();
            register(this.root);
            for (Path file : otherFiles) {
                // as their folder's real path: the events name it so, if it is a project folder watched already
                Path folder = file.toAbsolutePath().getParent().toRealPath();
                this.otherFiles.add(folder.resolve(file.getFileName()));
                watch(folder);
            }
        } catch (IOException e) {
            throw new PorygonException(SourceLocation.of(root.toString()), "cannot watch the project's files: " + e.getMessage(),
                    "compile without --watch; on Linux, a full inotify table is raised with sysctl fs.inotify.max_user_watches");
        }
    }

    /**
     * Blocks until project files changed and then settled; returns them, relative to the project, in order. Throws when
     * the project directory itself is deleted.
     */
    Set<String> awaitChange() throws InterruptedException {
        Set<String> changed = new TreeSet<>();
        while (changed.isEmpty()) collect(service.take(), changed);
        WatchKey more;
        while ((more = service.poll(settle.toMillis(), TimeUnit.MILLISECONDS)) != null) collect(more, changed);
        return changed;
    }

    private void collect(WatchKey key, Set<String> changed) {
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                changed.add("(too many changes to list)");
                walkAgain();
                continue;
            }
            Path path = dir.resolve((Path) event.context());
            if (otherFiles.contains(path)) {
                changed.add(path.startsWith(root) ? relative(path) : path.toString());
                continue;
            }
            if (!folders.containsKey(dir) || skipped(path)) continue;
            boolean goneFolder = event.kind() == StandardWatchEventKinds.ENTRY_DELETE && forget(path);
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(path)) registerQuietly(path);
            if (goneFolder || Files.isDirectory(path) || READ_EXTENSIONS.contains(extension(path))) {
                changed.add(relative(path));
            }
        }
        key.reset();
        if (!key.isValid() && key == folders.get(root)) {
            // nothing is left to watch: a project made again in its place would not be seen
            throw new PorygonException(SourceLocation.of(root.toString()), "the project directory was deleted; the watch ends",
                    "start compile --watch again once the project is back");
        }
    }

    private void register(Path start) throws IOException {
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root) && skipped(dir)) return FileVisitResult.SKIP_SUBTREE;
                if (!folders.containsKey(dir)) folders.put(dir, watch(dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE; // deleted while walked: the rest still is
                throw e;
            }
        });
    }

    private WatchKey watch(Path folder) throws IOException {
        return folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                StandardWatchEventKinds.ENTRY_MODIFY);
    }

    /**
     * A folder created while watching (or the project, walked again after an overflow); its creation is a change
     * already, whose compile reads what it holds.
     */
    private void registerQuietly(Path dir) {
        try {
            register(dir);
        } catch (IOException | ClosedWatchServiceException gone) {
            // removed again before it could be watched: nothing in it to watch
        }
    }

    /**
     * After an overflow (more events at once for a folder than its queue holds: 512 in the JDK's watch service), whose
     * dropped events may have created, moved or deleted folders: the folders gone are forgotten (first, as a folder moved
     * in the project would otherwise be watched again under its old name), and every one not watched yet is watched.
     */
    private void walkAgain() {
        folders.entrySet().removeIf(e -> {
            if (e.getKey().equals(root) || (e.getValue().isValid() && Files.isDirectory(e.getKey(), LinkOption.NOFOLLOW_LINKS))) return false;
            e.getValue().cancel();
            return true;
        });
        registerQuietly(root);
    }

    /**
     * Stops watching {@code path} and the folders in it, if it is a watched folder: one moved out of the project would
     * still be watched (the watch follows the folder), and one renamed would be reported under its old name.
     */
    private boolean forget(Path path) {
        if (!folders.containsKey(path)) return false;
        folders.entrySet().removeIf(e -> {
            if (!e.getKey().startsWith(path)) return false;
            e.getValue().cancel();
            return true;
        });
        return true;
    }

    private String relative(Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    private static boolean skipped(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(".") || name.equals("node_modules");
    }

    private static String extension(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // nothing is left to watch either way
        }
    }
}
