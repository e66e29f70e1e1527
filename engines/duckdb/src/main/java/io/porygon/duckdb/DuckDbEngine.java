package io.porygon.duckdb;

import io.porygon.core.engine.BulkWriter;
import io.porygon.core.engine.Column;
import io.porygon.core.engine.DuplicateColumnNames;
import io.porygon.core.engine.Engine;
import io.porygon.core.engine.ObjectKind;
import io.porygon.core.engine.QueryResult;
import io.porygon.core.engine.Relation;
import io.porygon.core.graph.Target;
import io.porygon.core.sql.DuckDbTranslator;
import io.porygon.core.sql.SqlQuoting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.duckdb.DuckDBStruct;
import org.duckdb.DuckDBConnection;

/**
 * The embedded default warehouse: one DuckDB file, where a BigQuery dataset is a DuckDB schema.
 * Each instance is one connection; {@link #openSession()} duplicates it for another thread.
 */
public final class DuckDbEngine implements Engine {
    private final DuckDBConnection connection;
    private volatile Statement running;
    private boolean inTransaction;
    /** Set when this engine or a session of it changed the columns of an existing table or view; see refreshStaleViews. */
    private final AtomicBoolean columnsChanged;
    private final StoredViews storedViews;
    /** Whether the runner may split the cores (the settings fix no thread count), and the threads it last set. */
    private final boolean sharesCores;
    private int threads;
    private final IncrementWriter increments = new IncrementWriter(this);
    private final FileLoader files = new FileLoader(this);

    public DuckDbEngine(DuckDbSettings settings) {
        try {
            Path file = settings.file();
            if (file != null && !settings.readOnly()) ensureWritableFolder(file.toAbsolutePath().getParent());
            if (file != null) rejectOtherFiles(file, settings.readOnly());
            // Never download extensions mid-run: the ones Porygon uses (ICU, JSON, Parquet) are built in.
            Properties config = new Properties();
            config.setProperty("autoinstall_known_extensions", "false");
            if (settings.readOnly()) config.setProperty("duckdb.read_only", "true");
            connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + (file == null ? "" : file.toAbsolutePath()), config);
            sharesCores = settings.threads() == null;
            columnsChanged = new AtomicBoolean();
            storedViews = new StoredViews();
        } catch (IOException e) {
            throw new DuckDbException("cannot read the warehouse file " + settings.file() + " (" + e.getMessage() + ")", e);
        } catch (SQLException e) {
            throw new DuckDbException("cannot open DuckDB warehouse " + settings.file() + ": " + e.getMessage(), e);
        }
        try {
            applySessionSettings();
            if (settings.threads() != null) execute("SET threads = " + settings.threads());
            if (settings.memoryLimit() != null) execute("SET memory_limit = " + quoteLiteral(settings.memoryLimit()));
        } catch (RuntimeException e) {
            // a bad setting (e.g. --memory-limit=lots) must not keep the file locked
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** DuckDB writes its log beside the file: a folder it cannot write in would fail every statement's commit. */
    private static void ensureWritableFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new DuckDbException("cannot create the warehouse's folder " + folder + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
        if (!Files.isWritable(folder)) {
            throw new DuckDbException("cannot write in " + folder + ", where the warehouse and its log (.wal) are kept", null);
        }
    }

    /**
     * DuckDB opens some other files (a CSV, for one) as an in-memory database: a run would then "succeed"
     * and keep nothing. A DuckDB file says "DUCK" after its 8-byte checksum. Only a writer creates a
     * warehouse where there is none, so only its message says so.
     */
    private static void rejectOtherFiles(Path file, boolean readOnly) throws IOException {
        if (!Files.isRegularFile(file)) return;
        if (Files.size(file) == 0) {
            // DuckDB refuses an empty file ("not a valid DuckDB database file"), as left by touch or mktemp
            throw new DuckDbException(file + " is an empty file, not a DuckDB database"
                    + (readOnly ? "" : "; delete it, and a new warehouse is created there"), null);
        }
        byte[] head = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n < head.length || !new String(head, 8, 4, StandardCharsets.US_ASCII).equals("DUCK")) {
            throw new DuckDbException(file + " is not a DuckDB database file"
                    + (readOnly ? "" : "; point --warehouse at a .duckdb file (a new one is created)"), null);
        }
    }

