package io.porygon.core.run;

import io.porygon.core.PorygonException;
import io.porygon.core.engine.BulkWriter;
import io.porygon.core.engine.Column;
import io.porygon.core.engine.Engine;
import io.porygon.core.engine.QueryResult;
import io.porygon.core.graph.Target;
import io.porygon.core.sql.SqlQuoting;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps run history in the warehouse itself, in schema {@value #SCHEMA}: table {@code runs} (one
 * row per run) and {@code run_actions} (one row per action of a run). Rows are appended through
 * the engine's bulk writer. A run's row is first written when it starts, with status {@value #RUNNING},
 * and replaced by the finished run: so a run whose process was killed ({@code kill -9}, a crash) is
 * still listed, as {@value #ABORTED}.
 */
public final class WarehouseRunStore implements RunStore {
    public static final String SCHEMA = "porygon_meta";
    static final Target RUNS = new Target(null, SCHEMA, "runs");
    static final Target ACTIONS = new Target(null, SCHEMA, "run_actions");

    private static final List<Column> RUN_COLUMNS = List.of(
            new Column("run_id", "VARCHAR"), new Column("started_at", "TIMESTAMP"), new Column("ended_at", "TIMESTAMP"),
            new Column("status", "VARCHAR"), new Column("command", "VARCHAR"), new Column("succeeded", "BIGINT"),
            new Column("failed", "BIGINT"), new Column("skipped", "BIGINT"));
    private static final List<Column> ACTION_COLUMNS = List.of(
            new Column("run_id", "VARCHAR"), new Column("seq", "BIGINT"), new Column("action_id", "VARCHAR"),
            new Column("name", "VARCHAR"), new Column("type", "VARCHAR"), new Column("step", "VARCHAR"),
            new Column("status", "VARCHAR"), new Column("started_at", "TIMESTAMP"), new Column("ended_at", "TIMESTAMP"),
            new Column("duration_ms", "BIGINT"), new Column("rows_written", "BIGINT"), new Column("sql_hash", "VARCHAR"),
            new Column("error", "VARCHAR"), new Column("failing_rows", "BIGINT"), new Column("sample_rows", "VARCHAR"),
            new Column("note", "VARCHAR"));
    /** The status of a run while it runs: its row until it is recorded. */
    public static final String RUNNING = "RUNNING";
    /**
     * A run that never recorded how it ended: its process was killed or the machine stopped. A run holds the
     * warehouse alone, so a {@value #RUNNING} row that another process can read is one of these.
     */
    public static final String ABORTED = "ABORTED";
    /** Separates sample rows in one text column. */
    private static final String ROW_SEPARATOR = "\n";

    private final Engine engine;
    /** By history table: its columns change only when a write upgrades it. */
    private final Map<Target, String> selectLists = new HashMap<>();

    public WarehouseRunStore(Engine engine) {
        this.engine = engine;
    }

    /**
     * Lists the run as {@value #RUNNING} until {@link #record} replaces it. Earlier runs still listed as
     * running were killed: this process holds the warehouse alone, so none of them runs any more.
     */
    @Override
    public void started(String runId, Instant startedAt, String command) {
        engine.inTransaction(() -> {
            if (engine.exists(RUNS)) {
                engine.execute("UPDATE " + name(RUNS) + " SET status = " + SqlQuoting.string(ABORTED) + " WHERE status = "
                        + SqlQuoting.string(RUNNING));
            }
            try (BulkWriter w = writer(RUNS, RUN_COLUMNS)) {
                w.append(runId).appendTimestampMicros(micros(startedAt)).appendNull().append(RUNNING).append(command)
                        .append(0L).append(0L).append(0L).endRow();
            }
        });
    }

    /** Both tables in one transaction, which replaces the row of the run's start: a run is never recorded without its actions. */
    @Override
    public void record(RunResult run, String command) {
        engine.inTransaction(() -> {
            if (engine.exists(RUNS)) engine.execute("DELETE FROM " + name(RUNS) + " WHERE run_id = " + SqlQuoting.string(run.runId()));
            append(run, command);
        });
    }

    private void append(RunResult run, String command) {
        try (BulkWriter w = writer(RUNS, RUN_COLUMNS)) {
            w.append(run.runId()).appendTimestampMicros(micros(run.startedAt())).appendTimestampMicros(micros(run.endedAt()))
                    .append(run.status()).append(command).append(run.count(ActionStatus.SUCCEEDED))
                    .append(run.count(ActionStatus.FAILED)).append(run.count(ActionStatus.SKIPPED)).endRow();
        }
        try (BulkWriter w = writer(ACTIONS, ACTION_COLUMNS)) {
            long seq = 0;
            for (ActionResult a : run.actions()) {
                w.append(run.runId()).append(++seq).append(a.actionId()).append(a.name()).append(a.type())
                        .append(a.step().name()).append(a.status().name())
                        .appendTimestampMicros(micros(a.startedAt())).appendTimestampMicros(micros(a.endedAt()))
                        .append(a.duration().toMillis());
                // NULL where no rows are counted (views, assertions, sources), so that SQL over the table sums rows
                if (a.rowsWritten() < 0) w.appendNull();
                else w.append(a.rowsWritten());
                text(w, a.sqlHash());
                text(w, a.error());
                w.append(a.failingRows());
                text(w, a.sampleRows().isEmpty() ? null : String.join(ROW_SEPARATOR, a.sampleRows()));
                text(w, a.note());
                w.endRow();
            }
        }
    }

    private BulkWriter writer(Target table, List<Column> columns) {
        if (engine.exists(table)) {
            HistoryColumns.upgrade(engine, table, columns);
            selectLists.remove(table); // the upgrade may have added columns
            return engine.openWriter(table);
        }
        return engine.createAndOpenWriter(table, columns);
    }

    @Override
    public List<RunSummary> recentRuns(int limit) {
        if (!engine.exists(RUNS)) return List.of();
        // the runs table has no cancelled or disabled column (older warehouses have the table): count them from the actions
        String cancelled = counted(ActionStatus.CANCELLED);
        String disabled = counted(ActionStatus.DISABLED);
        // a run still listed as running is not running: it would hold the warehouse alone (see ABORTED)
        String status = "CASE WHEN status = " + SqlQuoting.string(RUNNING) + " THEN " + SqlQuoting.string(ABORTED) + " ELSE status END";
        QueryResult r = engine.query("SELECT run_id, started_at, ended_at, " + status + ", command, succeeded, failed, skipped, " + cancelled
                + ", " + disabled + " FROM (SELECT " + selectList(RUNS, RUN_COLUMNS) + " FROM " + name(RUNS)
                + ") r ORDER BY started_at DESC, run_id DESC LIMIT " + limit, limit);
        List<RunSummary> runs = new ArrayList<>();
        for (List<Object> row : r.rows()) {
            runs.add(new RunSummary((String) row.get(0), instant(row.get(1)), instant(row.get(2)), (String) row.get(3),
                    (String) row.get(4), number(row.get(5)), number(row.get(6)), number(row.get(7)), number(row.get(8)),
                    number(row.get(9))));
        }
        return runs;
    }

    /** A run's actions that ended with {@code status}, as SQL over the run's row {@code r}. */
    private String counted(ActionStatus status) {
        if (!engine.exists(ACTIONS)) return "0";
        return "(SELECT count(*) FROM " + name(ACTIONS) + " a WHERE a.run_id = r.run_id AND a.status = " + SqlQuoting.string(status.name()) + ")";
    }

    @Override
    public List<ActionResult> actions(String runId) {
        if (!engine.exists(ACTIONS)) return List.of();
        QueryResult r = engine.query(selectActions() + " WHERE run_id = " + SqlQuoting.string(runId) + " ORDER BY seq", Integer.MAX_VALUE);
        return r.rows().stream().map(WarehouseRunStore::actionResult).toList();
    }

    /**
     * In one query: a run starts by reading its recent runs (for the order of its actions and its alerts). Each
     * action's own last {@code runs} successful runs of each step, however many runs without it came between (another
     * project's in the same warehouse, an {@code --actions} subset, a killed run).
     */
    @Override
    public List<List<ActionResult>> actionsOfRunsBefore(String runId, int runs) {
        if (!engine.exists(RUNS) || !engine.exists(ACTIONS)) return List.of();
        String before = runId == null ? "" : " AND (r.started_at, run_id) < (SELECT (started_at, run_id) FROM " + name(RUNS)
                + " WHERE run_id = " + SqlQuoting.string(runId) + ")";
        QueryResult r = engine.query("SELECT a.* FROM (" + selectActions() + ") a JOIN " + name(RUNS) + " r USING (run_id)"
                + " WHERE a.status = " + SqlQuoting.string(ActionStatus.SUCCEEDED.name()) + before
                + " QUALIFY row_number() OVER (PARTITION BY a.action_id, a.step ORDER BY r.started_at DESC, run_id DESC) <= " + runs
                + " ORDER BY r.started_at DESC, run_id DESC, a.seq", Integer.MAX_VALUE);
        Map<String, List<ActionResult>> byRun = new LinkedHashMap<>();
        for (List<Object> row : r.rows()) byRun.computeIfAbsent((String) row.get(0), id -> new ArrayList<>()).add(actionResult(row));
        return List.copyOf(byRun.values());
    }

    /** A history table's select list ({@link HistoryColumns#selectList}), read once: docs reads the actions of run after run. */
    private String selectList(Target table, List<Column> columns) {
        return selectLists.computeIfAbsent(table, t -> HistoryColumns.selectList(engine, t, columns));
    }

    /** The columns {@link #actionResult} reads, NULL for those an older or edited table lacks. */
    private String selectActions() {
        return "SELECT run_id, seq, action_id, name, type, step, status, started_at, ended_at, rows_written, sql_hash, error,"
                + " failing_rows, sample_rows, note FROM (SELECT " + selectList(ACTIONS, ACTION_COLUMNS)
                + " FROM " + name(ACTIONS) + ")";
    }

    /** One row of {@link #selectActions}. */
    private static ActionResult actionResult(List<Object> row) {
        String samples = (String) row.get(13);
        return new ActionResult((String) row.get(2), (String) row.get(3), (String) row.get(4),
                known(Step.class, row.get(5), "step"), known(ActionStatus.class, row.get(6), "status"), instant(row.get(7)),
                instant(row.get(8)), number(row.get(9)), (String) row.get(10), (String) row.get(11), number(row.get(12)),
                samples == null ? List.of() : Arrays.asList(samples.split(ROW_SEPARATOR)), (String) row.get(14));
    }

    /** A step or status this version names; a newer Porygon, or a hand, may have written another. */
    private static <E extends Enum<E>> E known(Class<E> type, Object value, String column) {
        try {
            return Enum.valueOf(type, String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new PorygonException(null, "the run history (" + name(ACTIONS) + ") holds the " + column + " '" + value
                    + "', which this version of Porygon does not know", "it was written by a newer Porygon or edited by hand:"
                    + " read it with that version, or delete those rows of " + name(ACTIONS), e);
        }
    }

    private static void text(BulkWriter w, String value) {
        if (value == null) w.appendNull();
        else w.append(value);
    }

    static String name(Target t) {
        return t.schema() + "." + t.name();
    }

    private static long micros(Instant i) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, i);
    }

    private static long number(Object o) {
        return o == null ? -1 : ((Number) o).longValue();
    }

    /** Drivers return timestamps as different classes; all are UTC here. */
    static Instant instant(Object o) {
        if (o == null) return null;
        if (o instanceof Instant i) return i;
        if (o instanceof Timestamp ts) return ts.toLocalDateTime().toInstant(ZoneOffset.UTC);
        if (o instanceof LocalDateTime ldt) return ldt.toInstant(ZoneOffset.UTC);
        if (o instanceof OffsetDateTime odt) return odt.toInstant();
        return LocalDateTime.parse(o.toString().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }
}
