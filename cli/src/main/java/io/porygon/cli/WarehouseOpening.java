package io.porygon.cli;

import io.porygon.duckdb.DuckDbEngine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The warehouse opened on another thread while the command compiles the project: loading DuckDB's
 * native library and opening the file then cost no wall time. An opened warehouse nobody took (the
 * compile failed) is closed again.
 */
final class WarehouseOpening implements AutoCloseable {
    private final CompletableFuture<DuckDbEngine> opening;
    private boolean taken;

    private WarehouseOpening(WarehouseOptions.Resolved settings) {
        opening = CompletableFuture.supplyAsync(() -> WarehouseOptions.open(settings));
    }

    static WarehouseOpening start(WarehouseOptions.Resolved settings) {
        return new WarehouseOpening(settings);
    }

    /** The open warehouse, now the caller's to close; an error opening it is thrown here. */
    DuckDbEngine take() {
        taken = true;
        try {
            return opening.join();
        } catch (CompletionException e) {
            // as if opened on this thread: a PorygonException with its hint, or the driver's own error
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            if (e.getCause() instanceof Error cause) throw cause;
            throw e;
        }
    }

    @Override
    public void close() {
        if (taken) return;
        try {
            opening.join().close();
        } catch (RuntimeException ignored) {
            // nothing was done with it; the error that stopped the command matters more
        }
    }
}
