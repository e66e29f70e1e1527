package io.porygon.thelook;

import io.porygon.core.engine.BulkWriter;
import io.porygon.core.engine.Engine;
import io.porygon.core.graph.Target;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Generates The Look's seven raw tables into a warehouse. Users are cut into fixed blocks of
 * {@link #USERS_PER_BLOCK}; each block (a user and all their activity) is made by a worker with its
 * own random generator seeded from (seed, block), and blocks are handed in order to the
 * {@link WriterLanes}, each with its ids fixed beforehand. So the rows do not depend on the thread
 * count, and at most a few blocks are in memory.
 */
public final class TheLookGenerator {
    public static final int USERS_PER_BLOCK = 500;

    public GenerationSummary generate(Engine engine, GenerateOptions options, Progress progress) {
        return generate(engine, options, progress, () -> false);
    }

    /**
     * As {@link #generate(Engine, GenerateOptions, Progress)}; once {@code stopped} says so (a Ctrl-C), throws a
     * CancellationException after the block being written, or before the swap if the last block is written: the
     * warehouse's tables are then as they were.
     */
    public GenerationSummary generate(Engine engine, GenerateOptions options, Progress progress, BooleanSupplier stopped) {
        Catalog catalog = Catalog.generate(options.seed(), Catalog.sizeFor(options.scale()));
        // Every table is written under a staging name and swapped in at the end in one transaction:
        // the tables are replaced all at once or not at all, while the writer lanes (each in one
        // transaction of its own, so appender flushes do not each commit) use both cores.
        RawTable first = RawTables.ALL.get(0);
        engine.ensureSchema(first.target(options.schema())); // committed first: every lane's session must see it
        StagedTables staged = new StagedTables(engine, options.schema());
        boolean swapped = false;
        try {
            Map<String, Long> rows = new LinkedHashMap<>();
            engine.inTransaction(() -> {
                rows.put(RawTables.DISTRIBUTION_CENTERS.name(), writeDistributionCenters(engine, staged.staging(RawTables.DISTRIBUTION_CENTERS)));
                rows.put(RawTables.PRODUCTS.name(), writeProducts(engine, staged.staging(RawTables.PRODUCTS), catalog));
            });
            Runnable restoreThreads = useOneDuckDbThread(engine);
            try {
                rows.putAll(generateGrowingTables(engine, options, progress, stopped, catalog, staged));
            } finally {
                restoreThreads.run();
            }
            throwIfStopped(stopped); // a Ctrl-C after the last block still leaves the tables as they were
            engine.inTransaction(() -> {
                staged.swapIn();
                // the data's clock changes with the tables: an advance then starts at --as-of
                GeneratorClock.write(engine, options.schema(), options.nowMicros(), WarehouseState.read(engine, options.schema()).mark());
            });
            swapped = true;
            return new GenerationSummary(rows, Map.of());
        } finally {
            if (!swapped) staged.dropQuietly();
        }
    }

    /**
     * While the lanes write, DuckDB gets no worker threads of its own: an appender that fills a row
     * group hands the compression to DuckDB's workers and busy-waits for them, which on two cores
     * cost about as much CPU as it saved (profiled); the lanes already keep both cores busy. Returns
     * what puts the previous setting back.
     */
    private static Runnable useOneDuckDbThread(Engine engine) {
        if (!engine.dialect().equals("duckdb")) return () -> {};
        Object previous = engine.queryRows("SELECT current_setting('threads')").get(0).get(0);
        engine.execute("SET threads = 1");
        return () -> engine.execute("SET threads = " + Long.parseLong(String.valueOf(previous)));
    }

    /** Ends the work of a generate, advance or load that Ctrl-C stopped, before its next step. */
    static void throwIfStopped(BooleanSupplier stopped) {
        if (stopped.getAsBoolean()) throw new CancellationException("stopped");
    }

    static void rollbackQuietly(Engine engine) {
        try {
            engine.execute("ROLLBACK");
        } catch (RuntimeException e) {
            // the original failure matters more than a failed rollback
        }
    }

    private Map<String, Long> generateGrowingTables(Engine engine, GenerateOptions options, Progress progress, BooleanSupplier stopped,
            Catalog catalog, StagedTables staged) {
        long users = options.userCount();
        long blocks = (users + USERS_PER_BLOCK - 1) / USERS_PER_BLOCK;
        long[] bases = new long[IdSequence.values().length];
        long[] perTable = new long[TableWriters.TABLES.size()];
        // the tables the lanes append to, by index of BlockRows.table(i), created and committed before the lanes start
        List<Target> targets = new ArrayList<>();
        for (RawTable table : TableWriters.TABLES) targets.add(createEmpty(engine, staged.staging(table), table));
        targets.add(createEmpty(engine, staged.recentEvents(), RawTables.EVENTS));
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "thelook-generator");
            t.setDaemon(true);
            return t;
        });
        try (WriterLanes lanes = WriterLanes.start(engine, targets)) {
            ArrayDeque<Future<BlockRows>> inFlight = new ArrayDeque<>();
            long submitted = 0;
            long done = 0;
            int window = options.threads() * 2;
            while (done < blocks) {
                while (submitted < blocks && inFlight.size() < window) {
                    long block = submitted++;
                    inFlight.add(pool.submit(() -> makeBlock(catalog, options, block, users)));
                }
                BlockRows block = await(inFlight.poll());
                lanes.write(done, block, bases.clone());
                block.advance(bases);
                long[] counts = block.rowsPerTable();
                for (int i = 0; i < counts.length; i++) perTable[i] += counts[i];
                done++;
                throwIfStopped(stopped);
                progress.update(Math.min(users, done * USERS_PER_BLOCK), users);
            }
            lanes.finish();
        } finally {
            pool.shutdownNow();
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        for (int i = 0; i < perTable.length; i++) rows.put(TableWriters.TABLES.get(i).name(), perTable[i]);
        return rows;
    }

    private static Target createEmpty(Engine engine, Target target, RawTable like) {
        engine.createAndOpenWriter(target, like.engineColumns()).close();
        return target;
    }

    private static BlockRows makeBlock(Catalog catalog, GenerateOptions options, long block, long totalUsers) {
        long first = block * USERS_PER_BLOCK;
        int count = (int) Math.min(USERS_PER_BLOCK, totalUsers - first);
        BlockRows out = new BlockRows(count, options.nowMicros() - StagedTables.RECENT_DAYS * ActivitySimulator.DAY);
        SplittableRandom rng = new SplittableRandom(Seeds.of(options.seed(), Seeds.CUSTOMERS, block));
        ActivitySimulator shop = new ActivitySimulator(catalog, rng, out, options.nowMicros(), options.calendarStartMicros());
        long start = options.calendarStartMicros();
        long span = options.nowMicros() - start;
        for (int i = 0; i < count; i++) {
            long createdAt = start + (long) (ActivitySimulator.growth(rng.nextDouble()) * span);
            shop.simulateUserLife(createdAt, start);
        }
        return out;
    }

    private static BlockRows await(Future<BlockRows> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        }
    }

    private static long writeDistributionCenters(Engine engine, Target target) {
        Object[][] centers = Vocabulary.DISTRIBUTION_CENTERS;
        try (BulkWriter w = engine.createAndOpenWriter(target, RawTables.DISTRIBUTION_CENTERS.engineColumns())) {
            for (int i = 0; i < centers.length; i++) {
                w.append((long) (i + 1)).append((String) centers[i][0]).append((Double) centers[i][1]).append((Double) centers[i][2]);
                w.endRow();
            }
        }
        return centers.length;
    }

    private static long writeProducts(Engine engine, Target target, Catalog catalog) {
        try (BulkWriter w = engine.createAndOpenWriter(target, RawTables.PRODUCTS.engineColumns())) {
            for (Product p : catalog.all()) {
                w.append(p.id()).append(p.cost()).append(p.category()).append(p.name()).append(p.brand())
                        .append(p.retailPrice()).append(p.department()).append(p.sku()).append(p.distributionCenterId());
                w.endRow();
            }
        }
        return catalog.all().size();
    }
}
