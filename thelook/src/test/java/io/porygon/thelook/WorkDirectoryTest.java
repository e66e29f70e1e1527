package io.porygon.thelook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A work directory that a killed process left is removed by the next command; one that a running process (another
 * JVM, or this one) still works in is kept, and so is anything Porygon did not make.
 */
class WorkDirectoryTest {
    static final String PREFIX = ".porygon-test-";

    @TempDir Path parent;

    @Test
    void theDirectoryOfAKilledProcessIsRemovedAndOneStillInUseIsKept() throws Exception {
        Process killed = holder();
        Process running = holder();
        try {
            Path left = Path.of(firstLine(killed));
            Path inUse = Path.of(firstLine(running));
            killed.destroyForcibly(); // SIGKILL: no clean-up runs, as after a kill -9
            assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(left).isDirectory();
            pastGrace(left);
            pastGrace(inUse);

            WorkDirectory.removeAbandoned(parent, PREFIX);

            assertThat(left).doesNotExist();
            assertThat(inUse).isDirectory();
            running.getOutputStream().close(); // its own close() deletes it
            assertThat(running.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(inUse).doesNotExist();
        } finally {
            killed.destroyForcibly();
            running.destroyForcibly();
        }
    }

    @Test
    void aDirectoryThisProcessWorksInIsKeptAndClosingDeletesIt() throws IOException {
        try (WorkDirectory dir = WorkDirectory.create(parent, PREFIX)) {
            Files.writeString(dir.path().resolve("users.csv"), "id\n1\n");
            pastGrace(dir.path());
            WorkDirectory.removeAbandoned(parent, PREFIX);
            assertThat(dir.path().resolve("users.csv")).exists();
            dir.close();
            assertThat(dir.path()).doesNotExist();
        }
    }

    @Test
    void checkingItsOwnDirectoryLeavesThisProcesssLockInPlaceForOtherProcesses() throws Exception {
        try (WorkDirectory dir = WorkDirectory.create(parent, PREFIX)) {
            pastGrace(dir.path());
            WorkDirectory.removeAbandoned(parent, PREFIX); // the check must not drop the lock it would test
            Process cleaner = start(WorkDirectoryCleaner.class);
            assertThat(cleaner.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(dir.path()).isDirectory();
        }
    }

    @Test
    void anUnlockedDirectoryIsRemovedOnlyOnceItIsOlderThanTheGraceAndOnlyWithThePrefix() throws IOException {
        // a directory of that name without a lock file: just created (its lock comes a moment later), or left by an older Porygon
        Path fresh = Files.createDirectories(parent.resolve(PREFIX + "fresh"));
        Path old = Files.createDirectories(parent.resolve(PREFIX + "old"));
        Files.writeString(old.resolve("events.csv"), "id\n");
        Path someoneElses = Files.createDirectories(parent.resolve(".git"));
        pastGrace(old);
        pastGrace(someoneElses);

        WorkDirectory.removeAbandoned(parent, PREFIX);

        assertThat(fresh).isDirectory();
        assertThat(old).doesNotExist();
        assertThat(someoneElses).isDirectory();
    }

    private Process holder() throws IOException {
        return start(WorkDirectoryHolder.class);
    }

    /** Another JVM running {@code main} on this test's parent directory and prefix. */
    private Process start(Class<?> main) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), main.getName(), parent.toString(), PREFIX)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String firstLine(Process p) throws IOException {
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(line).as("the holder's directory").isNotNull();
        return line;
    }

    /** As a directory is some time after its last change. */
    static void pastGrace(Path dir) throws IOException {
        Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minus(WorkDirectory.GRACE).minusSeconds(60)));
    }
}
