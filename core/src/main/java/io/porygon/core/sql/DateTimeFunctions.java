package io.porygon.core.sql;

import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BigQuery's date and time functions. Each casts its operands to the type the BigQuery function
 * is defined on (DATE, DATETIME = TIMESTAMP, TIMESTAMP = TIMESTAMPTZ, TIME), which also gives
 * string literals BigQuery's implicit coercion, and handles week numbering and boundaries the
 * way BigQuery does.
 */
final class DateTimeFunctions {

    private DateTimeFunctions() {}

    static final String DATE = "DATE";
    static final String DATETIME = "TIMESTAMP";
    static final String TIMESTAMP = "TIMESTAMPTZ";
    static final String TIME = "TIME";

    static void register(Map<String, CallRenderer> specials) {
        specials.put(GoogleSqlLexer.DATE_FN, DateTimeFunctions::date);
        specials.put(GoogleSqlLexer.DATETIME_FN, DateTimeFunctions::datetime);
        specials.put(GoogleSqlLexer.TIME_FN, DateTimeFunctions::time);
        specials.put("TIMESTAMP", DateTimeFunctions::timestamp);
        specials.put("CURRENT_DATE", c -> current(c, "current_date", DATE));
        specials.put("CURRENT_DATETIME", c -> current(c, "CAST(current_timestamp AS TIMESTAMP)", DATETIME));
        specials.put("CURRENT_TIME", c -> current(c, "CAST(CAST(current_timestamp AS TIMESTAMP) AS TIME)", TIME));
        specials.put("CURRENT_TIMESTAMP", c -> c.text("current_timestamp"));

        specials.put("DATE_ADD", c -> add(c, DATE, "+"));
        specials.put("DATE_SUB", c -> add(c, DATE, "-"));
        specials.put("DATETIME_ADD", c -> add(c, DATETIME, "+"));
        specials.put("DATETIME_SUB", c -> add(c, DATETIME, "-"));
        specials.put("TIMESTAMP_ADD", c -> add(c, TIMESTAMP, "+"));
        specials.put("TIMESTAMP_SUB", c -> add(c, TIMESTAMP, "-"));
        specials.put("TIME_ADD", c -> add(c, TIME, "+"));
        specials.put("TIME_SUB", c -> add(c, TIME, "-"));

        specials.put("DATE_DIFF", c -> diff(c, DATE));
        specials.put("DATETIME_DIFF", c -> diff(c, DATETIME));
        specials.put("TIMESTAMP_DIFF", c -> diff(c, TIMESTAMP));
        specials.put("TIME_DIFF", c -> diff(c, TIME));

        specials.put("DATE_TRUNC", c -> trunc(c, DATE));
        specials.put("DATETIME_TRUNC", c -> trunc(c, DATETIME));
        specials.put("TIMESTAMP_TRUNC", c -> trunc(c, TIMESTAMP));
        specials.put("TIME_TRUNC", c -> trunc(c, TIME));
        specials.put("LAST_DAY", DateTimeFunctions::lastDay);

        specials.put("FORMAT_DATE", c -> format(c, DATE, null));
        specials.put("FORMAT_DATETIME", c -> format(c, DATETIME, null));
        specials.put("FORMAT_TIME", c -> format(c, TIME, null));
        specials.put("FORMAT_TIMESTAMP", c -> format(c, TIMESTAMP, "UTC"));
        specials.put("PARSE_DATE", c -> parse(c, DATE));
        specials.put("PARSE_DATETIME", c -> parse(c, DATETIME));
        specials.put("PARSE_TIME", c -> parse(c, TIME));
        specials.put("PARSE_TIMESTAMP", c -> parse(c, TIMESTAMP));

        specials.put("GENERATE_DATE_ARRAY", c -> series(c, DATE, "INTERVAL 1 DAY"));
        specials.put("GENERATE_TIMESTAMP_ARRAY", c -> series(c, TIMESTAMP, null));

        specials.put("UNIX_DATE", c -> c.text("date_diff('day', DATE '1970-01-01', ").cast(0, DATE).text(")"));
        specials.put("DATE_FROM_UNIX_DATE", c -> c.text("CAST(DATE '1970-01-01' + CAST(").arg(0).text(" AS INTEGER) AS DATE)"));
        specials.put("UNIX_SECONDS", c -> c.text("CAST(floor(epoch(").cast(0, TIMESTAMP).text(")) AS BIGINT)"));
        // BigQuery rounds down to the millisecond; epoch_ms truncates toward zero (wrong before 1970)
        specials.put("UNIX_MILLIS", c -> c.text("(epoch_ms(").cast(0, TIMESTAMP).text(") - CASE WHEN epoch_us(")
                .cast(0, TIMESTAMP).text(") % 1000 < 0 THEN 1 ELSE 0 END)"));
        specials.put("UNIX_MICROS", c -> c.text("epoch_us(").cast(0, TIMESTAMP).text(")"));
        specials.put("TIMESTAMP_SECONDS", c -> c.text("to_timestamp(").arg(0).text(")"));
        specials.put("TIMESTAMP_FROM_UNIX_SECONDS", c -> c.text("to_timestamp(").arg(0).text(")"));
        specials.put("TIMESTAMP_FROM_UNIX_MILLIS", c -> c.text("CAST(make_timestamp(CAST(").arg(0).text(" AS BIGINT) * 1000) AS TIMESTAMPTZ)"));
        specials.put("TIMESTAMP_FROM_UNIX_MICROS", c -> c.text("CAST(make_timestamp(CAST(").arg(0).text(" AS BIGINT)) AS TIMESTAMPTZ)"));
        specials.put("TIMESTAMP_MILLIS", c -> c.text("CAST(make_timestamp(CAST(").arg(0).text(" AS BIGINT) * 1000) AS TIMESTAMPTZ)"));
        specials.put("TIMESTAMP_MICROS", c -> c.text("CAST(make_timestamp(CAST(").arg(0).text(" AS BIGINT)) AS TIMESTAMPTZ)"));
    }

