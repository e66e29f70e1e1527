package io.porygon.core.compile;

import io.porygon.core.Porygon;
import io.porygon.core.graph.CompiledGraph;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Times the first compile of a project in a fresh JVM and then repeated compiles in the same JVM
 * through the library API; run by scripts/bench-compile.sh (not a test: timings never fail a build).
 * Usage: WarmCompileHarness PROJECT_DIR [iterations]
 */
public final class WarmCompileHarness {
    private WarmCompileHarness() {}

    public static void main(String[] args) {
        Path project = Path.of(args[0]);
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        long t0 = System.nanoTime();
        CompiledGraph first = Porygon.compile(project);
        double firstMs = (System.nanoTime() - t0) / 1e6;
        if (first.hasErrors()) throw new IllegalStateException("the benchmark project has errors: " + first.graphErrors());
        double[] warm = new double[iterations];
        double[] cpu = new double[iterations];
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < iterations; i++) {
            long s = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            CompiledGraph g = Porygon.compile(project);
            warm[i] = (System.nanoTime() - s) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1e6;
            if (g.tables().size() != first.tables().size()) throw new IllegalStateException("compiles differ");
        }
        double second = warm[0];
        double secondCpu = cpu[0];
        Arrays.sort(warm);
        Arrays.sort(cpu);
        int actions = (int) first.runnableActions().count();
        System.out.printf("actions: %d%n", actions);
        System.out.printf("first compile (cold JVM): %.1f ms%n", firstMs);
        System.out.printf("second compile: %.1f ms (thread CPU %.1f ms)%n", second, secondCpu);
        System.out.printf("warm compiles (%d): median %.1f ms, min %.1f ms, max %.1f ms%n", iterations, warm[iterations / 2], warm[0], warm[iterations - 1]);
        System.out.printf("warm compiles, thread CPU time: median %.1f ms, min %.1f ms%n", cpu[iterations / 2], cpu[0]);
        System.out.printf("ratio second/first: %.3f%n", second / firstMs);
    }
}
