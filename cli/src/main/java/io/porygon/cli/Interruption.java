package io.porygon.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) or SIGTERM while a command works: the JVM runs shutdown hooks, so ours asks the
 * work to stop and holds the exit until it has wound down (close()): a run writes its history, a
 * generate drops its staging tables.
 */
final class Interruption implements AutoCloseable {
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    private Interruption(Runnable cancel) {
        hook = new Thread(() -> {
            cancel.run();
            try {
                done.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "porygon-interrupt");
    }

    static Interruption cancelling(Runnable cancel) {
        Interruption i = new Interruption(cancel);
        Runtime.getRuntime().addShutdownHook(i.hook);
        return i;
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and returns now that we are done
        }
    }
}
