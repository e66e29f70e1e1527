package io.porygon.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A BigQuery INTERVAL read from its text at translation time: months, days and microseconds, each signed on
 * its own, as BigQuery and DuckDB both hold an interval. It reads the literal forms
 * ({@code INTERVAL '1-2 3 4:5:6.789' YEAR TO SECOND}, {@code INTERVAL '5' DAY}), the canonical text
 * {@code CAST('1-2 3 4:5:6' AS INTERVAL)} reads (the fields told apart by the count of spaces, colons and
 * dashes) and ISO 8601 durations ({@code P1Y2M3DT4H5M6.5S}). Text BigQuery refuses is an {@link Invalid}.
 *
 * <p>Signs as in BigQuery: one sign before {@code Y-M} applies to the years and months, one before
 * {@code H:M:S} to the whole time, days carry their own; minutes and seconds may exceed 59 and carry.
 *
 * @param months years times 12 plus months
 * @param days   days
 * @param micros the time part in microseconds (hours are not carried into days)
 */
record IntervalValue(long months, long days, long micros) {

    static final long MICROS_PER_SECOND = 1_000_000L;
    static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
    static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
    static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

    /** BigQuery's range: -10000-0 -3660000 -87840000:0:0 to 10000-0 3660000 87840000:0:0. */
    static final long MAX_MONTHS = 120_000L;
    static final long MAX_DAYS = 3_660_000L;
    static final long MAX_MICROS = 87_840_000L * MICROS_PER_HOUR;

    /** Text BigQuery refuses as an INTERVAL, or a value outside its range. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private static final List<String> PARTS = List.of("YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND");

    private static final String N = "(\\d+)";
    private static final String SIGN = "([-+])?";
    private static final String SIGNED = "([-+]?\\d+)";
    private static final String FRACTION = "(?:\\.(\\d+))?";

    /**
     * The pattern of each {@code FROM TO TO} range: groups in the order sign of months, years, months, days,
     * sign of time, hours, minutes, seconds, fraction; a range without a field has no group for it.
     */
    private static Pattern rangePattern(String from, String to) {
        int f = PARTS.indexOf(from), t = PARTS.indexOf(to);
        StringBuilder re = new StringBuilder();
        if (f == 0) re.append(SIGN).append(N).append('-').append(N);               // [-]Y-M
        else if (f == 1) re.append(SIGN).append(N);                                 // [-]M
        if (f <= 2 && t >= 2) re.append(f < 2 ? " " : "").append(SIGNED);           // [-]D
        if (t >= 3) {
            int first = Math.max(f, 3);
            if (f <= 2) re.append(' ');
            re.append(SIGN).append(N);                                              // [-]H, or [-]M of MINUTE TO SECOND
            for (int p = first + 1; p <= t; p++) re.append(':').append(N);
            if (t == 5) re.append(FRACTION);
        }
        return Pattern.compile(re.toString());
    }

    /** {@code INTERVAL 'text' FROM TO TO}; from and to upper-case part names. */
    static IntervalValue parseRange(String text, String from, String to) {
        return guarded(text, () -> range(text, from, to));
    }

    /** A field too large for 64 bits is out of range too. */
    private static IntervalValue guarded(String text, java.util.function.Supplier<IntervalValue> parse) {
        try {
            return parse.get();
        } catch (ArithmeticException | NumberFormatException e) {
            throw outOfRange(text);
        }
    }

    private static IntervalValue range(String text, String from, String to) {
        int f = PARTS.indexOf(from), t = PARTS.indexOf(to);
        if (f < 0 || t < 0 || f >= t) {
            throw new Invalid("INTERVAL ... " + from + " TO " + to + " is not an interval range BigQuery knows");
        }
        Matcher m = rangePattern(from, to).matcher(text);
        if (!m.matches()) throw invalid(text);
        int g = 1;
        long months = 0, days = 0, micros = 0;
        boolean negativeMonths = false;
        if (f <= 1) {
            negativeMonths = "-".equals(m.group(g++));
            if (f == 0) months = Math.multiplyExact(Long.parseLong(m.group(g++)), 12L);
            months = Math.addExact(months, Long.parseLong(m.group(g++)));
        }
        if (f <= 2 && t >= 2) days = Long.parseLong(signless(m.group(g++)));
        if (t >= 3) {
            boolean negativeTime = "-".equals(m.group(g++));
            long[] perPart = {MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND};
            for (int p = Math.max(f, 3); p <= t; p++) {
                micros = Math.addExact(micros, Math.multiplyExact(Long.parseLong(m.group(g++)), perPart[p - 3]));
            }
            if (t == 5) micros = Math.addExact(micros, fraction(m.group(g), text));
            if (negativeTime) micros = -micros;
        }
        return checked(negativeMonths ? -months : months, days, micros, text);
    }

