package io.porygon.core.run;

import io.porygon.core.engine.Engine;
import io.porygon.core.graph.Target;
import io.porygon.core.sql.SqlQuoting;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The views that stand for wildcard tables ({@code events_*}) in one run: each is made of the tables it
 * matches now, before its first reader runs (by its declaration's check, or for an action that names
 * it without one), once per run.
 */
final class WildcardViews {
    /** A wildcard table in translated SQL: {@code schema."events_*"} (a quoted name read one character class at a time). */
    private static final Pattern WILDCARD = Pattern.compile("(\"[^\"]*(?:\"\"[^\"]*)*\"|[A-Za-z_][\\w$]*)\\.\"([^\"]*(?:\"\"[^\"]*)*\\*)\"");

    private final Set<Target> made = new HashSet<>();

    void make(Target wildcard, Engine engine) {
        synchronized (made) {
            if (made.contains(wildcard)) return;
            if (engine.refreshWildcardView(wildcard) == 0) {
                throw new IllegalStateException("no table of " + wildcard.schema() + " matches the wildcard table " + wildcard.name()
                        + " (as on BigQuery, a wildcard must match at least one table); load the daily tables first");
            }
            made.add(wildcard);
        }
    }

    /** Makes the views of the wildcard tables the statements read. */
    void makeReadBy(List<String> statements, Engine engine) {
        for (String sql : statements) {
            for (Matcher m = WILDCARD.matcher(sql); m.find(); ) {
                make(new Target(null, SqlQuoting.unquotedIdentifier(m.group(1)), m.group(2).replace("\"\"", "\"")), engine);
            }
        }
    }
}