    private DuckDbEngine(DuckDBConnection connection, AtomicBoolean columnsChanged, StoredViews storedViews) {
        this.connection = connection;
        this.columnsChanged = columnsChanged;
        this.storedViews = storedViews;
        this.sharesCores = false; // the setting is the database's: its first session shares it out
        applySessionSettings();
    }

    /**
     * Aggregates over integer keys spanning up to 2^22 values (surrogate keys of a few million rows,
     * as in uniqueness assertions) use a perfect hash table instead of DuckDB's default limit of
     * 2^12: the events_fct uniqueness check takes about 0.6× the time (see docs/BENCHMARKS.md).
     */
    private static final String PERFECT_HASH_BITS = "SET perfect_ht_threshold = 22";

    /** The settings the translation assumes (BigQuery's time zone and NULL order), then the engine's own. */
    private void applySessionSettings() {
        DuckDbTranslator.SESSION_SETTINGS.forEach(this::execute);
        execute(PERFECT_HASH_BITS);
    }

    /**
     * DuckDB's {@code threads} is one setting for the whole database, so the cores are split by setting
     * it: with two short actions running, each query using every core makes the threads of the two fight
     * for them, and an incremental run takes about 1.3 times as long (docs/BENCHMARKS.md). Left alone
     * when the settings fix the threads.
     */
    @Override
    public void shareCores(int ways) {
        if (!sharesCores || ways < 1) return;
        int share = Math.max(1, Runtime.getRuntime().availableProcessors() / ways);
        if (share == threads) return;
        execute("SET threads = " + share);
        threads = share;
    }

    @Override
    public String dialect() {
        return "duckdb";
    }

    /** The JDBC connection, for tests. */
    public Connection connection() {
        return connection;
    }

    @Override
    public void execute(String sql) {
        executeUpdate(sql);
    }

    @Override
    public long executeUpdate(String sql) {
        try (Statement st = connection.createStatement()) {
            running = st;
            boolean hasRows = st.execute(sql);
            return hasRows ? -1 : st.getUpdateCount();
        } catch (SQLException e) {
            throw fail(e, sql);
        } finally {
            running = null;
        }
    }