    private static void arity(CallContext c, int min, int max) {
        int n = c.args().size();
        if (n < min || n > max) {
            throw new Untranslatable(c.name() + "() takes " + (min == max ? min : min + " to " + max) + " arguments, got " + n,
                    "check the call against BigQuery's function reference");
        }
    }

    private static void date(CallContext c) {
        switch (c.args().size()) {
            case 1 -> utcWallTime(c, DATE, c.args().get(0), () -> c.arg(0));
            case 2 -> zone(c.text("CAST(timezone("), 1).text(", ").cast(0, TIMESTAMP).text(") AS DATE)");
            case 3 -> c.text("make_date(").arg(0).text(", ").arg(1).text(", ").arg(2).text(")");
            default -> arity(c, 1, 3);
        }
    }

    /**
     * {@code value} as a DATE or DATETIME (DuckDB's TIMESTAMP) in UTC, BigQuery's default time zone.
     * DuckDB casts a TIMESTAMPTZ through ICU's calendar, row by row: 330 ms against 15 ms for the
     * same 2.5M event dates. Its epoch microseconds give the same UTC wall time without that, and are
     * as right for a DATE or DATETIME operand. A literal keeps the cast, which parses a string and
     * gives NULL a type (epoch_us has several).
     */
    private static void utcWallTime(CallContext c, String type, Expression operand, Runnable value) {
        if (operand instanceof StringValue || operand instanceof NullValue) {
            c.text("CAST("); value.run(); c.text(" AS " + type + ")");
            return;
        }
        c.text(type.equals(DATE) ? "CAST(make_timestamp(epoch_us(" : "make_timestamp(epoch_us(");
        value.run();
        c.text(type.equals(DATE) ? ")) AS DATE)" : "))");
    }

    private static void datetime(CallContext c) {
        switch (c.args().size()) {
            case 1 -> utcWallTime(c, DATETIME, c.args().get(0), () -> c.arg(0));
            case 2 -> {
                if (c.args().get(1) instanceof StringValue) {
                    zone(c.text("timezone("), 1).text(", ").cast(0, TIMESTAMP).text(")");
                } else {
                    c.text("(").cast(0, DATE).text(" + ").cast(1, TIME).text(")");
                }
            }
            case 6 -> c.text("make_timestamp(").arg(0).text(", ").arg(1).text(", ").arg(2).text(", ")
                    .arg(3).text(", ").arg(4).text(", ").arg(5).text(")");
            default -> arity(c, 1, 2);
        }
    }

