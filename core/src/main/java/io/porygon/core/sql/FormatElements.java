package io.porygon.core.sql;

import java.util.List;
import java.util.stream.Stream;

/**
 * BigQuery's format elements (FORMAT_DATE, PARSE_TIMESTAMP, ...) as a DuckDB expression over the
 * value {@code {0}} (and, for a zone's offset, {@code {1}}: the same instant as civil time in UTC): runs of elements DuckDB's strftime knows become {@code strftime({0}, '..')},
 * the others (%e, %Q, %k, %C, ...) become small expressions, all joined with {@code ||}.
 */
final class FormatElements {

    private final StringBuilder template = new StringBuilder();
    private final StringBuilder run = new StringBuilder();
    private final boolean parsing;
    private final String zone;
    /** The element being converted, for errors. */
    private String element;
    /** Whether the format reads a year (%Y, %y, %F, ...). */
    private boolean year;

    private FormatElements(boolean parsing, String zone) {
        this.parsing = parsing;
        this.zone = zone;
    }

    /**
     * @param zone the time zone the value is shown in ("UTC" for TIMESTAMP values), or null for
     *             DATE/DATETIME/TIME values, which have none
     */
    static String formatTemplate(String bigQueryFormat, String zone) {
        FormatElements f = new FormatElements(false, zone);
        f.convert(bigQueryFormat);
        return f.finish();
    }

    /**
     * Starts a parse pattern whose format reads no year: the text to parse must then start with
     * {@link #YEAR_1970_TEXT}.
     */
    static final String YEAR_1970_PATTERN = "%Y|";
    static final String YEAR_1970_TEXT = "1970|";

    /** Where %E*S's optional fraction goes in a parse pattern, until {@link #parsePatterns} spells it out. */
    private static final String OPTIONAL_FRACTION = "\u0000";

    /** Where %Ez's offset goes in a parse pattern: BigQuery also reads Z there, strptime's %z does not. */
    private static final String OFFSET_OR_Z = "\u0001";

    /**
     * The strptime patterns for PARSE_*, to try in turn: one, or three when %E*S's fraction may be
     * there (up to six digits, or nine) or not, each twice when %Ez's offset may be Z; elements
     * strptime cannot read are untranslatable.
     */
    static List<String> parsePatterns(String bigQueryFormat) {
        FormatElements f = new FormatElements(true, null);
        f.convert(bigQueryFormat);
        if (f.template.length() > 0) {
            throw new Untranslatable("format '" + bigQueryFormat + "' has elements DuckDB's strptime cannot parse",
                    "use %Y %m %d %e %H %k %I %l %M %S %E*S %F %T %b %B %y %j %p %z %Ez %Z and literal text");
        }
        // BigQuery takes a year the format does not read from 1970-01-01; strptime would take 1900
        if (!f.year) f.run.insert(0, YEAR_1970_PATTERN);
        List<String> patterns = List.of(f.run.toString());
        if (patterns.get(0).contains(OPTIONAL_FRACTION)) {
            // strptime's %f reads one to six digits, %n up to nine (BigQuery keeps microseconds of those)
            patterns = patterns.stream().flatMap(p -> Stream.of(p.replace(OPTIONAL_FRACTION, ".%f"),
                    p.replace(OPTIONAL_FRACTION, ".%n"), p.replace(OPTIONAL_FRACTION, ""))).toList();
        }
        if (patterns.get(0).contains(OFFSET_OR_Z)) {
            // a literal Z gives a time without zone, which DuckDB reads in the session's zone: UTC, as
            // DuckDbTranslator.SESSION_SETTINGS sets it
            patterns = Stream.concat(patterns.stream().map(p -> p.replace(OFFSET_OR_Z, "%z")),
                    patterns.stream().map(p -> p.replace(OFFSET_OR_Z, "Z"))).toList();
        }
        return patterns;
    }