    @Override
    public QueryResult query(String sql, int maxRows) {
        try (Statement st = connection.createStatement()) {
            running = st;
            try (ResultSet rs = st.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> columns = new ArrayList<>();
                // BigQuery returns a NULL array of a query's result as an empty one (as it stores it in a table)
                boolean[] arrays = new boolean[md.getColumnCount() + 1];
                // a DATETIME read as the driver's java.sql.Timestamp goes through the JVM's zone and calendar: 02:30 on the
                // day clocks skip it (in New York, say) reads 03:30, and a date before 1582-10-15 moves by days
                boolean[] datetimes = new boolean[md.getColumnCount() + 1];
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    columns.add(md.getColumnLabel(i));
                    String type = md.getColumnTypeName(i);
                    arrays[i] = type.endsWith("[]");
                    // TIMESTAMP and its units (TIMESTAMP_S, _MS, _NS); not an array of them, which plain() reads
                    datetimes[i] = !arrays[i] && type.startsWith("TIMESTAMP") && !type.equals("TIMESTAMP WITH TIME ZONE");
                }
                List<List<Object>> rows = new ArrayList<>();
                long total = 0;
                while (rs.next()) {
                    if (total < maxRows) {
                        List<Object> row = new ArrayList<>(columns.size());
                        for (int i = 1; i <= columns.size(); i++) {
                            Object value = datetimes[i] ? rs.getObject(i, LocalDateTime.class) : plain(rs.getObject(i));
                            row.add(value == null && arrays[i] ? List.of() : value);
                        }
                        rows.add(row);
                    }
                    total++;
                }
                return new QueryResult(columns, rows, total);
            }
        } catch (SQLException e) {
            throw fail(e, sql);
        } finally {
            running = null;
        }
    }

    /**
     * A value as plain Java: lists for arrays, maps by field name for structs, TIMESTAMPTZ in UTC (the
     * driver gives it in the JVM's zone; the session, and BigQuery, work in UTC), TIMESTAMP (DATETIME) as a
     * LocalDateTime, as a column of them reads. Inside an array or a struct the driver has already made it a
     * java.sql.Timestamp, which is exact but for a time the JVM's zone skips and a date before 1582-10-15.
     */
    private static Object plain(Object value) throws SQLException {
        if (value instanceof OffsetDateTime t) return t.withOffsetSameInstant(ZoneOffset.UTC);
        if (value instanceof java.sql.Timestamp t) return t.toLocalDateTime();
        if (value instanceof java.sql.Array array) {
            List<Object> items = new ArrayList<>();
            for (Object item : (Object[]) array.getArray()) items.add(plain(item));
            return items;
        }
        if (value instanceof DuckDBStruct struct) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Map.Entry<String, Object> field : struct.getMap().entrySet()) fields.put(field.getKey(), plain(field.getValue()));
            return fields;
        }
        return value;
    }

    @Override
    public void ensureSchema(Target target) {
        rejectCatalogNames(schemaOf(target));
        // Creating a schema is a catalog write that conflicts with the same write on another
        // session even with IF NOT EXISTS, so look first and accept losing a race.
        if (schemaExists(schemaOf(target))) return;
        try {
            execute("CREATE SCHEMA IF NOT EXISTS " + quoteIdent(schemaOf(target)));
        } catch (DuckDbException e) {
            if (!schemaExists(schemaOf(target))) throw e;
        }
    }

    /**
     * A schema named like a catalog (the warehouse file's name, temp, system) makes DuckDB's two-part
     * names ambiguous, and its error would suggest a three-part name a project cannot write.
     */
    private void rejectCatalogNames(String schema) {
        List<List<Object>> catalogs = queryRows("SELECT database_name FROM duckdb_databases()");
        for (List<Object> catalog : catalogs) {
            if (schema.equalsIgnoreCase((String) catalog.get(0))) {
                throw new DuckDbException("it has the name of a DuckDB catalog (the warehouse file's name, temp or system), so"
                        + " DuckDB cannot tell its tables' names apart; rename the dataset, or give the warehouse file another name"
                        + " (--warehouse other.duckdb)", null);
            }
        }
    }

    private boolean schemaExists(String schema) {
        String sql = "SELECT 1 FROM duckdb_schemas() WHERE database_name = current_database() AND lower(schema_name) = lower(?)";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw fail(e, sql);
        }
    }

    @Override
    public boolean exists(Target target) {
        // Binding a query is much cheaper than reading DuckDB's catalog tables; the catalog is
        // asked only when binding fails (a view over a dropped table exists but cannot bind).
        try (Statement st = connection.createStatement()) {
            st.execute("SELECT * FROM " + sqlName(target) + " LIMIT 0");
            return true;
        } catch (SQLException e) {
            return kind(target) != ObjectKind.NONE;
        }
    }

    @Override
    public ObjectKind kind(Target target) {
        // DuckDB resolves identifiers case-insensitively, so existence is checked the same way.
        if (catalogHas("SELECT 1 FROM duckdb_tables() WHERE database_name = current_database()"
                + " AND lower(schema_name) = lower(?) AND lower(table_name) = lower(?)", target)) {
            return ObjectKind.TABLE;
        }
        if (catalogHas("SELECT 1 FROM duckdb_views() WHERE NOT internal AND database_name = current_database()"
                + " AND lower(schema_name) = lower(?) AND lower(view_name) = lower(?)", target)) {
            return ObjectKind.VIEW;
        }
        return ObjectKind.NONE;
    }

    private boolean catalogHas(String sql, Target target) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, schemaOf(target));
            ps.setString(2, target.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw fail(e, sql);
        }
    }

    @Override
    public List<Column> columns(Target target) {
        List<Column> columns = existingColumns(target);
        return columns == null ? List.of() : columns;
    }

    /**
     * The columns of a table or view, null when there is none, empty for a view that no longer binds.
     * DESCRIBE takes a fifth of the time information_schema takes.
     */
    private List<Column> existingColumns(Target target) {
        try {
            return asColumns(queryRows("DESCRIBE " + sqlName(target)));
        } catch (DuckDbException e) {
            // a view whose table is gone also "does not exist": only the catalog tells the two apart
            return e.getMessage().contains("does not exist") && kind(target) == ObjectKind.NONE ? null : List.of();
        }
    }

    /** Name and type of each row of a DESCRIBE. */
    private static List<Column> asColumns(List<List<Object>> described) {
        return described.stream().map(row -> new Column((String) row.get(0), (String) row.get(1))).toList();
    }

    @Override
    public long rowCount(Target target) {
        QueryResult r = query("SELECT count(*) FROM " + sqlName(target), 1);
        return ((Number) r.rows().get(0).get(0)).longValue();
    }

    /**
     * DuckDB's {@code CREATE OR REPLACE TABLE ... AS} is the build-then-swap in one transaction:
     * the new table is built as a catalog entry only this transaction sees (MVCC), and replaces the
     * old one at commit; readers see the previous table until then, and a failure or a cancel
     * rolls the whole statement back. Doing the same by hand (build under another name, then
     * DROP and RENAME in an explicit transaction) costs DuckDB an extra 5 ms or so per table for
     * the same guarantee, so it is not done that way here.
     */
    @Override
    public long replaceTable(Target target, String select) {
        createOrReplace(ObjectKind.TABLE, target, select);
        return rowCount(target);
    }

    /**
     * A view that already holds the query and still binds is kept: most runs create the same views, and creating
     * one again costs a DESCRIBE of the query, one of the old view and a commit, for the same view.
     */
    @Override
    public void replaceView(Target target, String select) {
        if (viewHolds(target, select) && binds(target)) return;
        createOrReplace(ObjectKind.VIEW, target, select);
    }

    /** Whether the view can be read: a table under it may have changed or lost columns since it was created. */
    private boolean binds(Target view) {
        return bindError(sqlName(view)) == null;
    }

    /** Why the view (its SQL name) cannot be read, or null when it can. */
    private DuckDbException bindError(String view) {
        try {
            execute("SELECT * FROM " + view + " LIMIT 0");
            return null;
        } catch (DuckDbException e) {
            return e;
        }
    }

    /** In a transaction the catalog may hold what the transaction has not committed yet: no. */
    @Override
    public boolean viewHolds(Target view, String select) {
        return !inTransaction && storedViews.holds(this, view, select);
    }

    @Override
    public void catalogMayHaveChanged() {
        storedViews.forgetAll();
    }

    @Override
    public List<Column> stageTable(Target staging, String select) {
        return createOrReplace(ObjectKind.TABLE, staging, select, false);
    }

    /**
     * DuckDB checks a view's column names and types against those it had when created, and fails
     * ("Contents of view were altered") once a table or view under it changed them. Such a view is
     * created again from the SQL DuckDB keeps for it, which binds it to the new columns. Views on
     * views need one pass per level, as a view cannot be re-created while one under it is stale.
     * One whose query now repeats a column name is left stale: DuckDB would rename the second ({@code id_1}),
     * and the view, holding its query and binding, would then be kept by {@link #replaceView} instead of refused.
     */
    @Override
    public void refreshStaleViews(boolean afterProjectStatements) {
        if (!columnsChanged.getAndSet(false) && !afterProjectStatements) return;
        List<List<Object>> views = storedViews();
        boolean recreatedAny = true;
        for (int pass = 0; pass < views.size() && recreatedAny; pass++) {
            recreatedAny = false;
            for (List<Object> view : views) {
                String created = (String) view.get(2);
                if (isStale(quoteIdent((String) view.get(0)) + "." + quoteIdent((String) view.get(1))) && created.startsWith("CREATE VIEW ")
                        && !repeatsColumnNames(StoredViews.query(created, (String) view.get(0), (String) view.get(1)))) {
                    try {
                        execute("CREATE OR REPLACE VIEW " + created.substring("CREATE VIEW ".length()));
                        recreatedAny = true;
                    } catch (DuckDbException notYet) {
                        // a view under it is still stale (the next pass), or its SQL no longer fits: querying it says why
                    }
                }
            }
        }
    }

    @Override
    public int refreshWildcardView(Target wildcard) {
        String prefix = wildcard.name().substring(0, wildcard.name().length() - 1);
        List<String> tables = new ArrayList<>();
        String sql = "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND lower(schema_name) = lower(?)"
                + " AND starts_with(table_name, ?) ORDER BY table_name";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, schemaOf(wildcard));
            ps.setString(2, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) tables.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw fail(e, sql);
        }
        if (tables.isEmpty()) return 0;
        // BY NAME: daily tables whose columns changed over time line up, a missing column is NULL
        String union = tables.stream()
                .map(t -> "SELECT *, " + quoteLiteral(t.substring(prefix.length())) + " AS _TABLE_SUFFIX FROM " + sqlName(new Target(null, schemaOf(wildcard), t)))
                .collect(Collectors.joining("\nUNION ALL BY NAME\n"));
        List<Column> before = existingColumns(wildcard);
        storedViews.forget(wildcard);
        execute("CREATE OR REPLACE VIEW " + sqlName(wildcard) + " AS\n" + union);
        // a new daily table may bring a column: the views on the wildcard need re-creating then
        if (before != null && !before.equals(existingColumns(wildcard))) columnsChanged.set(true);
        return tables.size();
    }

    /** Whether {@code select} (null: not known) binds to columns of which two have the same name. */
    private boolean repeatsColumnNames(String select) {
        if (select == null) return false;
        try {
            rejectDuplicateNames(queryRows("DESCRIBE " + select));
            return false;
        } catch (DuplicateColumnNames repeated) {
            return true;
        } catch (DuckDbException notYet) {
            return false; // a view under it still stale, or SQL that no longer fits: re-creating it says which
        }
    }

    private boolean isStale(String view) {
        DuckDbException e = bindError(view);
        // altered columns, or a star view whose table lost one ("2 columns available but 3 columns specified");
        // a view whose SQL no longer fits fails again when re-created, and stays as it is
        return e != null && (e.getMessage().contains("Contents of view were altered") || e.getMessage().contains("columns available but"));
    }

    /**
     * {@code CREATE OR REPLACE TABLE|VIEW ... AS} (the kinds are named as the SQL keywords). The
     * catalog is read only when that fails: a missing schema is created, or an object of the other
     * kind in the way is dropped in the same transaction, and the statement runs again.
     */
    private void createOrReplace(ObjectKind kind, Target target, String select) {
        createOrReplace(kind, target, select, true);
    }

    /**
     * Returns the new columns. {@code watchColumns}: whether a change of the columns it had counts for
     * {@link #refreshStaleViews} (finding out costs a DESCRIBE of the old one).
     */
    private List<Column> createOrReplace(ObjectKind kind, Target target, String select, boolean watchColumns) {
        List<List<Object>> columns = queryRows("DESCRIBE " + select); // a query that does not bind fails here, as its CREATE would
        rejectDuplicateNames(columns);
        boolean table = kind == ObjectKind.TABLE;
        List<Column> created = asColumns(columns).stream().map(c -> table ? new Column(c.name(), storedType(c.type())) : c).toList();
        String create = "CREATE OR REPLACE " + kind + " " + sqlName(target) + " AS\n" + (table ? asStored(select, columns) : select);
        storedViews.forget(target);
        ObjectKind other = kind == ObjectKind.TABLE ? ObjectKind.VIEW : ObjectKind.TABLE;
        if (inTransaction) {
            // with pre- or post-operations: a failure aborts the caller's transaction, which can then
            // read no catalog (and would report that instead of the failure), so the catalog is read first
            ensureSchema(target);
            if (kind(target) == other) execute("DROP " + other + " " + sqlName(target));
            execute(create);
            if (watchColumns) columnsChanged.set(true); // not compared: a failing DESCRIBE would abort the transaction
            return created;
        }
        List<Column> before = watchColumns ? existingColumns(target) : null;
        try {
            execute(create);
            if (before != null && !before.equals(created)) columnsChanged.set(true);
        } catch (DuckDbException e) {
            boolean noSchema = !schemaExists(schemaOf(target));
            boolean otherInTheWay = !noSchema && kind(target) == other;
            if (!noSchema && !otherInTheWay) throw e;
            if (noSchema) ensureSchema(target);
            inTransaction(() -> {
                if (otherInTheWay) execute("DROP " + other + " " + sqlName(target));
                execute(create);
            });
            if (otherInTheWay && watchColumns) columnsChanged.set(true);
        }
        return created;
    }

    /**
     * The query's columns ({@code columns}: its DESCRIBE) as BigQuery writes a query's result to a table:
     * <ul>
     *   <li>a NULL array as an empty one (inside the query, and so in a view, NULL stays NULL; DuckDB would store the NULL),
     *       read through coalesce(..., []);</li>
     *   <li>every integer as INT64: DuckDB types an integer literal that fits in 32 bits as INTEGER ({@code SELECT 0 AS n}),
     *       whose column a later increment of larger values would overflow where BigQuery's INT64 holds them.</li>
     * </ul>
     */
    private static String asStored(String select, List<List<Object>> columns) {
        List<String> replaced = new ArrayList<>();
        for (List<Object> column : columns) {
            String name = quoteIdent(String.valueOf(column.get(0)));
            String type = String.valueOf(column.get(1));
            String value = type.endsWith("[]") ? "coalesce(" + name + ", [])" : name;
            if (!storedType(type).equals(type)) value = "CAST(" + value + " AS " + storedType(type) + ")";
            if (!value.equals(name)) replaced.add(value + " AS " + name);
        }
        if (replaced.isEmpty()) return select;
        return "SELECT * REPLACE (" + String.join(", ", replaced) + ") FROM (\n" + select + "\n)";
    }

    // a quoted struct field name or ENUM label (skipped) or a narrower integer type; a field name is followed by a space
    // and its type, and DuckDB leaves some unquoted (STRUCT(TINYINT INTEGER)), so a word followed by a space is left alone
    private static final Pattern NARROW_INTEGER = Pattern.compile("(\"(?:[^\"]|\"\")*\"|'(?:[^']|'')*')|\\b(?:TINYINT|SMALLINT|INTEGER)\\b(?! )");

    /**
     * The type a table stores a query's column of {@code type} as: every narrower integer widened to BIGINT,
     * within arrays, struct fields and maps too ({@code STRUCT(x INTEGER)[]}), as all of BigQuery's integers are INT64.
     */
    static String storedType(String type) {
        return NARROW_INTEGER.matcher(type).replaceAll(m -> m.group(1) != null ? Matcher.quoteReplacement(m.group(1)) : "BIGINT");
    }

    /** BigQuery refuses a table or view whose query repeats a column name; DuckDB would rename the second ({@code a_1}). */
    private static void rejectDuplicateNames(List<List<Object>> columns) {
        Set<String> repeated = DuplicateColumnNames.among(columns.stream().map(column -> String.valueOf(column.get(0))).toList());
        if (!repeated.isEmpty()) throw new DuplicateColumnNames(repeated);
    }

    @Override
    public long insertFrom(Relation target, Relation source, List<String> columns) {
        return increments.insert(target, source, columns);
    }

    @Override
    public long mergeFrom(Relation table, Relation rows, List<String> columns, List<String> uniqueKey, String targetFilter) {
        return increments.merge(table, rows, columns, uniqueKey, targetFilter);
    }

    @Override
    public long replacePartitions(Relation table, Relation rows, List<String> columns, String partitionBy, String targetFilter) {
        return increments.replacePartitions(table, rows, columns, partitionBy, targetFilter);
    }

    /*
     * In a transaction the columns change by rewriting the table: DuckDB refuses to commit an ALTER of a
     * table whose rows the same transaction changed (a pre-operation's DELETE before an increment).
     */

    @Override
    public void addColumns(Target target, List<Column> columns) {
        if (columns.isEmpty()) return;
        columnsChanged.set(true);
        if (inTransaction) {
            String added = columns.stream().map(c -> "CAST(" + emptyValue(c) + " AS " + c.type() + ") AS " + quoteIdent(c.name()))
                    .collect(Collectors.joining(", "));
            execute("CREATE OR REPLACE TABLE " + sqlName(target) + " AS SELECT *, " + added + " FROM " + sqlName(target));
            return;
        }
        for (Column c : columns) {
            execute("ALTER TABLE " + sqlName(target) + " ADD COLUMN " + quoteIdent(c.name()) + " " + c.type() + " DEFAULT " + emptyValue(c));
        }
    }

    /** What a column added to a table holds in its rows: NULL, or for an array an empty one, as BigQuery reads a REPEATED column. */
    private static String emptyValue(Column c) {
        return c.type().endsWith("]") ? "[]" : "NULL";
    }

    @Override
    public void dropColumns(Target target, List<String> columns) {
        if (columns.isEmpty()) return;
        columnsChanged.set(true);
        if (inTransaction) {
            execute("CREATE OR REPLACE TABLE " + sqlName(target) + " AS SELECT * EXCLUDE (" + columnList(columns) + ") FROM " + sqlName(target));
            return;
        }
        for (String c : columns) execute("ALTER TABLE " + sqlName(target) + " DROP COLUMN " + quoteIdent(c));
    }

    @Override
    public void drop(Target target) {
        storedViews.forget(target);
        try {
            execute("DROP TABLE IF EXISTS " + sqlName(target));
        } catch (DuckDbException e) {
            if (kind(target) != ObjectKind.VIEW) throw e;
            execute("DROP VIEW " + sqlName(target));
        }
    }

    @Override
    public void inTransaction(Runnable work) {
        if (inTransaction) {
            work.run();
            return;
        }
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new DuckDbException("could not start a transaction: " + e.getMessage(), e);
        }
        inTransaction = true;
        try {
            work.run();
            connection.commit();
        } catch (RuntimeException | Error e) {
            rollBack(e);
            throw e;
        } catch (SQLException e) {
            DuckDbException refused = new DuckDbException("could not commit the transaction, nothing of it was kept: " + e.getMessage(), e);
            forgetRefusedCommit(refused);
            throw refused;
        } finally {
            inTransaction = false;
            endTransaction();
        }
    }

    /**
     * A COMMIT that DuckDB refused (a conflict, a memory limit, a full disk) has ended the transaction, but the
     * driver, which clears its own flag only after a COMMIT or ROLLBACK that succeeds, still believes one runs:
     * it would begin none for the next transaction, whose statements would then each commit on their own. A
     * transaction begun here and rolled back through the driver clears the flag.
     */
    private void forgetRefusedCommit(DuckDbException refused) {
        try (Statement st = connection.createStatement()) {
            st.execute("BEGIN TRANSACTION");
        } catch (SQLException stillActive) {
            // DuckDB kept the transaction open: the rollback below ends it
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            refused.addSuppressed(e);
        }
    }

    private void rollBack(Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** Back to autocommit; a commit DuckDB refused has already ended the transaction, which this must not report over the refusal. */
    private void endTransaction() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // "no transaction is active": the failed commit ended it
        }
    }

    @Override
    public void cancel() {
        Statement st = running;
        if (st == null) return;
        try {
            st.cancel();
        } catch (SQLException | RuntimeException ignored) {
            // the statement finished in the meantime
        }
    }

    @Override
    public Engine openSession() {
        try {
            return new DuckDbEngine((DuckDBConnection) connection.duplicate(), columnsChanged, storedViews);
        } catch (SQLException e) {
            throw new DuckDbException("cannot open another DuckDB session: " + e.getMessage(), e);
        }
    }

    private static final Pattern ESTIMATED = Pattern.compile("~\\s*([\\d,.]+)\\s*([KMB]?)\\s+rows?");

    /** DuckDB's planner estimate for the top operator of the plan (rows returned). */
    @Override
    public OptionalLong estimateRows(String select) {
        QueryResult plan;
        try {
            plan = query("EXPLAIN " + select, 100);
        } catch (DuckDbException e) {
            return OptionalLong.empty(); // e.g. an upstream table not built yet
        }
        for (List<Object> row : plan.rows()) {
            Matcher m = ESTIMATED.matcher(String.valueOf(row.get(row.size() - 1)));
            if (m.find()) {
                double n = Double.parseDouble(m.group(1).replace(",", ""));
                double scale = switch (m.group(2)) {
                    case "K" -> 1e3;
                    case "M" -> 1e6;
                    case "B" -> 1e9;
                    default -> 1;
                };
                return OptionalLong.of(Math.round(n * scale));
            }
        }
        return OptionalLong.empty();
    }

    @Override
    public BulkWriter createAndOpenWriter(Target target, List<Column> columns) {
        ensureSchema(target);
        String columnList = columns.stream()
                .map(c -> quoteIdent(c.name()) + " " + c.type())
                .collect(Collectors.joining(", "));
        execute("CREATE OR REPLACE TABLE " + sqlName(target) + " (" + columnList + ")");
        return openWriter(target);
    }

    @Override
    public BulkWriter openWriter(Target target) {
        try {
            return new DuckDbBulkWriter(connection.createAppender(schemaOf(target), target.name()));
        } catch (SQLException e) {
            throw new DuckDbException("cannot append to " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new DuckDbException(e.getMessage(), e);
        }
    }

    /** {@code "schema"."name"}: the DuckDB name of a target (the database part is not used here). */
    public static String sqlName(Target target) {
        return target.schema() == null ? quoteIdent(target.name()) : quoteIdent(target.schema()) + "." + quoteIdent(target.name());
    }

    public static String quoteIdent(String identifier) {
        return SqlQuoting.identifier(identifier);
    }

    static String quoteLiteral(String value) {
        return SqlQuoting.string(value);
    }

    static String schemaOf(Target target) {
        return target.schema() == null ? "main" : target.schema();
    }

    /** The project's views as DuckDB keeps them: schema, name and its CREATE VIEW statement. */
    List<List<Object>> storedViews() {
        return queryRows("SELECT schema_name, view_name, sql FROM duckdb_views() WHERE NOT internal AND database_name = current_database()");
    }

    static String columnList(List<String> columns) {
        return columns.stream().map(DuckDbEngine::quoteIdent).collect(Collectors.joining(", "));
    }

    private static DuckDbException fail(SQLException e, String sql) {
        String message = withoutCatalogSuggestion(e.getMessage());
        return new DuckDbException(message + "\n  in: " + abbreviate(sql), withoutSqlExcerpt(message), e);
    }

    /** DuckDB's "LINE 1: ..." excerpt quotes the translated SQL, which the script's author never wrote. */
    private static final Pattern SQL_EXCERPT = Pattern.compile("\\R+LINE \\d+:.*", Pattern.DOTALL);

    static String withoutSqlExcerpt(String message) {
        return message == null ? null : SQL_EXCERPT.matcher(message).replaceFirst("");
    }

    /** DuckDB's own catalog views (sqlite_master, pg_catalog's) are no project's names: a suggestion of one only misleads. */
    private static final Pattern SYSTEM_SUGGESTION = Pattern.compile(
            "\\R?Did you mean \"(?:main\\.)?(?:sqlite_\\w+|pg_\\w+|pg_catalog\\.\\w+|information_schema\\.\\w+|duckdb_\\w+)\"\\?");

    static String withoutCatalogSuggestion(String message) {
        return message == null ? null : SYSTEM_SUGGESTION.matcher(message).replaceAll("");
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    @Override
    public void loadFile(Target target, Path file) {
        ensureSchema(target);
        files.load(target, file);
    }
}