    private static void time(CallContext c) {
        switch (c.args().size()) {
            // a TIMESTAMP's time of day in UTC: DuckDB casts only a zoneless timestamp to TIME
            case 1 -> c.text("CAST(").cast(0, DATETIME).text(" AS TIME)");
            case 2 -> zone(c.text("CAST(timezone("), 1).text(", ").cast(0, TIMESTAMP).text(") AS TIME)");
            case 3 -> c.text("make_time(").arg(0).text(", ").arg(1).text(", ").arg(2).text(")");
            default -> arity(c, 1, 3);
        }
    }

    private static void timestamp(CallContext c) {
        switch (c.args().size()) {
            case 1 -> c.cast(0, TIMESTAMP);
            case 2 -> c.once(a -> instantOf(zoneSql(c, 1, a.get(1)), "CAST(" + a.get(0) + " AS " + DATETIME + ")"));
            default -> arity(c, 1, 2);
        }
    }

    /** The time zone argument {@code index} as SQL: an offset as {@link #namedZone} gives it, else {@code bound}, its bound value. */
    private static String zoneSql(CallContext c, int index, String bound) {
        String named = c.args().get(index) instanceof StringValue s ? namedZone(s.getValue()) : null;
        return named == null ? bound : named;
    }

    /**
     * The instant at which the clocks of time zone {@code zone} show the civil time {@code civil} (SQL, a DuckDB
     * TIMESTAMP), as BigQuery finds it: a wall time the clocks show twice (the hour after they fall back) is the
     * earlier instant, with the offset before the change. DuckDB's timezone() gives the later one (01:30 in New York
     * on 2024-11-03 was 06:30 UTC instead of 05:30). A wall time the clocks skip already agrees: both take the offset
     * before the change. The earlier instant is the one of the wall time 3 hours before, plus 3 hours, when that is
     * earlier and shows the same wall time (no zone sets its clocks back by more); DuckDB evaluates the last test
     * only on the rows where the two instants differ.
     */
    static String instantOf(String zone, String civil) {
        String later = "timezone(" + zone + ", " + civil + ")";
        String earlier = "(timezone(" + zone + ", " + civil + " - INTERVAL 3 HOUR) + INTERVAL 3 HOUR)";
        return "CASE WHEN " + earlier + " < " + later + " AND timezone(" + zone + ", " + earlier + ") = " + civil
                + " THEN " + earlier + " ELSE " + later + " END";
    }

    private static void current(CallContext c, String utc, String type) {
        if (c.args().isEmpty()) {
            c.text(utc);
        } else {
            zone(c.text("CAST(timezone("), 0).text(", current_timestamp) AS " + type + ")");
        }
    }

    private static IntervalExpression interval(CallContext c, int index) {
        Expression e = c.args().get(index);
        IntervalExpression i = e instanceof IntervalExpression interval ? normalized(interval) : null;
        if (i != null) return i;
        throw c.unsupported("an argument other than INTERVAL n PART", "write INTERVAL <number> <PART>");
    }

    /**
     * {@code INTERVAL amount PART} with the amount in {@code getExpression()} (or the literal in
     * {@code getParameter()}) and the part set, or null when there is no part. JSqlParser keeps a
     * literal amount whole but attaches the part of a non-literal one to its last operand:
     * {@code INTERVAL n + 1 MONTH} arrives as {@code n + (1 MONTH)} and {@code INTERVAL (n) DAY} as a
     * call named INTERVAL. The node is rewritten in place, so a second print (templates repeat
     * arguments) finds it already whole.
     */
    static IntervalExpression normalized(IntervalExpression i) {
        if (i.getIntervalType() != null) {
            if (i.getExpression() instanceof Function f && f.getName().equalsIgnoreCase("INTERVAL")
                    && f.getParameters() != null && f.getParameters().size() == 1) {
                i.setExpression((Expression) f.getParameters().get(0));
            }
            return i;
        }
        String[] part = new String[1];
        Expression amount = i.getExpression() == null ? null : withoutPart(i.getExpression(), part);
        if (amount == null) return null;
        i.setExpression(amount);
        i.setIntervalType(part[0]);
        return i;
    }