    private void convert(String fmt) {
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%' || i + 1 >= fmt.length()) {
                literal(c);
                continue;
            }
            char e = fmt.charAt(++i);
            element = "%" + e;
            if ("YyGDxFc".indexOf(e) >= 0) year = true;
            switch (e) {
                case 'A', 'a', 'B', 'b', 'd', 'H', 'I', 'j', 'M', 'm', 'p', 'S', 'U', 'W', 'w', 'u', 'V', 'G', 'Y', 'y' ->
                        run.append('%').append(e);
                case '%' -> run.append("%%");
                case 'h' -> run.append("%b");
                case 'D', 'x' -> run.append("%m/%d/%y");
                case 'F' -> run.append("%Y-%m-%d");
                case 'T', 'X' -> run.append("%H:%M:%S");
                case 'R' -> run.append("%H:%M");
                case 'n' -> literal('\n');
                case 't' -> literal('\t');
                case 'c' -> {
                    if (parsing) {
                        run.append("%a %b %d %H:%M:%S %Y");
                        continue;
                    }
                    run.append("%a %b ");
                    expression("lpad(CAST(day({0}) AS VARCHAR), 2, ' ')");
                    run.append(" %H:%M:%S %Y");
                }
                case 'e' -> {
                    // strptime's %d reads one or two digits
                    if (parsing) run.append("%d");
                    else expression("lpad(CAST(day({0}) AS VARCHAR), 2, ' ')");
                }
                // strptime's %H and %I read one or two digits, after any spaces a space in the format reads
                case 'k' -> {
                    if (parsing) run.append("%H");
                    else expression("lpad(CAST(hour({0}) AS VARCHAR), 2, ' ')");
                }
                case 'l' -> {
                    if (parsing) run.append("%I");
                    else expression("lpad(CAST((hour({0}) + 11) % 12 + 1 AS VARCHAR), 2, ' ')");
                }
                case 'C' -> expression("lpad(CAST(year({0}) // 100 AS VARCHAR), 2, '0')");
                case 'g' -> expression("lpad(CAST(isoyear({0}) % 100 AS VARCHAR), 2, '0')");
                case 'Q' -> expression("CAST(quarter({0}) AS VARCHAR)");
                case 'P' -> expression("lower(strftime({0}, '%p'))");
                case 's' -> expression("CAST(CAST(epoch({0}) AS BIGINT) AS VARCHAR)");
                case 'Z' -> zone("UTC");
                case 'z' -> zone("+0000");
                case 'E' -> i = extended(fmt, i);
                default -> throw new Untranslatable("format element %" + e + " has no DuckDB equivalent",
                        "see BigQuery's supported format elements; Porygon supports the common ones");
            }
        }
    }

    /** %E4Y, %E#S, %E*S, %Ez; returns the index of the last character consumed. */
    private int extended(String fmt, int i) {
        String rest = fmt.substring(i + 1);
        if (rest.startsWith("4Y")) {
            year = true;
            run.append("%Y");
            return i + 2;
        }
        if (rest.startsWith("z") && parsing) {
            run.append(OFFSET_OR_Z);
            return i + 1;
        }
        if (rest.startsWith("z")) {
            zone("+00:00");
            return i + 1;
        }
        if (rest.startsWith("*S") && parsing) {
            run.append("%S").append(OPTIONAL_FRACTION);
            return i + 2;
        }
        if (rest.startsWith("*S")) {
            run.append("%S");
            expression("rtrim(rtrim('.' || strftime({0}, '%f'), '0'), '.')");
            return i + 2;
        }
        if (rest.length() >= 2 && Character.isDigit(rest.charAt(0)) && rest.charAt(1) == 'S') {
            int digits = rest.charAt(0) - '0';
            if (digits == 0) run.append("%S");
            else if (digits == 3) run.append("%S.%g");
            else if (parsing && digits > 6) run.append("%S.%n");
            else if (digits == 6 || parsing) run.append("%S.%f"); // strptime's %f reads one to six digits
            else {
                run.append("%S.");
                expression("substr(strftime({0}, '%f'), 1, " + digits + ")");
            }
            return i + 2;
        }
        throw new Untranslatable("format element %E" + rest + " has no DuckDB equivalent", "use %E3S, %E6S, %E*S, %E4Y or %Ez");
    }

    /** %Z, %z or %Ez, whose text in UTC is {@code utcText}. */
    private void zone(String utcText) {
        if (parsing) {
            // strptime reads an offset (+0530, +05:30, -08) with %z and a zone name (UTC, America/New_York) with %Z
            run.append(utcText.equals("UTC") ? "%Z" : "%z");
            return;
        }
        if (zone == null) {
            throw new Untranslatable("time zone format elements (%Z, %z, %Ez) on a DATE, DATETIME or TIME, which has no time zone",
                    "BigQuery formats a zone only for a TIMESTAMP; leave it out of the format");
        }
        if ("UTC".equals(zone)) {
            for (char c : utcText.toCharArray()) literal(c);
        } else if (utcText.equals("UTC")) {
            throw new Untranslatable("the time zone name element %Z in a time zone other than UTC",
                    "use %z or %Ez for the zone's offset, or format the value in UTC");
        } else {
            // the zone's offset at that instant: the civil time there ({0}) less the civil time in UTC ({1})
            String offset = "CAST(epoch({0}) - epoch({1}) AS BIGINT)";
            String sign = "CASE WHEN " + offset + " < 0 THEN '-' ELSE '+' END";
            expression("printf('%s%02d" + (utcText.contains(":") ? ":" : "") + "%02d', " + sign + ", abs(" + offset + ") // 3600, abs("
                    + offset + ") % 3600 // 60)");
        }
    }

    private void literal(char c) {
        if (c == '%') run.append("%%");
        else if (c == '\'') run.append("''");
        else run.append(c);
    }

    private void expression(String sql) {
        if (parsing) throw new Untranslatable("format element " + element + " cannot be parsed by DuckDB's strptime",
                "use %Y %m %d %H %M %S and literal text in PARSE_* formats");
        flushRun();
        if (template.length() > 0) template.append(" || ");
        template.append(sql);
    }

    private void flushRun() {
        if (run.length() == 0) return;
        if (template.length() > 0) template.append(" || ");
        template.append("strftime({0}, '").append(run).append("')");
        run.setLength(0);
    }

    private String finish() {
        flushRun();
        return template.length() == 0 ? "''" : "(" + template + ")";
    }
}