    /** {@code INTERVAL 'text' PART} of a single part: an integer, or for SECOND a decimal. */
    static IntervalValue parsePart(String text, String part) {
        return guarded(text, () -> single(text, part));
    }

    private static IntervalValue single(String text, String part) {
        if (part.equals("SECOND")) {
            Matcher m = Pattern.compile("([-+])?(\\d*)\\.(\\d+)").matcher(text);
            if (m.matches()) {
                long micros = Math.addExact(Math.multiplyExact(m.group(2).isEmpty() ? 0 : Long.parseLong(m.group(2)), MICROS_PER_SECOND),
                        fraction(m.group(3), text));
                return checked(0, 0, "-".equals(m.group(1)) ? -micros : micros, text);
            }
        }
        if (!text.matches("[-+]?\\d+")) throw invalid(text);
        long n = Long.parseLong(signless(text));
        return switch (part) {
            case "YEAR" -> checked(Math.multiplyExact(n, 12L), 0, 0, text);
            case "QUARTER" -> checked(Math.multiplyExact(n, 3L), 0, 0, text);
            case "MONTH" -> checked(n, 0, 0, text);
            case "WEEK" -> checked(0, Math.multiplyExact(n, 7L), 0, text);
            case "DAY" -> checked(0, n, 0, text);
            case "HOUR" -> checked(0, 0, Math.multiplyExact(n, MICROS_PER_HOUR), text);
            case "MINUTE" -> checked(0, 0, Math.multiplyExact(n, MICROS_PER_MINUTE), text);
            case "SECOND" -> checked(0, 0, Math.multiplyExact(n, MICROS_PER_SECOND), text);
            default -> throw new Invalid("INTERVAL '" + text + "' " + part + ": " + part + " is not an interval part BigQuery knows");
        };
    }

    /**
     * The canonical forms CAST reads, FROM and TO parts, by the count of spaces, colons and dashes that tells them apart
     * (spaces * 100 + colons * 10 + dashes); each form's regex matches only its own form's text.
     */
    private static final Map<Integer, String[]> CANONICAL_FORMS = new LinkedHashMap<>();

    static {
        CANONICAL_FORMS.put(221, new String[] {"YEAR", "SECOND"});
        CANONICAL_FORMS.put(211, new String[] {"YEAR", "MINUTE"});
        CANONICAL_FORMS.put(201, new String[] {"YEAR", "HOUR"});
        CANONICAL_FORMS.put(101, new String[] {"YEAR", "DAY"});
        CANONICAL_FORMS.put(1, new String[] {"YEAR", "MONTH"});
        CANONICAL_FORMS.put(200, new String[] {"MONTH", "HOUR"});
        CANONICAL_FORMS.put(210, new String[] {"MONTH", "MINUTE"});
        CANONICAL_FORMS.put(220, new String[] {"MONTH", "SECOND"});
        CANONICAL_FORMS.put(110, new String[] {"DAY", "MINUTE"});
        CANONICAL_FORMS.put(120, new String[] {"DAY", "SECOND"});
        CANONICAL_FORMS.put(20, new String[] {"HOUR", "SECOND"});
    }

    /**
     * The text {@code CAST(s AS INTERVAL)} reads: an ISO 8601 duration when it starts with {@code P}, else the
     * canonical {@code Y-M D H:M:S} or one of its shorter forms, told apart by the count of spaces, colons and
     * dashes after a digit (as BigQuery tells them apart).
     */
    static IntervalValue parse(String text) {
        if (text.startsWith("P")) return parseIso8601(text);
        int spaces = 0, colons = 0, dashes = 0;
        char previous = 0;
        for (char ch : text.toCharArray()) {
            if (ch == ' ') spaces++;
            else if (ch == ':') colons++;
            else if (ch == '-' && Character.isDigit(previous)) dashes++;
            previous = ch;
        }
        String[] form = CANONICAL_FORMS.get(spaces * 100 + colons * 10 + dashes);
        if (form == null) throw invalid(text);
        return parseRange(text, form[0], form[1]);
    }

    private static final Pattern ISO_NUMBER = Pattern.compile("(\\d+)(?:[.,](\\d+))?");

    /**
     * An ISO 8601 duration as BigQuery reads it: {@code P}, then numbers each followed by its letter (Y, M, W, D;
     * after {@code T}: H, M, S). A number may be negative; letters may repeat and come in any order; only
     * seconds take a fraction.
     */
    static IntervalValue parseIso8601(String text) {
        return guarded(text, () -> iso8601(text));
    }