    /** The expression with the part taken off its last operand (and stored in part[0]), or null. */
    private static Expression withoutPart(Expression e, String[] part) {
        if (e instanceof IntervalExpression inner && inner.getIntervalType() != null && inner.getExpression() != null) {
            part[0] = inner.getIntervalType();
            return inner.getExpression();
        }
        if (e instanceof BinaryExpression b) {
            Expression right = withoutPart(b.getRightExpression(), part);
            if (right == null) return null;
            b.setRightExpression(right);
            return b;
        }
        if (e instanceof SignedExpression signed) {
            Expression inner = withoutPart(signed.getExpression(), part);
            if (inner == null) return null;
            signed.setExpression(inner);
            return signed;
        }
        return null;
    }

    static void printInterval(CallContext c, IntervalExpression i) {
        DatePart part = DatePart.of(i.getIntervalType());
        c.text("INTERVAL (");
        if (i.getExpression() != null) c.expr(i.getExpression());
        else c.text(i.getParameter().replace("'", ""));
        c.text(") ").text(part.name());
    }

    private static void add(CallContext c, String type, String op) {
        arity(c, 2, 2);
        IntervalExpression i = interval(c, 1);
        boolean wraps = !type.equals(TIMESTAMP) && !type.equals(DATETIME);
        if (wraps) c.text("CAST(");
        c.text("(").cast(0, type).text(" " + op + " ");
        printInterval(c, i);
        c.text(")");
        if (wraps) c.text(" AS " + type + ")");
    }

    private static void diff(CallContext c, String type) {
        arity(c, 3, 3);
        DatePart part = DatePart.of(c.args().get(2));
        if (type.equals(TIMESTAMP) || type.equals(TIME)) {
            if (!part.isTimeOfDay() && !part.name().equals("DAY")) {
                throw c.unsupported("date part " + part.name(), "use MICROSECOND ... DAY, or DATE_DIFF on DATE values");
            }
            if (type.equals(TIME)) {
                // BigQuery counts whole intervals between times: DuckDB's date_sub
                c.text("date_sub('" + part.duckDb() + "', ").cast(1, type).text(", ").cast(0, type).text(")");
            } else {
                // Whole intervals of fixed length (DAY is 24 hours) between instants. Integer division of
                // the microseconds truncates toward zero like date_sub, without its per-row time zone
                // calendar (about 30 times faster on TIMESTAMPTZ).
                c.text("((epoch_us(").cast(0, type).text(") - epoch_us(").cast(1, type).text(")) // "
                        + microsecondsIn(part) + ")");
            }
            return;
        }
        switch (part.name()) {
            case "WEEK", "ISOWEEK" -> {
                DatePart week = part.name().equals("ISOWEEK") ? new DatePart("WEEK", 1) : part;
                String[] around = week.weekStartAround();
                c.text("(date_diff('day', ").text(around[0]).cast(1, type).text(around[1]).text(", ")
                        .text(around[0]).cast(0, type).text(around[1]).text(") // 7)");
            }
            case "ISOYEAR" -> c.text("(isoyear(").cast(0, type).text(") - isoyear(").cast(1, type).text("))");
            case "DAY", "MONTH", "QUARTER", "YEAR", "MICROSECOND", "MILLISECOND", "SECOND", "MINUTE", "HOUR" -> {
                if (type.equals(DATE) && part.isTimeOfDay()) throw c.unsupported("date part " + part.name(), "DATE values have no time of day");
                // BigQuery counts part boundaries crossed for DATE and DATETIME: DuckDB's date_diff
                c.text("date_diff('" + part.duckDb() + "', ").cast(1, type).text(", ").cast(0, type).text(")");
            }
            default -> throw c.unsupported("date part " + part.name(), "use DAY, WEEK, ISOWEEK, MONTH, QUARTER, YEAR or ISOYEAR");
        }
    }

    private static long microsecondsIn(DatePart part) {
        return switch (part.name()) {
            case "MICROSECOND" -> 1L;
            case "MILLISECOND" -> 1_000L;
            case "SECOND" -> 1_000_000L;
            case "MINUTE" -> 60_000_000L;
            case "HOUR" -> 3_600_000_000L;
            case "DAY" -> 86_400_000_000L;
            default -> throw new IllegalArgumentException("not a fixed-length part: " + part.name());
        };
    }

