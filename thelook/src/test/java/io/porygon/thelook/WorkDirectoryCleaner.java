package io.porygon.thelook;

import java.nio.file.Path;

/** Another process cleaning up, for WorkDirectoryTest: {@link WorkDirectory#removeAbandoned} of {@code args[0]}, prefix {@code args[1]}. */
public final class WorkDirectoryCleaner {
    public static void main(String[] args) {
        WorkDirectory.removeAbandoned(Path.of(args[0]), args[1]);
    }
}
