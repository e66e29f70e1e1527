package io.porygon.thelook;

import io.porygon.core.engine.BulkWriter;
import io.porygon.core.engine.Engine;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Generates The Look's seven raw tables into a warehouse. Users are cut into fixed blocks of
 * {@link #USERS_PER_BLOCK}; each block (a user and all their activity) is made by a worker with its
 * own random generator seeded from (seed, block), and blocks are written in order by the calling
 * thread. So the output does not depend on the thread count, and at most a few blocks are in memory.
 */
public final class TheLookGenerator {
    public static final int USERS_PER_BLOCK = 500;

    public GenerationSummary generate(Engine engine, GenerateOptions options, Progress progress) {
        Catalog catalog = Catalog.generate(options.seed(), Catalog.sizeFor(options.scale()));
        // One transaction: the tables are replaced all at once or not at all, and the appenders'
        // periodic flushes do not each commit to the write-ahead log (about twice as fast).
        engine.execute("BEGIN TRANSACTION");
        boolean committed = false;
        try {
            GenerationSummary summary = generateInTransaction(engine, options, progress, catalog);
            engine.execute("COMMIT");
            committed = true;
            return summary;
        } finally {
            if (!committed) rollbackQuietly(engine);
        }
    }

    static void rollbackQuietly(Engine engine) {
        try {
            engine.execute("ROLLBACK");
        } catch (RuntimeException e) {
            // the original failure matters more than a failed rollback
        }
    }

    private GenerationSummary generateInTransaction(Engine engine, GenerateOptions options, Progress progress, Catalog catalog) {
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put(RawTables.DISTRIBUTION_CENTERS.name(), writeDistributionCenters(engine, options.schema()));
        rows.put(RawTables.PRODUCTS.name(), writeProducts(engine, options.schema(), catalog));

        long users = options.userCount();
        long blocks = (users + USERS_PER_BLOCK - 1) / USERS_PER_BLOCK;
        long[] bases = new long[IdSequence.values().length];
        long[] perTable = new long[TableWriters.TABLES.size()];
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "thelook-generator");
            t.setDaemon(true);
            return t;
        });
        try (TableWriters writers = TableWriters.create(engine, options.schema())) {
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
                block.writeTo(writers, bases);
                long[] counts = block.rowsPerTable();
                for (int i = 0; i < counts.length; i++) perTable[i] += counts[i];
                done++;
                progress.update(Math.min(users, done * USERS_PER_BLOCK), users);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < perTable.length; i++) rows.put(TableWriters.TABLES.get(i).name(), perTable[i]);
        return new GenerationSummary(rows, Map.of());
    }

    private static BlockRows makeBlock(Catalog catalog, GenerateOptions options, long block, long totalUsers) {
        long first = block * USERS_PER_BLOCK;
        int count = (int) Math.min(USERS_PER_BLOCK, totalUsers - first);
        BlockRows out = new BlockRows(count);
        SplittableRandom rng = new SplittableRandom(Seeds.of(options.seed(), Seeds.CUSTOMERS, block));
        ActivitySimulator shop = new ActivitySimulator(catalog, rng, out, options.nowMicros());
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

    private static long writeDistributionCenters(Engine engine, String schema) {
        RawTable table = RawTables.DISTRIBUTION_CENTERS;
        Object[][] centers = Vocabulary.DISTRIBUTION_CENTERS;
        try (BulkWriter w = engine.createAndOpenWriter(table.target(schema), table.engineColumns())) {
            for (int i = 0; i < centers.length; i++) {
                w.append((long) (i + 1)).append((String) centers[i][0]).append((Double) centers[i][1]).append((Double) centers[i][2]);
                w.endRow();
            }
        }
        return centers.length;
    }

    private static long writeProducts(Engine engine, String schema, Catalog catalog) {
        RawTable table = RawTables.PRODUCTS;
        try (BulkWriter w = engine.createAndOpenWriter(table.target(schema), table.engineColumns())) {
            for (Product p : catalog.all()) {
                w.append(p.id()).append(p.cost()).append(p.category()).append(p.name()).append(p.brand())
                        .append(p.retailPrice()).append(p.department()).append(p.sku()).append(p.distributionCenterId());
                w.endRow();
            }
        }
        return catalog.all().size();
    }
}