    private static void trunc(CallContext c, String type) {
        arity(c, 2, 3);
        DatePart part = DatePart.of(c.args().get(1));
        boolean zoned = c.args().size() == 3;
        if (zoned && !type.equals(TIMESTAMP)) throw c.unsupported("a time zone argument", "only TIMESTAMP_TRUNC takes a time zone");
        if (type.equals(DATE) && part.isTimeOfDay()) throw c.unsupported("date part " + part.name(), "DATE values have no time of day");
        if (type.equals(TIME)) {
            if (!part.isTimeOfDay()) throw c.unsupported("date part " + part.name(), "TIME values have no date");
            c.text("CAST(date_trunc('" + part.duckDb() + "', DATE '1970-01-01' + ").cast(0, TIME).text(") AS TIME)");
            return;
        }
        String[] around = switch (part.name()) {
            case "WEEK" -> part.weekStartAround();
            case "ISOWEEK" -> new String[] {"date_trunc('week', ", ")"};
            case "ISOYEAR" -> new String[] {"date_trunc('week', make_date(isoyear(", "), 1, 4))"};
            case "MICROSECOND", "MILLISECOND", "SECOND", "MINUTE", "HOUR", "DAY", "MONTH", "QUARTER", "YEAR" ->
                    new String[] {"date_trunc('" + part.duckDb() + "', ", ")"};
            default -> throw c.unsupported("date part " + part.name(), "use a part from MICROSECOND to YEAR, WEEK(..), ISOWEEK or ISOYEAR");
        };
        if (type.equals(TIMESTAMP) && !zoned && !part.name().equals("MILLISECOND") && !part.name().equals("MICROSECOND")) {
            // in UTC through the epoch, both ways: DuckDB truncates a TIMESTAMPTZ, and casts back to one, with ICU's
            // calendar per row (about ten times the time); the truncated value is whole seconds, so exact
            c.text("to_timestamp(epoch_us(").text(around[0]).text("make_timestamp(epoch_us(").cast(0, TIMESTAMP).text("))")
                    .text(around[1]).text(") // 1000000)");
            return;
        }
        if (zoned) {
            zonedTrunc(c, part, around);
            return;
        }
        c.text("CAST(").text(around[0]).cast(0, type).text(around[1]).text(" AS " + type + ")");
    }

    /**
     * TIMESTAMP_TRUNC(ts, part, zone) as BigQuery computes it. DAY and longer parts: the instant the truncated wall
     * time in the zone begins (see {@link #instantOf}). HOUR and MINUTE: the instant less the minutes and seconds the
     * zone's clocks show at it, so an instant in the hour the clocks repeat stays in its own hour (DuckDB's timezone()
     * of the truncated wall time gave the later hour, after the instant). Shorter parts do not depend on the zone.
     */
    private static void zonedTrunc(CallContext c, DatePart part, String[] around) {
        c.once(List.of(0, 2), a -> {
            String zone = zoneSql(c, 2, a.get(1)); // the bound arguments are 0 and 2
            String instant = "CAST(" + a.get(0) + " AS " + TIMESTAMP + ")";
            String wall = "timezone(" + zone + ", " + instant + ")";
            return switch (part.name()) {
                case "MICROSECOND", "MILLISECOND", "SECOND" -> "date_trunc('" + part.duckDb() + "', " + instant + ")";
                case "MINUTE", "HOUR" -> "(" + instant + " - (" + wall + " - date_trunc('" + part.duckDb() + "', " + wall + ")))";
                default -> "CAST(" + instantOf(zone, "CAST(" + around[0] + wall + around[1] + " AS " + DATETIME + ")") + " AS " + TIMESTAMP + ")";
            };
        });
    }

    private static void lastDay(CallContext c) {
        arity(c, 1, 2);
        DatePart part = c.args().size() == 1 ? DatePart.of("MONTH") : DatePart.of(c.args().get(1));
        switch (part.name()) {
            case "MONTH" -> c.text("last_day(").cast(0, DATE).text(")");
            case "QUARTER" -> c.text("CAST(date_trunc('quarter', ").cast(0, DATE).text(") + INTERVAL 3 MONTH - INTERVAL 1 DAY AS DATE)");
            case "YEAR" -> c.text("make_date(year(").cast(0, DATE).text("), 12, 31)");
            case "WEEK", "ISOWEEK" -> {
                DatePart week = part.name().equals("ISOWEEK") ? new DatePart("WEEK", 1) : part;
                String[] around = week.weekStartAround();
                c.text("CAST(").text(around[0]).cast(0, DATE).text(around[1]).text(" + INTERVAL 6 DAY AS DATE)");
            }
            case "ISOYEAR" -> c.text("CAST(date_trunc('week', make_date(isoyear(").cast(0, DATE)
                    .text(") + 1, 1, 4)) - INTERVAL 1 DAY AS DATE)");
            default -> throw c.unsupported("date part " + part.name(), "use WEEK, ISOWEEK, MONTH, QUARTER, YEAR or ISOYEAR");
        }
    }

