package io.porygon.core.run;

import io.porygon.core.SourceLocation;
import io.porygon.core.engine.Column;
import io.porygon.core.engine.DuplicateColumnNames;
import io.porygon.core.engine.Engine;
import io.porygon.core.engine.EngineException;
import io.porygon.core.engine.QueryResult;
import io.porygon.core.engine.Relation;
import io.porygon.core.graph.OnSchemaChange;
import io.porygon.core.graph.OperationAction;
import io.porygon.core.graph.TableAction;
import io.porygon.core.graph.Target;
import io.porygon.core.sql.DuckDbTranslator;
import io.porygon.core.sql.ScriptProgram;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Carries out one planned action on an engine session: the materializations. The DDL around each
 * translated SELECT is the engine's business (see {@link Engine#replaceTable}); this class decides
 * which engine operations an action needs and in what order.
 */
public final class ActionExecutor {
    /** Failing rows of an assertion kept in the result and the history. */
    static final int SAMPLE_ROWS = 5;
    /** Suffix of the table an increment is staged in before it is inserted or merged. */
    static final String INCREMENT_SUFFIX = "__porygon_increment";

    private final BooleanSupplier cancelled;
    private final WildcardViews wildcardViews = new WildcardViews();

    public ActionExecutor(BooleanSupplier cancelled) {
        this.cancelled = cancelled;
    }

    public ActionResult execute(PlannedAction p, Engine engine) {
        try {
            return carryOut(p, engine);
        } finally {
            cleanUp(p, engine);
            if (p.runsProjectStatements()) engine.catalogMayHaveChanged();
        }
    }

    /** The session outlives the action (the worker's next action runs on it): the action's script variables do not. */
    private static void cleanUp(PlannedAction p, Engine engine) {
        for (String statement : p.cleanup()) {
            try {
                engine.execute(statement);
            } catch (RuntimeException ignored) {
                // harmless if it fails: the next action that declares the name assigns it before reading it
            }
        }
    }

    private ActionResult carryOut(PlannedAction p, Engine engine) {
        Instant start = Instant.now();
        String hash = sqlHash(p);
        long rows = -1;
        try {
            if (!p.action().disabled()) wildcardViews.makeReadBy(p.allSql(), engine);
            switch (p.step()) {
                case DISABLED, UNCHECKED_SOURCE -> {}
                case CHECK_SOURCE -> checkSource(p, engine);
                case BUILD_TABLE, BUILD_INCREMENTAL, CREATE_VIEW, APPEND_INCREMENT, MERGE_INCREMENT, REPLACE_PARTITIONS -> rows = build(p, engine);
                case RUN_OPERATIONS -> rows = runOperations(p, engine);
                case CHECK_ASSERTION -> {
                    checkCancelled();
                    AssertionRows found = assertionRows(p, engine);
                    if (found.count() > 0) {
                        String seeThem = found.inView() ? " (all of them: SELECT * FROM " + DuckDbTranslator.schemaAndName(p.warehouseTarget()) + ")" : "";
                        return result(p, ActionStatus.FAILED, start, -1, hash,
                                placeOf(p) + ": assertion failed: " + found.count() + " row(s) returned" + seeThem, found.count(), found.sample());
                    }
                }
            }
            ActionStatus status = p.step() == Step.DISABLED ? ActionStatus.DISABLED : ActionStatus.SUCCEEDED;
            return result(p, status, start, rows, hash, null, 0, List.of());
        } catch (CancellationException e) {
            return result(p, ActionStatus.CANCELLED, start, -1, hash, "cancelled", 0, List.of());
        } catch (RuntimeException e) {
            if (cancelled.getAsBoolean()) return result(p, ActionStatus.CANCELLED, start, -1, hash, "cancelled", 0, List.of());
            String error = e instanceof StorageOptionsFailure ? StorageOptionsError.of(p, message(e))
                    : e instanceof StatementFailure f
                    ? located(p, message(f), f.written, f.getCause() instanceof ScriptInterpreter.Failed r ? r.line : -1)
                    : e instanceof EngineException ? located(p, message(e), null, -1) : placeOf(p) + ": " + message(e);
            return result(p, ActionStatus.FAILED, start, -1, hash, error, 0, List.of());
        }
    }