    private static IntervalValue iso8601(String text) {
        if (!text.startsWith("P") || text.length() == 1) throw invalid(text);
        long months = 0, days = 0, micros = 0;
        boolean time = false;
        int i = 1;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (ch == 'T') {
                if (time) throw invalid(text);
                time = true;
                i++;
                continue;
            }
            boolean negative = ch == '-';
            if (negative) i++;
            Matcher m = ISO_NUMBER.matcher(text).region(i, text.length());
            if (!m.lookingAt() || m.end() >= text.length()) throw invalid(text);
            long n = Long.parseLong(m.group(1));
            String digits = m.group(2);
            char unit = text.charAt(m.end());
            i = m.end() + 1;
            if (digits != null && !(time && unit == 'S')) throw invalid(text);
            long sign = negative ? -1 : 1;
            if (!time) {
                switch (unit) {
                    case 'Y' -> months = Math.addExact(months, sign * Math.multiplyExact(n, 12L));
                    case 'M' -> months = Math.addExact(months, sign * n);
                    case 'W' -> days = Math.addExact(days, sign * Math.multiplyExact(n, 7L));
                    case 'D' -> days = Math.addExact(days, sign * n);
                    default -> throw invalid(text);
                }
            } else {
                long per = switch (unit) {
                    case 'H' -> MICROS_PER_HOUR;
                    case 'M' -> MICROS_PER_MINUTE;
                    case 'S' -> MICROS_PER_SECOND;
                    default -> throw invalid(text);
                };
                long value = Math.multiplyExact(n, per);
                if (digits != null) value = Math.addExact(value, fraction(digits, text));
                micros = Math.addExact(micros, sign * value);
            }
        }
        return checked(months, days, micros, text);
    }


    /**
     * SQL reading the STRING {@code v} (a reference that may be printed many times) as {@link #parse} reads it, when
     * the query runs: each canonical form by its regex, an ISO 8601 duration by the sums of its numbers per letter.
     * Other text is BigQuery's error (NULL when {@code safe}); so is a fraction of more than six digits. A number of
     * 19 digits or more is out of range in any field; shorter ones are read as HUGEINT, whose products (hours as
     * microseconds) cannot overflow, so that BigQuery's range check answers rather than DuckDB's overflow error.
     */
    static String fromTextSql(String v, boolean safe) {
        String bad = safe ? "NULL" : "error('Invalid INTERVAL value ''' || " + v + " || '''')";
        StringBuilder sql = new StringBuilder("CASE WHEN regexp_matches(" + v + ", '[1-9][0-9]{18}') THEN " + (safe ? "NULL" : RANGE_ERROR_SQL));
        for (String[] form : CANONICAL_FORMS.values()) {
            int f = PARTS.indexOf(form[0]), t = PARTS.indexOf(form[1]);
            String re = rangePattern(form[0], form[1]).pattern().replace("(?:\\.(\\d+))?", "(?:\\.(\\d{1,6}))?");
            List<String> names = new ArrayList<>();
            if (f <= 1) names.add("sm");
            if (f == 0) names.add("y");
            if (f <= 1) names.add("mo");
            if (f <= 2 && t >= 2) names.add("d");
            if (t >= 3) {
                names.add("st");
                for (int p = Math.max(f, 3); p <= t; p++) names.add(PARTS.get(p).substring(0, 2).toLowerCase(Locale.ROOT));
                if (t == 5) names.add("f");
            }
            String g = "porygon_groups.";
            Function<String, String> n = name -> names.contains(name) ? "CAST(" + g + name + " AS HUGEINT)" : "0";
            String months = f <= 1 ? "CASE WHEN " + g + "sm = '-' THEN -1 ELSE 1 END * (" + n.apply("y") + " * 12 + " + n.apply("mo") + ")" : "0";
            String days = n.apply("d");
            String micros = "0";
            if (t >= 3) {
                micros = "CASE WHEN " + g + "st = '-' THEN -1 ELSE 1 END * (" + n.apply("ho") + " * " + MICROS_PER_HOUR + " + " + n.apply("mi")
                        + " * " + MICROS_PER_MINUTE + " + " + n.apply("se") + " * " + MICROS_PER_SECOND
                        + (t == 5 ? " + coalesce(CAST(rpad(NULLIF(" + g + "f, ''), 6, '0') AS BIGINT), 0)" : "") + ")";
            }
            sql.append(" WHEN regexp_full_match(").append(v).append(", '").append(re).append("') THEN list_transform([regexp_extract(")
                    .append(v).append(", '").append(re).append("', ['").append(String.join("', '", names)).append("'])], porygon_groups -> ")
                    .append(fieldsSql(months, days, micros, safe)).append(")[1]");
        }
        // ISO 8601: P, numbers with Y, M, W, D, then after T numbers with H, M, S (a fraction for S only), each signed
        String date = "split_part(" + v + ", 'T', 1)", time = "split_part(" + v + ", 'T', 2)";
        BiFunction<String, String, String> sum = (segment, letter) -> "coalesce(list_sum(list_transform(regexp_extract_all("
                + segment + ", '-?\\d+" + letter + "'), porygon_n -> CAST(rtrim(porygon_n, '" + letter + "') AS HUGEINT))), 0)";
        String seconds = "coalesce(list_sum(list_transform(regexp_extract_all(" + time + ", '-?\\d+(?:[.,]\\d+)?S'), porygon_n -> CASE WHEN"
                + " porygon_n LIKE '-%' THEN -1 ELSE 1 END * (CAST(regexp_extract(porygon_n, '(\\d+)', 1) AS HUGEINT) * " + MICROS_PER_SECOND
                + " + coalesce(CAST(rpad(NULLIF(regexp_extract(porygon_n, '[.,](\\d+)', 1), ''), 6, '0') AS BIGINT), 0)))), 0)";
        String isoMonths = "(" + sum.apply(date, "Y") + " * 12 + " + sum.apply(date, "M") + ")";
        String isoDays = "(" + sum.apply(date, "W") + " * 7 + " + sum.apply(date, "D") + ")";
        String isoMicros = "(" + sum.apply(time, "H") + " * " + MICROS_PER_HOUR + " + " + sum.apply(time, "M") + " * " + MICROS_PER_MINUTE
                + " + " + seconds + ")";
        sql.append(" WHEN regexp_full_match(").append(v).append(", 'P(?:-?\\d+[YMWD])*(?:T(?:-?\\d+[HM]|-?\\d+(?:[.,]\\d{1,6})?S)*)?') AND ")
                .append(v).append(" <> 'P' THEN ").append(fieldsSql(isoMonths, isoDays, isoMicros, safe));
        return sql.append(" ELSE ").append(bad).append(" END").toString();
    }

    /** The interval of three BIGINT fields given as SQL, each printed once; BigQuery's range checked. */
    private static String fieldsSql(String months, String days, String micros, boolean safe) {
        return "list_transform([{'m': " + months + ", 'd': " + days + ", 'u': " + micros + "}], porygon_fields -> "
                + checkedSql("porygon_fields.m", "porygon_fields.d", "porygon_fields.u", safe) + ")[1]";
    }

    /** DuckDB's interval of these fields, no field carried into another. */
    String duckDb() {
        return "(to_months(" + months + ") + to_days(" + days + ") + to_microseconds(" + micros + "))";
    }

    /**
     * SQL for the INTERVAL of the three BIGINT fields given as SQL, BigQuery's range error outside its range.
     * Each field is printed several times: pass lambda parameters or literals.
     */
    static String checkedSql(String months, String days, String micros) {
        return checkedSql(months, days, micros, false);
    }

    /** {@link #checkedSql(String, String, String)}, NULL outside the range when {@code safe}. */
    static String checkedSql(String months, String days, String micros, boolean safe) {
        return "CASE WHEN abs(" + months + ") > " + MAX_MONTHS + " OR abs(" + days + ") > " + MAX_DAYS + " OR abs(" + micros + ") > "
                + MAX_MICROS + " THEN " + (safe ? "NULL" : RANGE_ERROR_SQL) + " ELSE to_months(CAST(" + months + " AS INTEGER)) + to_days(CAST(" + days
                + " AS INTEGER)) + to_microseconds(CAST(" + micros + " AS BIGINT)) END";
    }

    /** BigQuery's error for an interval outside its range, when the query runs. */
    private static final String RANGE_ERROR_SQL = "error('Interval field out of range: BigQuery''s INTERVAL holds -10000-0 -3660000"
            + " -87840000:0:0 to 10000-0 3660000 87840000:0:0')";

    private static IntervalValue checked(long months, long days, long micros, String text) {
        if (Math.abs(months) > MAX_MONTHS || Math.abs(days) > MAX_DAYS || Math.abs(micros) > MAX_MICROS) {
            throw outOfRange(text);
        }
        return new IntervalValue(months, days, micros);
    }

    /** Up to six fraction digits as microseconds; more is an error (Porygon keeps microseconds, as BigQuery's INTERVAL does). */
    private static long fraction(String digits, String text) {
        if (digits == null || digits.isEmpty()) return 0;
        if (digits.length() > 6) throw new Invalid("INTERVAL '" + text + "' has more than six fraction digits (microseconds)");
        return Long.parseLong((digits + "000000").substring(0, 6));
    }

    private static String signless(String n) {
        return n.startsWith("+") ? n.substring(1) : n;
    }

    private static Invalid outOfRange(String text) {
        return new Invalid("INTERVAL '" + text + "' is out of BigQuery's range (-10000-0 -3660000 -87840000:0:0 to 10000-0 3660000 87840000:0:0)");
    }

    private static Invalid invalid(String text) {
        return new Invalid("Invalid INTERVAL value '" + text + "'");
    }
}