    private static String literal(CallContext c, int index, String what) {
        if (c.args().get(index) instanceof StringValue s) return s.getValue().replace("''", "'");
        throw c.unsupported("a " + what + " that is not a string literal", "write the " + what + " as a literal string");
    }

    /** {@code +05:00}, {@code -8}, {@code UTC+3}: a time zone BigQuery takes as an offset from UTC. */
    private static final Pattern OFFSET_ZONE = Pattern.compile("(?i)(?:UTC)?\\s*([+-])(\\d{1,2})(?::?(\\d{2}))?");

    /** Prints the time zone argument {@code index}, an offset as {@link #namedZone} gives it. */
    static CallContext zone(CallContext c, int index) {
        String named = c.args().get(index) instanceof StringValue s ? namedZone(s.getValue()) : null;
        return named == null ? c.arg(index) : c.text(named);
    }

    /**
     * DuckDB's time zones are named ones: a literal whole-hour offset becomes its Etc/GMT name (whose
     * sign is the other way round) as a SQL string; another offset is an error rather than a wrong
     * time. Null when {@code zone} is not an offset.
     */
    static String namedZone(String zone) {
        Matcher offset = OFFSET_ZONE.matcher(zone.strip());
        if (!offset.matches()) return null;
        int hours = Integer.parseInt(offset.group(2));
        if (offset.group(3) != null && !offset.group(3).equals("00")) {
            throw new Untranslatable("time zone offset " + offset.group() + ": DuckDB's time zones are whole-hour offsets or names",
                    "use the zone's name, e.g. 'Asia/Kolkata' for +05:30");
        }
        return hours == 0 ? "'UTC'" : "'Etc/GMT" + (offset.group(1).equals("+") ? "-" : "+") + hours + "'";
    }

    private static void format(CallContext c, String type, String zone) {
        arity(c, 2, type.equals(TIMESTAMP) ? 3 : 2);
        String fmt = literal(c, 0, "format");
        boolean zoned = c.args().size() == 3;
        if (zoned) {
            String tz = literal(c, 2, "time zone");
            zone = tz.equalsIgnoreCase("UTC") || tz.equals("Etc/UTC") || tz.equals("+00") ? "UTC" : tz;
        }
        String template = FormatElements.formatTemplate(fmt, zone);
        SqlTemplate.parse(template).render(c.out(), 1, placeholder -> {
            if (type.equals(TIMESTAMP)) {
                // show the instant as civil time in the zone (UTC unless given); {1} is it in UTC, for the zone's offset
                c.text("timezone(");
                if (zoned && placeholder == 0) zone(c, 2);
                else c.text("'UTC'");
                c.text(", ").cast(1, TIMESTAMP).text(")");
            } else if (type.equals(TIME)) {
                c.text("(DATE '1970-01-01' + ").cast(1, TIME).text(")");
            } else {
                c.cast(1, type);
            }
        });
    }

    private static void parse(CallContext c, String type) {
        arity(c, 2, type.equals(TIMESTAMP) ? 3 : 2);
        List<String> patterns = FormatElements.parsePatterns(literal(c, 0, "format"));
        String pattern = patterns.get(0);
        // strptime tries a list of patterns in turn
        String p = patterns.size() == 1 ? SqlQuoting.string(pattern)
                : "[" + String.join(", ", patterns.stream().map(SqlQuoting::string).toList()) + "]";
        // a pattern for a format without a year reads 1970 from the text's start
        String yearText = pattern.startsWith(FormatElements.YEAR_1970_PATTERN)
                ? SqlQuoting.string(FormatElements.YEAR_1970_TEXT) + " || " : "";
        if (type.equals(TIMESTAMP)) {
            // with a zone in the text, strptime gives the instant itself; a third argument is then ignored, as in BigQuery
            if (pattern.contains("%z") || pattern.contains("%Z")) {
                c.text("CAST(strptime(" + yearText).arg(1).text(", " + p + ") AS TIMESTAMPTZ)");
            } else {
                if (c.args().size() == 3) {
                    c.once(a -> instantOf(zoneSql(c, 2, a.get(2)), "strptime(" + yearText + a.get(1) + ", " + p + ")"));
                } else {
                    c.text("timezone('UTC', strptime(" + yearText).arg(1).text(", " + p + "))");
                }
            }
        } else {
            c.text("CAST(strptime(" + yearText).arg(1).text(", " + p + ") AS " + type + ")");
        }
    }

