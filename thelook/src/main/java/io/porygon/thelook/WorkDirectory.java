package io.porygon.thelook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A directory Porygon works in for the length of one command (an export's staging directory, generate's scratch
 * warehouse), deleted when the work ends. A {@code kill -9} skips that deletion, so the directory holds a lock file that
 * its process keeps locked: the operating system drops the lock when the process dies, however it dies, and a later
 * command then knows the directory is abandoned and removes it ({@link #removeAbandoned}). Locks are advisory and
 * per machine: a directory on a network share used by two machines at once is not protected.
 */
public final class WorkDirectory implements AutoCloseable {
    static final String LOCK_FILE = ".porygon-lock";
    /**
     * How old an unlocked directory must be before it counts as abandoned: a directory just created is not locked
     * yet (its lock file comes a moment later). It also covers directories from before the lock file existed.
     */
    static final Duration GRACE = Duration.ofMinutes(1);
    /**
     * The directories this process works in. The operating system keeps one lock per process and file, which closing
     * any channel to the file drops: so this process must never open the lock file of a directory it holds, not even
     * to test it, or another process would find it free. Process-wide, like the locks it mirrors.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final FileChannel lockChannel;

    private WorkDirectory(Path path, FileChannel lockChannel) {
        this.path = path;
        this.lockChannel = lockChannel;
    }

    /** A new directory {@code prefix...} in {@code parent}, locked by this process until {@link #close()}. */
    public static WorkDirectory create(Path parent, String prefix) throws IOException {
        Path dir = Files.createTempDirectory(parent, prefix);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            channel.lock(); // released with the channel, or by the operating system when the process dies
            HELD.add(dir.toAbsolutePath().normalize());
            return new WorkDirectory(dir, channel);
        } catch (IOException | RuntimeException e) {
            if (channel != null) channel.close();
            deleteQuietly(dir);
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** Releases the lock and deletes the directory with everything in it. */
    @Override
    public void close() {
        try {
            lockChannel.close(); // before deleting: some systems refuse to delete an open file
        } catch (IOException e) {
            // the directory is deleted all the same; a later command removes what could not be
        }
        deleteQuietly(path);
        HELD.remove(path.toAbsolutePath().normalize());
    }

    /**
     * Deletes the directories {@code prefix...} in {@code parent} that no running process works in: their lock is free
     * (or they have no lock file) and they are older than {@link #GRACE}. Quiet: leftovers are only disk space.
     */
    public static void removeAbandoned(Path parent, String prefix) {
        try (Stream<Path> entries = Files.list(parent)) {
            for (Path dir : entries.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p)).toList()) {
                if (isAbandoned(dir)) deleteQuietly(dir);
            }
        } catch (IOException | UncheckedIOException e) {
            // an unreadable parent is the caller's problem to report, not this clean-up's
        }
    }

    static boolean isAbandoned(Path dir) {
        if (HELD.contains(dir.toAbsolutePath().normalize())) return false; // this process works in it (a command running in the same JVM)
        try {
            if (Files.getLastModifiedTime(dir).toInstant().isAfter(Instant.now().minus(GRACE))) return false;
            Path lockFile = dir.resolve(LOCK_FILE);
            if (!Files.exists(lockFile)) return true;
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                if (lock == null) return false; // another process holds it: its work is going on
                lock.release();
                return true;
            }
        } catch (IOException e) {
            return false; // when in doubt, keep it
        }
    }

    /** Deletes a directory and what it holds, as far as it can: a leftover is harmless, unlike hiding the failure it follows. */
    public static void deleteQuietly(Path tree) {
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // the rest is still deleted; the caller's own failure, if any, matters more
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // the tree is gone already, or cannot be read: nothing more to do
        }
    }
}
