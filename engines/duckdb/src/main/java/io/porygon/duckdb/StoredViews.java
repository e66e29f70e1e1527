package io.porygon.duckdb;

import io.porygon.core.graph.Target;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SQL DuckDB keeps for each view of the warehouse, read in one catalog query the first time it is
 * asked for (reading one view's costs the same), so that a view that already holds a query need not be
 * created again. DuckDB keeps a view's query as its parser prints it back, so a query is compared in
 * that form. The sessions of one engine share it; a view this engine creates or drops is forgotten, and
 * {@link #forgetAll} starts over (as a run starts, and after statements the project wrote, which may change any view).
 */
final class StoredViews {
    private final Map<String, String> sqlByName = new ConcurrentHashMap<>();
    private volatile boolean read;

    /** Whether {@code view} is a view whose query, printed back by DuckDB, is {@code select}'s. */
    boolean holds(DuckDbEngine engine, Target view, String select) {
        if (!read) readAll(engine);
        String stored = sqlByName.get(key(view));
        if (stored == null) return false;
        String printed;
        try {
            printed = (String) engine.queryRows("SELECT json_deserialize_sql(json_serialize_sql(" + DuckDbEngine.quoteLiteral(select) + "))").get(0).get(0);
        } catch (DuckDbException notParsed) {
            return false; // json_serialize_sql takes SELECT statements only
        }
        return printed.equals(query(stored, DuckDbEngine.schemaOf(view), view.name()));
    }

    /**
     * The query of the view {@code schema.name} whose SQL DuckDB keeps as {@code stored}, or null when it has a column
     * list or is not a {@code CREATE VIEW}.
     */
    static String query(String stored, String schema, String name) {
        // stored as CREATE VIEW <name as DuckDB prints it, quoted where it must be> AS <query>; a column list after
        // the name (CREATE VIEW v (x) AS ...) renames the query's columns, so then the view does not hold it
        String prefix = "CREATE VIEW ";
        if (!stored.startsWith(prefix) || !stored.endsWith(";")) return null;
        // a quoted name may itself hold " AS ": the first one after which the name is the view's
        for (int as = stored.indexOf(" AS ", prefix.length()); as >= 0; as = stored.indexOf(" AS ", as + 1)) {
            String printedName = stored.substring(prefix.length(), as).replace("\"", "");
            // DuckDB leaves out the schema main
            if (printedName.equalsIgnoreCase(schema + "." + name) || schema.equalsIgnoreCase("main") && printedName.equalsIgnoreCase(name)) {
                return stored.substring(as + " AS ".length(), stored.length() - 1);
            }
        }
        return null;
    }

    synchronized void forget(Target target) {
        sqlByName.remove(key(target));
    }

    /** Synchronized with {@link #readAll}: a read under way could otherwise put back what it read before the change. */
    synchronized void forgetAll() {
        read = false;
        sqlByName.clear();
    }

    private synchronized void readAll(DuckDbEngine engine) {
        if (read) return;
        for (List<Object> view : engine.storedViews()) sqlByName.put(key((String) view.get(0), (String) view.get(1)), (String) view.get(2));
        read = true;
    }

    private static String key(Target target) {
        return key(DuckDbEngine.schemaOf(target), target.name());
    }

    /** DuckDB's names are case-insensitive. */
    private static String key(String schema, String name) {
        return schema.toLowerCase(Locale.ROOT) + "\u0000" + name.toLowerCase(Locale.ROOT);
    }
}
