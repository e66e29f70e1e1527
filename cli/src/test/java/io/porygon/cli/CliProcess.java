package io.porygon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The real porygon command line in a process of its own, for what only another process shows: signals, locks. */
final class CliProcess {
    private CliProcess() {}

    /** Starts {@code porygon args} with these JVM options; its output goes to out.txt and err.txt in {@code dir}. */
    static Process start(Path dir, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PorygonCli.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(dir.resolve("err.txt").toFile()).redirectOutput(dir.resolve("out.txt").toFile()).start();
    }

    /**
     * Sends SIGTERM (which runs the JVM's shutdown hooks, as Ctrl-C does) once {@code atWork} holds and {@code settleMillis}
     * more have passed, and waits for the process to end.
     */
    static void stopAtWork(Process process, BooleanSupplier atWork, long settleMillis) throws InterruptedException {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!atWork.getAsBoolean() && process.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
            Thread.sleep(settleMillis);
            assertThat(process.isAlive()).as("still at work").isTrue();
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
    }
}
