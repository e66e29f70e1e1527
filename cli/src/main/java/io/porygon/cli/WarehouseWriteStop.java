package io.porygon.cli;

import io.porygon.core.engine.Engine;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Ctrl-C (or SIGTERM) during a write to the warehouse that is all or nothing (a load, an advance): the
 * running statement is cancelled and the work, which checks {@link #requested()} between its steps,
 * rolls back and drops what it staged before the process exits, and the user is told so. Without it
 * the JVM would exit at once, silently, leaving staging tables behind.
 */
final class WarehouseWriteStop implements AutoCloseable {
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile Engine engine;
    private final Interruption interruption;

    private WarehouseWriteStop() {
        interruption = Interruption.cancelling(() -> {
            requested.set(true);
            Engine watched = engine;
            if (watched != null) watched.cancel();
        });
    }

    /**
     * Listens from before the warehouse is opened, so that a stop while it opens is told too; declared before the
     * engine in a try-with-resources, it is closed after it, and the process exits only once the warehouse is closed.
     */
    static WarehouseWriteStop start() {
        return new WarehouseWriteStop();
    }

    /** {@code engine}, whose running statement a stop cancels from now on. */
    <E extends Engine> E watch(E engine) {
        this.engine = engine;
        return engine;
    }

    boolean requested() {
        return requested.get();
    }

    /**
     * The work's result, or null when a stop ended it (or came before it began): then {@code command} is said to have
     * stopped with the warehouse's tables as they were. A stop that came too late (the work had committed) is said too.
     */
    <T> T complete(String command, Supplier<T> work, PrintWriter err) {
        T result = null;
        try {
            if (!requested()) result = work.get();
        } catch (RuntimeException e) {
            if (!requested()) throw e;
        }
        if (result == null) {
            // said before the interruption closes: the JVM exits as soon as it does
            err.println(command + " stopped: the warehouse's tables are as they were");
            err.flush();
            return null;
        }
        if (requested()) {
            err.println(command + " completed before the stop took effect");
            err.flush();
        }
        return result;
    }

    @Override
    public void close() {
        interruption.close();
    }
}
