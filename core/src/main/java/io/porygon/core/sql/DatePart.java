package io.porygon.core.sql;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Column;

import java.util.List;
import java.util.Locale;

/**
 * A BigQuery date part such as {@code DAY}, {@code ISOWEEK} or {@code WEEK(MONDAY)}. Weeks are the
 * semantic trap: BigQuery's WEEK starts on Sunday (or the named weekday), DuckDB's on Monday.
 *
 * @param name    upper-case part name; {@code WEEK} for every WEEK(weekday)
 * @param weekday for WEEK: the first day of the week, 0 = Sunday ... 6 = Saturday
 */
record DatePart(String name, int weekday) {

    private static final List<String> WEEKDAYS = List.of("SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY");

    static DatePart of(Expression e) {
        if (e instanceof Column c && c.getTable() == null) return of(c.getColumnName());
        if (e instanceof Function f && f.getName().equalsIgnoreCase("WEEK") && f.getParameters() != null
                && f.getParameters().size() == 1 && f.getParameters().get(0) instanceof Column day) {
            return week(day.getColumnName());
        }
        throw new Untranslatable("date part " + e + " is not a BigQuery date part",
                "write a part such as DAY, WEEK, WEEK(MONDAY), ISOWEEK, MONTH, QUARTER, YEAR");
    }

    static DatePart of(String name) {
        String upper = name.toUpperCase(Locale.ROOT).replace(" ", "");
        if (upper.startsWith("WEEK_")) return week(upper.substring(5));
        if (upper.startsWith("WEEK(") && upper.endsWith(")")) return week(upper.substring(5, upper.length() - 1));
        return new DatePart(upper, upper.equals("WEEK") ? 0 : -1);
    }

    private static DatePart week(String day) {
        int index = WEEKDAYS.indexOf(day.toUpperCase(Locale.ROOT));
        if (index < 0) throw new Untranslatable("WEEK(" + day + ") names no weekday", "write WEEK(SUNDAY) ... WEEK(SATURDAY)");
        return new DatePart("WEEK", index);
    }

    boolean isTimeOfDay() {
        return switch (name) {
            case "MICROSECOND", "MILLISECOND", "SECOND", "MINUTE", "HOUR" -> true;
            default -> false;
        };
    }

    /** DuckDB's name for a part DuckDB handles the same way. */
    String duckDb() {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * SQL for the first day of the week containing {@code value} (printed by the caller between
     * the two halves), with weeks starting on {@link #weekday}: shift so that weekday lands on a
     * Monday, truncate with DuckDB's ISO week, shift back.
     */
    String[] weekStartAround() {
        int shift = (weekday + 6) % 7; // days from Monday to the chosen weekday
        if (shift == 0) return new String[] {"date_trunc('week', ", ")"};
        return new String[] {"(date_trunc('week', ", " - INTERVAL " + shift + " DAY) + INTERVAL " + shift + " DAY)"};
    }
}