    /**
     * The table or view with its pre- and post-operations, in one transaction when they need it
     * ({@link PlannedAction#buildsInTransaction}), so that a failing or cancelled post-operation (or a
     * pre-operation's DELETE before a failing increment) leaves the previous table as it was.
     */
    private long build(PlannedAction p, Engine engine) {
        long[] rows = {-1};
        boolean inTransaction = p.buildsInTransaction();
        Runnable work = () -> {
            run(p.preOps(), p.writtenOps(true), engine);
            checkCancelled();
            switch (p.step()) {
                case CREATE_VIEW -> engine.replaceView(p.warehouseTarget(), p.sql());
                case APPEND_INCREMENT, MERGE_INCREMENT, REPLACE_PARTITIONS -> rows[0] = applyIncrement(p, engine);
                default -> rows[0] = engine.replaceTable(p.warehouseTarget(), p.sql());
            }
            // a full build stages nothing: drop the increment a killed run may have left behind
            if (p.step() == Step.BUILD_INCREMENTAL) engine.drop(stagingOf(p.warehouseTarget()));
            run(p.postOps(), p.writtenOps(false), engine);
            // a Ctrl-C the last statement did not see (DuckDB's driver cannot interrupt a block of several statements
            // until it ends) must not commit the table the run was told to stop; without a transaction the table is
            // already committed, and reported built
            if (inTransaction) checkCancelled();
            // a post-operation may have added or removed rows of the table it built
            if (!p.postOps().isEmpty() && p.step() != Step.CREATE_VIEW && !p.step().isIncrement()) rows[0] = engine.rowCount(p.warehouseTarget());
        };
        if (inTransaction) engine.inTransaction(work);
        else work.run(); // the runner's own checks before the table (a view's query as written) need no transaction
        return rows[0];
    }

    private void checkSource(PlannedAction p, Engine engine) {
        Target t = p.warehouseTarget();
        if (t.name().endsWith("*")) {
            wildcardViews.make(t, engine);
            return;
        }
        if (!engine.exists(t)) {
            // The Look's own sources come from the generator; another project's are loaded from files
            String load = t.schema().equalsIgnoreCase("thelook_ecommerce") ? "`porygon generate` or `porygon load thelook`"
                    : "an operations action that creates it, e.g. from DuckDB's read_csv or read_parquet";
            throw new IllegalStateException("source " + p.action().target() + " does not exist in the warehouse (looked for "
                    + t.schema() + "." + t.name() + ")\n  hint: load it first (" + load + "), or fix the declaration's name and schema");
        }
    }

    private long applyIncrement(PlannedAction p, Engine engine) {
        Target target = p.warehouseTarget();
        Target staging = stagingOf(target);
        checkCancelled();
        try {
            Relation rows = new Relation(staging, engine.stageTable(staging, p.sql()));
            checkCancelled();
            List<Column> tableColumns = engine.columns(target);
            SchemaChange change = SchemaChange.between(tableColumns, rows.columns(), onSchemaChange(p),
                    p.step() == Step.MERGE_INCREMENT ? p.uniqueKey() : List.of(), isProtected(p));
            Relation table = new Relation(target, change.applyTo(tableColumns));
            long[] written = {-1};
            Runnable write = () -> written[0] = switch (p.step()) {
                case MERGE_INCREMENT -> engine.mergeFrom(table, rows, change.written(), p.uniqueKey(), p.mergeFilter());
                case REPLACE_PARTITIONS -> engine.replacePartitions(table, rows, change.written(), p.partitionBy(), p.mergeFilter());
                default -> engine.insertFrom(table, rows, change.written());
            };
            if (change.added().isEmpty() && change.dropped().isEmpty()) {
                write.run(); // one statement: atomic by itself
            } else {
                engine.inTransaction(() -> {
                    engine.addColumns(target, change.added());
                    engine.dropColumns(target, change.dropped());
                    write.run();
                });
            }
            return written[0];
        } finally {
            try {
                engine.drop(staging);
            } catch (RuntimeException ignored) {
                // a leftover staging table is replaced by the next run; the real error matters more
            }
        }
    }

    private static Target stagingOf(Target table) {
        return new Target(null, table.schema(), table.name() + INCREMENT_SUFFIX);
    }

    private static boolean isProtected(PlannedAction p) {
        return p.action() instanceof TableAction t && t.isProtected();
    }

    private static OnSchemaChange onSchemaChange(PlannedAction p) {
        return p.action() instanceof TableAction t && t.onSchemaChange() != null ? t.onSchemaChange() : OnSchemaChange.IGNORE;
    }

    private record AssertionRows(long count, List<String> sample, boolean inView) {}

