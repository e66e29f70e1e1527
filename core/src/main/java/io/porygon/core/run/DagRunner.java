package io.porygon.core.run;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.engine.Engine;
import io.porygon.core.engine.EngineException;
import io.porygon.core.graph.AssertionAction;
import io.porygon.core.graph.Target;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Runs an {@link ExecutionPlan} on a pool of worker threads, each with its own engine session.
 * One coordinating thread (the caller's) starts every action whose upstream succeeded, and
 * on failure marks the dependents skipped; the rest of the graph goes on. {@link #cancel()} (from a
 * shutdown hook, say) stops starting actions and interrupts the running statements; every table
 * is swapped in atomically, so none is left half-built.
 */
public final class DagRunner {
    /** Long enough for DuckDB's threads inside one query to pay off (a full build of events_fct takes 5 s, its increment 0.3 s). */
    private static final Duration LONG_ACTION = Duration.ofSeconds(1);
    private final Engine engine;
    private final int threads;
    private final RunListener listener;
    private final List<Engine> sessions = new ArrayList<>();
    private volatile boolean cancelled;

    public DagRunner(Engine engine, int threads, RunListener listener) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
        this.engine = engine;
        this.threads = threads;
        this.listener = listener;
    }

    /** Stops the run: no action starts any more, running statements are interrupted. Thread-safe. */
    public void cancel() {
        cancelled = true;
        synchronized (sessions) {
            sessions.forEach(Engine::cancel);
        }
    }

    public RunResult run(ExecutionPlan plan) {
        return run(plan, List.of());
    }

    /** Runs the plan, starting first the ready action with the most expected work behind it ({@link CriticalPath}). */
    public RunResult run(ExecutionPlan plan, List<List<ActionResult>> earlierRuns) {
        return run(plan, earlierRuns, (runId, startedAt) -> {});
    }

    /** As {@link #run(ExecutionPlan, List)}; {@code onStart} is given the run's id and start before any action runs. */
    public RunResult run(ExecutionPlan plan, List<List<ActionResult>> earlierRuns, BiConsumer<String, Instant> onStart) {
        Instant started = Instant.now();
        String runId = newRunId(started);
        onStart.accept(runId, started);
        listener.runStarted(plan);
        Map<String, PlannedAction> byId = plan.byId();
        Map<String, ActionResult> results = new LinkedHashMap<>();
        List<ActionResult> finished = new ArrayList<>();
        Map<String, Set<String>> downstream = Dependencies.invert(upstreamOf(plan));
        Map<String, Integer> waitingFor = new HashMap<>();
        Map<String, Duration> timesAtStep = CriticalPath.timesAtStep(plan, earlierRuns);
        Map<String, Long> workFrom = CriticalPath.workFrom(plan, downstream, CriticalPath.expected(plan, earlierRuns, timesAtStep));
        Map<String, Integer> planOrder = new HashMap<>();
        plan.actions().forEach(p -> planOrder.put(p.id(), planOrder.size()));
        Queue<String> ready = new PriorityQueue<>(Comparator.comparing((String id) -> -workFrom.get(id)).thenComparing(planOrder::get));
        for (PlannedAction p : plan.actions()) {
            waitingFor.put(p.id(), p.upstream().size());
            if (p.upstream().isEmpty()) ready.add(p.id());
        }
        engine.catalogMayHaveChanged(); // what the engine knows of the views may be from before another run or process
        createSchemas(plan);
        int poolSize = Math.min(threads, Math.max(1, plan.actions().size()));
        BlockingQueue<Engine> idle = new LinkedBlockingQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(poolSize, daemonThreads());
        CompletionService<ActionResult> completion = new ExecutorCompletionService<>(pool);
        ActionExecutor executor = new ActionExecutor(() -> cancelled);
        Map<Future<ActionResult>, PlannedAction> inFlight = new HashMap<>();
        Set<String> startedIds = new HashSet<>();
        try {
            while (true) {
                while (!cancelled && inFlight.size() < poolSize && !ready.isEmpty()) {
                    PlannedAction p = byId.get(ready.poll());
                    if (results.containsKey(p.id())) continue;
                    Engine session = borrow(idle);
                    engine.shareCores(ways(Stream.concat(inFlight.values().stream(), Stream.of(p)), timesAtStep));
                    listener.actionStarted(p);
                    startedIds.add(p.id());
                    Future<ActionResult> f = completion.submit(() -> {
                        try {
                            return executor.execute(p, session);
                        } finally {
                            idle.add(session);
                        }
                    });
                    inFlight.put(f, p);
                }
                if (inFlight.isEmpty()) break;
                engine.shareCores(ways(inFlight.values().stream(), timesAtStep)); // fewer run when nothing was ready to start
                Future<ActionResult> done = takeUninterruptibly(completion);
                PlannedAction p = inFlight.remove(done);
                ActionResult result = resultOf(done, p);
                record(p, result, results, finished);
                if (result.status().letsDependentsRun()) {
                    for (String d : downstream.getOrDefault(p.id(), Set.of())) {
                        if (waitingFor.merge(d, -1, Integer::sum) == 0 && !results.containsKey(d)) ready.add(d);
                    }
                } else if (!cancelled) {
                    Set<String> running = new HashSet<>();
                    inFlight.values().forEach(r -> running.add(r.id()));
                    skipDependents(p, byId, downstream, results, finished, running);
                }
            }
        } finally {
            pool.shutdownNow();
            synchronized (sessions) {
                sessions.forEach(Engine::close);
                sessions.clear();
            }
            engine.shareCores(1); // what runs after the run (its views' refresh, a caller's queries) has every core again
        }
        for (PlannedAction p : plan.actions()) {
            if (!results.containsKey(p.id())) {
                ActionStatus status = cancelled ? ActionStatus.CANCELLED : ActionStatus.SKIPPED;
                record(p, ActionResult.notRun(p, status, cancelled ? "run cancelled" : "not reached"), results, finished);
            }
        }
        // also after a cancel: what ran before it is committed, and the views it broke are re-created from the SQL DuckDB keeps
        // for them (a bind of each view, no project statement and nothing cancelled runs); left broken, no later run that
        // changes no columns would mend them
        engine.refreshStaleViews(finished.stream().anyMatch(r -> ran(r, startedIds) && byId.get(r.actionId()).runsProjectStatements()));
        RunResult run = new RunResult(runId, started, Instant.now(), finished, cancelled);
        listener.runFinished(run);
        return run;
    }

    /**
     * How many ways the running actions split the engine's cores: one way each when all of them are
     * short, where the queries gain more from running side by side than from more threads each; a long
     * action, or one never timed at its step, lets every query use all cores. An increment never timed
     * counts as short: it is what increments are for (the first one after a full build has only the
     * build's time).
     */
    static int ways(Stream<PlannedAction> running, Map<String, Duration> timesAtStep) {
        List<PlannedAction> actions = running.toList();
        boolean allShort = actions.stream().allMatch(p -> timesAtStep.containsKey(p.id())
                ? timesAtStep.get(p.id()).compareTo(LONG_ACTION) < 0 : p.step().isIncrement());
        return allShort ? actions.size() : 1;
    }

    /** Whether the action ran its statements, all or some of them (one cancelled while it ran may have run some). */
    private static boolean ran(ActionResult r, Set<String> started) {
        return r.status() == ActionStatus.SUCCEEDED || r.status() == ActionStatus.FAILED
                || r.status() == ActionStatus.CANCELLED && started.contains(r.actionId());
    }

    /** Up front and on one session: concurrent schema creation conflicts in some engines (DuckDB). */
    private void createSchemas(ExecutionPlan plan) {
        Set<String> done = new HashSet<>();
        for (PlannedAction p : plan.actions()) {
            // as Dataform's runner, the dataset of every action it runs (an operation's too, output or not)
            boolean writes = p.step() != Step.CHECK_SOURCE && p.step() != Step.UNCHECKED_SOURCE && p.step() != Step.DISABLED;
            if (writes && done.add(String.valueOf(p.warehouseTarget().schema()).toLowerCase(Locale.ROOT))) {
                try {
                    engine.ensureSchema(p.warehouseTarget());
                } catch (EngineException e) {
                    throw new PorygonException(SourceLocation.of(p.action().fileName()), "cannot create dataset "
                            + p.warehouseTarget().schema() + ": " + e.getMessage(), null, e);
                }
            }
        }
    }

    private Engine borrow(BlockingQueue<Engine> idle) {
        Engine session = idle.poll();
        if (session != null) return session;
        session = engine.openSession();
        synchronized (sessions) {
            sessions.add(session);
        }
        return session;
    }

    private void record(PlannedAction p, ActionResult r, Map<String, ActionResult> results, List<ActionResult> finished) {
        results.put(p.id(), r);
        finished.add(r);
        listener.actionFinished(p, r);
    }

    /**
     * Skips what waits for a failed action. A failed assertion also skips the dependents of the
     * table it checks, as Dataform does (they wait for its assertions, see {@link Planner}).
     */
    private void skipDependents(PlannedAction failed, Map<String, PlannedAction> byId, Map<String, Set<String>> downstream,
            Map<String, ActionResult> results, List<ActionResult> finished, Set<String> running) {
        String reason = "upstream " + failed.displayName() + " " + results.get(failed.id()).status().name().toLowerCase();
        Deque<String> todo = new ArrayDeque<>(downstream.getOrDefault(failed.id(), Set.of()));
        Target checked = failed.checkedTarget();
        if (checked != null) {
            String parentId = byId.values().stream()
                    .filter(p -> p.action().target().equals(checked))
                    .map(PlannedAction::id)
                    .findFirst()
                    .orElse(null);
            if (parentId != null) {
                // what waits for the table's checks; other checks of it (built-in or not) never do
                for (String d : downstream.getOrDefault(parentId, Set.of())) {
                    if (!(byId.get(d).action() instanceof AssertionAction)) todo.add(d);
                }
            }
        }
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (results.containsKey(id) || running.contains(id)) continue;
            PlannedAction p = byId.get(id);
            record(p, ActionResult.notRun(p, ActionStatus.SKIPPED, reason), results, finished);
            todo.addAll(downstream.getOrDefault(id, Set.of()));
        }
    }

    private static Map<String, Set<String>> upstreamOf(ExecutionPlan plan) {
        Map<String, Set<String>> upstream = new HashMap<>();
        plan.actions().forEach(p -> upstream.put(p.id(), p.upstream()));
        return upstream;
    }

    private static ActionResult resultOf(Future<ActionResult> done, PlannedAction p) {
        try {
            return done.get();
        } catch (ExecutionException e) {
            Instant now = Instant.now();
            return new ActionResult(p.id(), p.displayName(), p.action().type().jsonName(), p.step(), ActionStatus.FAILED, now, now,
                    -1, null, "internal error: " + e.getCause(), 0, List.of(), p.note());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The coordinator keeps waiting when interrupted: it must collect running actions to end cleanly. */
    private Future<ActionResult> takeUninterruptibly(CompletionService<ActionResult> completion) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return completion.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                    cancel();
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "porygon-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** Sortable and readable: the start time in UTC plus a random suffix. */
    static String newRunId(Instant started) {
        return RUN_ID.format(started) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }
}
