package io.porygon.thelook;

import io.porygon.core.engine.BulkWriter;
import io.porygon.core.engine.Engine;
import io.porygon.core.graph.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes the growing tables on parallel lanes so that the warehouse's append and compression work
 * uses more than one core: each lane is a thread with its own warehouse session and transaction
 * that writes a fixed group of tables, from every block or from every other block. The tables
 * exist before the lanes start (two lanes append to events), and a table's rows are the same
 * whatever the lanes: each block's ids are fixed before it is handed over. Only the physical order
 * of events changes (even blocks, then odd ones, or the other way round).
 *
 * <p>A lane commits only after every block has been written; the tables it writes are staging
 * tables that the caller swaps in afterwards (see {@link StagedTables}).
 */
final class WriterLanes implements AutoCloseable {
    /**
     * What each lane writes, as indexes of {@link BlockRows#table(int)}: events (about 70% of rows
     * and most of the text) from the even blocks and from the odd ones, so that its appending and
     * compressing runs on two cores, and the other four tables and the recent events together.
     */
    static final List<LaneSpec> LANES = List.of(new LaneSpec(new int[] {4}, 2, 0), new LaneSpec(new int[] {4}, 2, 1),
            new LaneSpec(new int[] {0, 1, 2, 3, BlockRows.RECENT_EVENTS}, 1, 0));

    /** Tables written from the blocks whose index is {@code remainder} modulo {@code every}. */
    record LaneSpec(int[] tables, int every, int remainder) {
        boolean takes(long block) {
            return block % every == remainder;
        }
    }

    /** Blocks queued per lane: enough to ride out uneven block sizes, few enough to bound memory. */
    private static final int QUEUE = 3;

    private static final Object END = new Object();
    private static final Object ABORT = new Object();

    private final List<Lane> lanes = new ArrayList<>();
    private boolean finished;

    /** Starts the lanes; {@code targets} are the existing (empty) tables they append to, by index of {@link BlockRows#table(int)}. */
    static WriterLanes start(Engine engine, List<Target> targets) {
        WriterLanes all = new WriterLanes();
        for (LaneSpec spec : LANES) {
            Lane lane = new Lane(engine, spec, targets);
            all.lanes.add(lane);
            lane.thread.start();
        }
        return all;
    }

    /** Hands block number {@code index} to the lanes that write it; {@code bases} are its sequence bases (not shared). */
    void write(long index, BlockRows block, long[] bases) {
        for (Lane lane : lanes) {
            if (!lane.spec.takes(index)) continue;
            lane.throwIfFailed();
            lane.put(new Job(block, bases));
        }
    }

    /** Waits until every lane has written and committed its tables; throws the first lane failure. */
    void finish() {
        finished = true;
        for (Lane lane : lanes) lane.putMarker(END);
        joinAll();
        for (Lane lane : lanes) lane.throwIfFailed();
    }

    /** After a failure elsewhere: lanes that have not finished roll back. */
    @Override
    public void close() {
        if (finished) return;
        finished = true;
        for (Lane lane : lanes) lane.putMarker(ABORT);
        joinAll();
    }

    private void joinAll() {
        boolean interrupted = false;
        for (Lane lane : lanes) {
            while (true) {
                try {
                    lane.thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the lanes hold sessions: wait for them to close
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private record Job(BlockRows block, long[] bases) {}

    private static final class Lane implements Runnable {
        private final Engine engine;
        private final LaneSpec spec;
        private final int[] tables;
        private final List<Target> targets;
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
        private final Thread thread;
        private volatile RuntimeException failure;
        private boolean ended; // END or ABORT taken: nothing more will be queued

        Lane(Engine engine, LaneSpec spec, List<Target> targets) {
            this.engine = engine;
            this.spec = spec;
            this.tables = spec.tables();
            this.targets = targets;
            String table = targets.get(tables[0]).name().replace(StagedTables.PREFIX, "");
            this.thread = new Thread(this, "thelook-writer-" + table + "-" + spec.remainder());
            this.thread.setDaemon(true);
        }

        void put(Object job) {
            try {
                queue.put(job); // the lane always drains its queue, even after a failure
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing", e);
            }
        }

        /** END or ABORT: must reach the lane even when this thread is interrupted, or it never ends. */
        void putMarker(Object marker) {
            boolean interrupted = false;
            while (true) {
                try {
                    queue.put(marker);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }

        void throwIfFailed() {
            RuntimeException f = failure;
            if (f != null) throw f;
        }

        @Override
        public void run() {
            // The session, its transaction and the writers are all made on this thread: DuckDB's
            // appender may only be used by the thread that created it.
            try (Engine session = engine.openSession()) {
                boolean committed = false;
                try {
                    session.execute("BEGIN TRANSACTION");
                    committed = writeAll(session);
                } catch (RuntimeException | Error e) {
                    failure = e instanceof RuntimeException re ? re : new IllegalStateException(e);
                } finally {
                    if (!committed) TheLookGenerator.rollbackQuietly(session);
                }
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
            } finally {
                if (failure != null && !ended) drain();
            }
        }

        /** Writes every queued block; true when committed, false when told to abort. */
        private boolean writeAll(Engine session) {
            BulkWriter[] writers = new BulkWriter[tables.length];
            try {
                for (int i = 0; i < tables.length; i++) {
                    writers[i] = session.openWriter(targets.get(tables[i]));
                }
                while (true) {
                    Object next = take();
                    if (next == ABORT) return false;
                    if (next == END) break;
                    Job job = (Job) next;
                    for (int i = 0; i < tables.length; i++) job.block().table(tables[i]).writeTo(writers[i], job.bases());
                }
            } finally {
                TableWriters.closeAll(Arrays.asList(writers));
            }
            session.execute("COMMIT");
            return true;
        }

        /** After a failure, keeps taking jobs so that the producer never blocks on a dead lane. */
        private void drain() {
            while (true) {
                Object next = take();
                if (next == END || next == ABORT) return;
            }
        }

        private Object take() {
            try {
                Object next = queue.take();
                if (next == END || next == ABORT) ended = true;
                return next;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing", e);
            }
        }
    }
}