    /**
     * Rows an assertion returns, counted as Dataform does: its query becomes a view in the assertion
     * dataset (where the failing rows can be looked at, and which other actions may ref), then the
     * view's rows are counted, which lets the warehouse read only the columns the conditions use
     * (20 times faster on a wide table than reading the rows). A few rows are read when there are any.
     */
    private AssertionRows assertionRows(PlannedAction p, Engine engine) {
        String select = p.sql();
        long count;
        try {
            count = viewRows(p, engine);
        } catch (EngineException e) {
            if (cancelled.getAsBoolean() || e instanceof DuplicateColumnNames) throw e;
            // SQL a view cannot hold (a temporary function defined before the SELECT): read its rows
            QueryResult all = engine.query(select, SAMPLE_ROWS);
            return new AssertionRows(all.totalRows(), renderRows(all), false);
        }
        if (count == 0) return new AssertionRows(0, List.of(), true);
        checkCancelled();
        try {
            return new AssertionRows(count, renderRows(engine.query(select, SAMPLE_ROWS)), true);
        } catch (EngineException e) {
            if (cancelled.getAsBoolean()) throw e;
            // the samples are a courtesy, the count stands; counting skipped a column that fails to compute
            String reason = message(e).lines().findFirst().orElse("");
            return new AssertionRows(count, List.of("(the rows could not be read: " + reason + ")"), true);
        }
    }

    /**
     * Rows of the assertion's view, which is created unless it already holds the query: most runs ask the same
     * questions, and on DuckDB an unchanged view spares a DESCRIBE, a CREATE and a commit. Counting a kept view's
     * rows also shows that it still binds (a table under it may have changed its columns since); a kept one that
     * fails is created again. A view counted through its tables ({@code countSql}) is left to the engine's
     * {@link Engine#replaceView}, which checks that it binds.
     */
    private long viewRows(PlannedAction p, Engine engine) {
        if (p.countSql() == null && engine.viewHolds(p.warehouseTarget(), p.sql())) {
            try {
                return engine.rowCount(p.warehouseTarget());
            } catch (EngineException stale) {
                if (cancelled.getAsBoolean()) throw stale;
            }
        }
        engine.replaceView(p.warehouseTarget(), p.sql());
        return p.countSql() == null ? engine.rowCount(p.warehouseTarget()) : ((Number) engine.query(p.countSql(), 1).rows().get(0).get(0)).longValue();
    }

    private long runOperations(PlannedAction p, Engine engine) {
        boolean hasOutput = p.action() instanceof OperationAction o && o.hasOutput();
        long changed = -1;
        List<String> written = p.action() instanceof OperationAction o ? o.queries() : List.of();
        for (int i = 0; i < p.statements().size(); i++) {
            String statement = p.statements().get(i);
            if (statement.isBlank()) continue; // only BigQuery metadata (SET OPTIONS), dropped in translation
            checkCancelled();
            long n;
            try {
                List<ScriptProgram> program = p.programs().get(i);
                n = program == null ? engine.executeUpdate(statement) : new ScriptInterpreter(engine, this::checkCancelled).run(program);
            } catch (EngineException e) {
                throw new StatementFailure(e, i < written.size() ? written.get(i) : null);
            }
            if (n >= 0) changed = Math.max(changed, 0) + n;
        }
        if (hasOutput && engine.exists(p.warehouseTarget())) {
            return engine.rowCount(p.warehouseTarget());
        }
        return changed;
    }

    /** Runs pre- or post-operations; {@code written} holds the same statements as the project writes them. */
    private void run(List<String> statements, List<String> written, Engine engine) {
        for (int i = 0; i < statements.size(); i++) {
            String statement = statements.get(i);
            if (statement.isBlank()) continue;
            checkCancelled();
            try {
                engine.execute(statement);
            } catch (EngineException e) {
                if (Planner.isStorageCheck(statement)) throw new StorageOptionsFailure(e);
                throw new StatementFailure(e, i < written.size() ? written.get(i) : null);
            }
        }
    }