    /**
     * GENERATE_DATE_ARRAY / GENERATE_TIMESTAMP_ARRAY. A step of 0 is an error in BigQuery, where
     * DuckDB's generate_series gives []: a literal 0 raises it, and so does an amount that may be
     * printed twice (a column, arithmetic); another expression is left unchecked.
     */
    private static void series(CallContext c, String type, String defaultStep) {
        arity(c, defaultStep == null ? 3 : 2, 3);
        IntervalExpression step = c.args().size() == 3 ? interval(c, 2) : null;
        Expression amount = step == null ? null : step.getExpression();
        String literal = step == null || amount != null ? null : step.getParameter().replace("'", "").strip();
        boolean zeroLiteral = literal != null && literal.matches("[-+]?0+");
        boolean guarded = zeroLiteral || (amount != null && RepeatableExpression.test(amount, java.util.Set.of()));
        if (guarded) {
            c.text("CASE WHEN ");
            if (zeroLiteral) c.text("true"); else c.text("(").expr(amount).text(") = 0");
            c.text(" THEN error('" + c.name() + ": the step must not be 0') ELSE ");
        }
        c.text("CAST(generate_series(").cast(0, type).text(", ").cast(1, type).text(", ");
        if (step != null) printInterval(c, step);
        else c.text(defaultStep);
        c.text(") AS " + type + "[])");
        if (guarded) c.text(" END");
    }

    /** EXTRACT(part FROM value) with BigQuery's numbering. */
    static void extract(String partName, CallContext c, Runnable value) {
        DatePart part = DatePart.of(partName);
        String name = part.name().toUpperCase(Locale.ROOT);
        switch (name) {
            case "DATE" -> utcWallTime(c, DATE, c.args().get(0), value);
            case "TIME" -> { c.text("CAST("); value.run(); c.text(" AS TIME)"); }
            case "DATETIME" -> utcWallTime(c, DATETIME, c.args().get(0), value);
            default -> {
                // a part of a TIMESTAMP is read from its UTC wall time through the epoch, not from ICU's calendar
                // per row (about 1/15 of the time); typeof() is folded when the query is bound
                c.text("CASE WHEN typeof("); value.run(); c.text(") = 'TIMESTAMP WITH TIME ZONE' THEN ");
                extractPart(name, partName, part, c, () -> { c.text("make_timestamp(epoch_us(TRY_CAST("); value.run(); c.text(" AS TIMESTAMPTZ)))"); });
                c.text(" ELSE ");
                extractPart(name, partName, part, c, value);
                c.text(" END");
            }
        }
    }

    private static void extractPart(String name, String partName, DatePart part, CallContext c, Runnable value) {
        switch (name) {
            case "DAYOFWEEK" -> { c.text("(dayofweek("); value.run(); c.text(") + 1)"); }
            case "DAY", "DAYOFYEAR", "MONTH", "QUARTER", "YEAR", "ISOYEAR", "HOUR", "MINUTE", "SECOND" -> {
                c.text(part.duckDb() + "("); value.run(); c.text(")");
            }
            case "ISOWEEK" -> { c.text("week("); value.run(); c.text(")"); }
            case "MILLISECOND" -> { c.text("(millisecond("); value.run(); c.text(") % 1000)"); }
            case "MICROSECOND" -> { c.text("(microsecond("); value.run(); c.text(") % 1000000)"); }
            case "WEEK" -> {
                // number of week-start days on or before the date within its year (0 before the first)
                c.text("((dayofyear("); value.run();
                c.text(") - ((dayofweek("); value.run();
                c.text(") - " + part.weekday() + " + 7) % 7) + 6) // 7)");
            }
            default -> throw new Untranslatable("EXTRACT(" + partName + " FROM ...) cannot be translated to DuckDB",
                    "use a BigQuery date part such as DAYOFWEEK, DAY, WEEK, ISOWEEK, MONTH, YEAR, HOUR");
        }
    }
}
