package io.porygon.thelook;

import java.nio.file.Path;

/**
 * Another process working in a {@link WorkDirectory}, for WorkDirectoryTest: creates one in {@code args[0]} with the
 * prefix {@code args[1]}, prints its path and holds it until its input closes (or it is killed).
 */
public final class WorkDirectoryHolder {
    public static void main(String[] args) throws Exception {
        try (WorkDirectory dir = WorkDirectory.create(Path.of(args[0]), args[1])) {
            System.out.println(dir.path());
            System.out.flush();
            while (System.in.read() >= 0) {
                // held until the test closes our input
            }
        }
    }
}