    /** The warehouse could not bind a table's partitionBy or clusterBy against its query. */
    private static final class StorageOptionsFailure extends RuntimeException {
        StorageOptionsFailure(EngineException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** A statement the warehouse rejected, with its text as written in the project (null when unknown), to locate the error. */
    private static final class StatementFailure extends RuntimeException {
        final String written;

        StatementFailure(EngineException cause, String written) {
            super(cause.getMessage(), cause);
            this.written = written;
        }
    }

    private void checkCancelled() {
        if (cancelled.getAsBoolean()) throw new CancellationException("run cancelled");
    }

    private static ActionResult result(PlannedAction p, ActionStatus status, Instant start, long rows, String hash,
            String error, long failing, List<String> sample) {
        return new ActionResult(p.id(), p.displayName(), p.action().type().jsonName(), p.step(), status, start, Instant.now(),
                rows, hash, error, failing, sample, p.note());
    }

    static List<String> renderRows(QueryResult result) {
        List<String> lines = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            List<String> cells = new ArrayList<>();
            // one line per row, in the console and in the history, whatever the values hold
            for (int i = 0; i < row.size(); i++) {
                cells.add(result.columns().get(i) + "=" + cell(row.get(i)).replace("\r", "\\r").replace("\n", "\\n"));
            }
            lines.add(String.join(", ", cells));
        }
        return lines;
    }

    /** A value as text; BYTES as a GoogleSQL literal (the driver's BLOB object prints only its buffer), inside arrays and structs too. */
    private static String cell(Object value) {
        if (value instanceof List<?> items) return items.stream().map(ActionExecutor::cell).collect(Collectors.joining(", ", "[", "]"));
        if (value instanceof Map<?, ?> fields) {
            return fields.entrySet().stream().map(f -> f.getKey() + "=" + cell(f.getValue())).collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof Blob || value instanceof byte[]) return UnitTestRunner.normalize(value);
        return String.valueOf(value);
    }

    /** DuckDB's message for {@code t.x} when t has no column x and a column t is no struct. */
    static final Pattern NO_FIELD = Pattern.compile("Cannot extract field '(\\w+)' from expression \"(\\w+)\"");

    /**
     * A warehouse error prefixed with the file and line it most likely comes from, and where to see the SQL sent.
     * {@code raisedLine}: where a RAISE that made the error is in {@code writtenStatement} (-1: none, or not known).
     */
    private static String located(PlannedAction p, String error, String writtenStatement, int raisedLine) {
        String hint = "`porygon run --dry-run --actions " + p.displayName() + "` prints the SQL sent to the warehouse";
        if (error.contains("Conflict on")) {
            // DuckDB's write-write conflict between two sessions; BigQuery queues such statements
            hint = "an action running at the same time changed the same rows, which DuckDB refuses where BigQuery would queue"
                    + " the statements: make one action depend on the other, or run with --threads 1";
        }
        if (error.contains("UNNEST() for correlated expressions is not supported")) {
            // DuckDB's words for a name inside UNNEST(...) that no FROM item has
            hint = "check the names inside UNNEST(...): DuckDB reports a column or field that does not exist there this way; " + hint;
        }
        Matcher noField = NO_FIELD.matcher(error);
        if (noField.find()) {
            // DuckDB's words for t.x when t's table has no column x and one of its columns is also named t
            String table = noField.group(2);
            hint = table + "." + noField.group(1) + ": " + table + " has no column " + noField.group(1) + " (DuckDB then looked for a field of"
                    + " a column named " + table + "); " + hint;
        }
        if (error.contains("Out of Memory Error")) {
            // DuckDB's own advice is to SET memory_limit or threads, which a run sets from its options
            hint = "raise --memory-limit (or warehouse.memory_limit in porygon.yaml), or lower --duckdb-threads (or warehouse.threads); " + hint;
        }
        if (p.step().isIncrement() && (error.contains("Binder Error") || error.contains("cannot be assigned to"))) {
            // the incremental query may read the table itself (self()), which still has the old columns: DuckDB
            // cannot bind it then, or the table's column has another type; an error raised by the rows is not that
            hint += "; if the model's columns changed since the table was built, rebuild it with --full-refresh"
                    + (isProtected(p) ? " once protected: true is removed" : "");
        }
        return EngineErrorLocation.of(p, error, writtenStatement, raisedLine) + ": " + error + "\n  hint: " + hint;
    }

    /** Where the action is written: its SQL; for a built-in assertion, the key of its table's config that asks for it. */
    private static SourceLocation placeOf(PlannedAction p) {
        return Planner.placeOf(p.action());
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** First 16 hex digits of the SHA-256 of every statement sent for the action. */
    static String sqlHash(PlannedAction p) {
        List<String> all = p.allSql();
        if (all.isEmpty()) return null;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String s : all) {
                sha.update(s.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
