package io.porygon.core.sql;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DATE_BUCKET, DATETIME_BUCKET and TIMESTAMP_BUCKET: the lower bound of the bucket of a given width
 * that holds the value, buckets counted from an origin (BigQuery's default: 1950-01-01 00:00:00).
 * DuckDB's time_bucket with the origin passed explicitly computes the same for widths of fixed
 * length (weeks, days and below). Month and year widths, whose BigQuery rule Porygon does not
 * reproduce, and widths that are not an INTERVAL literal are refused.
 */
final class BucketFunctions {

    private BucketFunctions() {}

    static void register(Map<String, CallRenderer> specials) {
        specials.put("DATE_BUCKET", c -> bucket(c, "DATE", "DATE '1950-01-01'", Set.of("DAY", "WEEK")));
        specials.put("DATETIME_BUCKET", c -> bucket(c, "TIMESTAMP", "TIMESTAMP '1950-01-01 00:00:00'", FIXED));
        specials.put("TIMESTAMP_BUCKET", c -> bucket(c, "TIMESTAMPTZ", "TIMESTAMPTZ '1950-01-01 00:00:00+00'", FIXED));
    }

    private static final Set<String> FIXED = Set.of("WEEK", "DAY", "HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND");
    private static final Pattern WIDTH = Pattern.compile("INTERVAL\\s+\\(?'?(\\d+)'?\\)?\\s+([A-Z]+)", Pattern.CASE_INSENSITIVE);

    private static void bucket(CallContext c, String duckDbType, String defaultOrigin, Set<String> units) {
        int n = c.args().size();
        if (n != 2 && n != 3) throw c.unsupported(n + " arguments", "pass the value, an INTERVAL width and optionally an origin");
        Matcher m = WIDTH.matcher(c.args().get(1).toString().strip());
        String unit = m.matches() ? m.group(2).toUpperCase(Locale.ROOT) : null;
        if (unit == null || !units.contains(unit)) {
            throw c.unsupported("the bucket width " + c.args().get(1), "write a positive INTERVAL literal of " + String.join(", ", units.stream().sorted().toList())
                    + (units.contains("HOUR") ? "" : " (for calendar months, DATE_TRUNC(d, MONTH))"));
        }
        if (Long.parseLong(m.group(1)) == 0) throw c.unsupported("a bucket width of 0", "BigQuery refuses it too; use a positive width");
        c.text("time_bucket(").arg(1).text(", CAST(").arg(0).text(" AS " + duckDbType + "), ");
        if (n == 3) c.text("CAST(").arg(2).text(" AS " + duckDbType + ")");
        else c.text(defaultOrigin);
        c.text(")");
    }
}
