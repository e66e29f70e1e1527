package io.porygon.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;

/**
 * MAKE_INTERVAL and the JUSTIFY_ functions, with BigQuery's arithmetic on an interval's three fields (months,
 * days, microseconds; DuckDB holds the same three): JUSTIFY_DAYS carries 30-day months, JUSTIFY_HOURS 24-hour
 * days, each quotient and remainder truncated toward zero and then given one sign, as BigQuery (and Postgres)
 * do. A result outside BigQuery's range is its error.
 */
final class IntervalFunctions {

    private IntervalFunctions() {}

    private static final long DAY = IntervalValue.MICROS_PER_DAY;
    private static final List<String> MAKE_PARTS = List.of("year", "month", "day", "hour", "minute", "second");
    /** The lambda parameter that holds an interval's fields as {@code {'m': months, 'd': days, 'u': micros}}. */
    private static final String FIELDS = "porygon_interval";
    private static final String M = FIELDS + ".m", D = FIELDS + ".d", U = FIELDS + ".u";

    static void register(Map<String, CallRenderer> specials) {
        specials.put(GoogleSqlLexer.INTERVAL_FN, c -> {
            c.text("(to_months(").arg(0).text(") + to_days(").arg(1).text(") + to_microseconds(").arg(2).text("))");
        });
        specials.put("MAKE_INTERVAL", IntervalFunctions::makeInterval);
        specials.put("JUSTIFY_DAYS", c -> justify(c, justifyDays()));
        specials.put("JUSTIFY_HOURS", c -> justify(c, justifyHours()));
        specials.put("JUSTIFY_INTERVAL", c -> justify(c, justifyInterval()));
    }

    /**
     * {@code MAKE_INTERVAL([year][, month][, day][, hour][, minute][, second])}, INT64 arguments by position or
     * by name. DuckDB's {@code to_years} ... refuse a FLOAT64 or NUMERIC argument, as BigQuery does.
     */
    private static void makeInterval(CallContext c) {
        Expression[] parts = new Expression[MAKE_PARTS.size()];
        boolean named = false;
        for (int i = 0; i < c.args().size(); i++) {
            Expression a = c.args().get(i);
            NamedArgument n = NamedArgument.of(a);
            int slot;
            if (n != null) {
                named = true;
                slot = MAKE_PARTS.indexOf(n.name().toLowerCase(Locale.ROOT));
                if (slot < 0) throw c.unsupported("the argument " + n.name(), "name year, month, day, hour, minute or second");
                a = n.value();
            } else {
                if (named) throw c.unsupported("a positional argument after a named one", "write the positional arguments first");
                if (i >= parts.length) throw c.unsupported(c.args().size() + " arguments", "pass at most year, month, day, hour, minute, second");
                slot = i;
            }
            if (parts[slot] != null) throw c.unsupported("the " + MAKE_PARTS.get(slot) + " given twice", "give each part once");
            if (a instanceof DoubleValue) throw c.unsupported("the FLOAT64 " + a, "BigQuery takes INT64 parts; write an integer");
            parts[slot] = a;
        }
        String[] duckDb = {"to_years", "to_months", "to_days", "to_hours", "to_minutes", "to_seconds"};
        List<Runnable> terms = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            Expression part = parts[i];
            if (part == null) continue;
            String fn = duckDb[i];
            // to_seconds takes a DOUBLE; seconds go as microseconds, so a FLOAT64 is refused as by the others
            terms.add(fn.equals("to_seconds")
                    ? () -> c.text("to_microseconds(").expr(part).text(" * CAST(1000000 AS BIGINT))")
                    : () -> c.text(fn + "(").expr(part).text(")"));
        }
        c.text("list_transform([");
        fieldsOf(c, () -> {
            if (terms.isEmpty()) c.text("INTERVAL 0 SECOND");
            for (int i = 0; i < terms.size(); i++) {
                if (i > 0) c.text(" + ");
                terms.get(i).run();
            }
        });
        c.text("], " + FIELDS + " -> " + IntervalValue.checkedSql(M, D, U) + ")[1]");
    }

    /** Prints the interval's fields as a struct, the interval bound once. */
    private static void fieldsOf(CallContext c, Runnable interval) {
        c.text("list_transform([CAST(");
        interval.run();
        c.text(" AS INTERVAL)], porygon_iv -> {'m': datepart('year', porygon_iv) * 12 + datepart('month', porygon_iv), 'd': datepart('day', porygon_iv),"
                + " 'u': datepart('hour', porygon_iv) * " + IntervalValue.MICROS_PER_HOUR + " + datepart('minute', porygon_iv) * "
                + IntervalValue.MICROS_PER_MINUTE + " + datepart('microseconds', porygon_iv)})[1]");
    }

    private static void justify(CallContext c, String body) {
        if (c.args().size() != 1) throw c.unsupported(c.args().size() + " arguments", "pass one INTERVAL");
        c.text("list_transform([");
        fieldsOf(c, () -> c.arg(0));
        c.text("], " + FIELDS + " -> " + body + ")[1]");
    }

    /** 1 when a positive {@code whole} holds a negative {@code part}, -1 for the opposite, else 0: how much to borrow. */
    private static String borrow(String whole, String part) {
        return "(CASE WHEN " + whole + " > 0 AND " + part + " < 0 THEN 1 WHEN " + whole + " < 0 AND " + part + " > 0 THEN -1 ELSE 0 END)";
    }

    private static String justifyDays() {
        String months = "(" + M + " + " + D + " // 30)", days = "(" + D + " % 30)";
        String b = borrow(months, days);
        return IntervalValue.checkedSql("(" + months + " - " + b + ")", "(" + days + " + 30 * " + b + ")", U);
    }

    private static String justifyHours() {
        String days = "(" + D + " + " + U + " // " + DAY + ")", micros = "(" + U + " % " + DAY + ")";
        String b = borrow(days, micros);
        return IntervalValue.checkedSql(M, "(" + days + " - " + b + ")", "(" + micros + " + " + DAY + " * " + b + ")");
    }

    /**
     * Hours carried into days, then days into months; the months borrow a month when the days (or, with no days,
     * the time) have the other sign, then the days borrow a day for the time, as BigQuery's JUSTIFY_INTERVAL does.
     */
    private static String justifyInterval() {
        String days1 = "(" + D + " + " + U + " // " + DAY + ")", micros = "(" + U + " % " + DAY + ")";
        String months1 = "(" + M + " + " + days1 + " // 30)", days2 = "(" + days1 + " % 30)";
        String b1 = "(CASE WHEN " + months1 + " > 0 AND (" + days2 + " < 0 OR " + days2 + " = 0 AND " + micros + " < 0) THEN 1 WHEN "
                + months1 + " < 0 AND (" + days2 + " > 0 OR " + days2 + " = 0 AND " + micros + " > 0) THEN -1 ELSE 0 END)";
        String months = "(" + months1 + " - " + b1 + ")", days3 = "(" + days2 + " + 30 * " + b1 + ")";
        String b2 = borrow(days3, micros);
        return IntervalValue.checkedSql(months, "(" + days3 + " - " + b2 + ")", "(" + micros + " + " + DAY + " * " + b2 + ")");
    }
}
