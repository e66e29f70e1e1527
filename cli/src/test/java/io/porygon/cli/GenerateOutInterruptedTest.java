package io.porygon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate --out} writes into a scratch warehouse in the temp folder, as large as the data: a Ctrl-C (or
 * SIGTERM) while it generates deletes it and says so, instead of leaving it behind and exiting without a word; one that
 * a kill -9 left is deleted by the next generate --out.
 */
class GenerateOutInterruptedTest {
    @TempDir Path dir;

    @Test
    void aStoppedGenerateOutDeletesItsScratchWarehouseAndSaysSo() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path out = dir.resolve("files");
        Process generate = CliProcess.start(dir, List.of("-Djava.io.tmpdir=" + tmp), "generate", "--scale", "0.5", "--as-of", "2025-06-30",
                "--no-progress", "--out", out.toString());
        // the scratch warehouse exists: the generator is at work (0.5 takes seconds more)
        CliProcess.stopAtWork(generate, () -> scratchExists(tmp), 1000);
        assertThat(Files.readString(dir.resolve("err.txt"))).contains("generate stopped");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).as("left in the temp folder").isEmpty();
        }
    }

    @Test
    void theNextGenerateOutDeletesTheScratchWarehouseAKilledOneLeft() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        // what a kill -9 leaves: the scratch directory, its warehouse and its lock file, which nobody holds any more
        Path left = Files.createDirectories(tmp.resolve(GenerateCommand.SCRATCH_PREFIX + "123"));
        Files.writeString(left.resolve("scratch.duckdb"), "a warehouse as large as the data");
        Files.writeString(left.resolve(".porygon-lock"), "");
        Files.setLastModifiedTime(left, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process generate = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                PorygonCli.class.getName(), "generate", "--scale", "0.001", "--as-of", "2025-06-30", "--no-progress",
                "--out", dir.resolve("files").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        try {
            assertThat(generate.waitFor(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            generate.destroyForcibly();
        }
        assertThat(generate.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isZero();
        try (Stream<Path> rest = Files.list(tmp)) {
            assertThat(rest.map(p -> p.getFileName().toString()).toList()).as("left in the temp folder").isEmpty();
        }
    }

    private static boolean scratchExists(Path tmp) {
        try (Stream<Path> dirs = Files.list(tmp)) {
            return dirs.anyMatch(d -> Files.exists(d.resolve("scratch.duckdb")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
