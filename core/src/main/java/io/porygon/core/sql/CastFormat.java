package io.porygon.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The date and time elements of {@code CAST(... AS DATE|DATETIME|TIMESTAMP|TIME|STRING FORMAT '...')}: as a
 * strptime pattern for parsing, and as a DuckDB expression over the value for writing. The numeric elements
 * (YYYY, MM, DD, HH24, MI, SS, FFn), the month names (MON, MONTH), separators and quoted text; writing also
 * takes DY and the meridian indicators (AM, PM, A.M., P.M.), with BigQuery's case matching. Other elements
 * (DAY, DDD, Y, RR, TZH, ...) and number formats are refused.
 */
final class CastFormat {
    /** Numeric elements with a strptime/strftime code, longest first, so that HH24 is not read as HH and 24. */
    private static final String[][] NUMERIC = {
            {"YYYY", "%Y"}, {"HH24", "%H"}, {"HH12", "%I"}, {"YY", "%y"}, {"MM", "%m"}, {"DD", "%d"}, {"HH", "%I"},
            {"MI", "%M"}, {"SS", "%S"}};

    private static final String SUPPORTED = "YYYY, YY, MM, MON, MONTH, DD, DY, HH24, HH12, MI, SS, FF1-FF9, AM, PM, A.M., P.M. and separators";

    private final String format;
    private final boolean parsing;
    private final List<String> pieces = new ArrayList<>();
    private final StringBuilder run = new StringBuilder();

    private CastFormat(String format, boolean parsing) {
        this.format = format;
        this.parsing = parsing;
    }

    /** The strptime pattern that reads text written in a BigQuery format, or an Untranslatable naming the element. */
    static String pattern(String format) {
        CastFormat f = new CastFormat(format, true);
        f.convert();
        return f.run.toString().replace("'", "''");
    }

    /**
     * The DuckDB expression that writes a TIMESTAMP {@code {0}} in a BigQuery format: strftime runs and small
     * expressions joined with ||; {@code {0}} may occur more than once.
     */
    static String template(String format) {
        CastFormat f = new CastFormat(format, false);
        f.convert();
        f.flush();
        return f.pieces.isEmpty() ? "strftime({0}, '')" : "(" + String.join(" || ", f.pieces) + ")";
    }

    private void convert() {
        String upper = format.toUpperCase(Locale.ROOT);
        int i = 0;
        next:
        while (i < format.length()) {
            char c = format.charAt(i);
            if (upper.startsWith("A.M.", i) || upper.startsWith("P.M.", i)) {
                meridian(i, true);
                i += 4;
                continue;
            }
            if ("-/.,:; T".indexOf(c) >= 0) {
                literal(c);
                i++;
                continue;
            }
            if (c == '"') {
                int end = format.indexOf('"', i + 1);
                if (end < 0) break;
                for (char q : format.substring(i + 1, end).toCharArray()) literal(q);
                i = end + 1;
                continue;
            }
            // BigQuery reads the longest element: SSSSS is not SS SS S, DDD not DD D, DAY not a D
            if (upper.startsWith("SSSSS", i) || upper.startsWith("DDD", i) || upper.startsWith("YYY", i) && !upper.startsWith("YYYY", i)) break;
            if (upper.startsWith("MONTH", i) || upper.startsWith("MON", i)) {
                int length = upper.startsWith("MONTH", i) ? 5 : 3;
                text(i, length == 5 ? "%B" : "%b");
                i += length;
                continue;
            }
            if (upper.startsWith("DY", i) && !parsing) {
                text(i, "%a");
                i += 2;
                continue;
            }
            if (upper.startsWith("FF", i) && i + 2 < format.length() && format.charAt(i + 2) >= '1' && format.charAt(i + 2) <= '9' && !parsing) {
                fraction(format.charAt(i + 2) - '0');
                i += 3;
                continue;
            }
            if ((upper.startsWith("AM", i) || upper.startsWith("PM", i)) && !parsing) {
                meridian(i, false);
                i += 2;
                continue;
            }
            for (String[] e : NUMERIC) {
                if (upper.startsWith(e[0], i)) {
                    run.append(e[1]);
                    i += e[0].length();
                    continue next;
                }
            }
            break;
        }
        if (i < format.length()) {
            throw new Untranslatable("CAST ... FORMAT '" + format + "': its element at '" + format.substring(i) + "' is not translated to DuckDB"
                    + (parsing ? " when parsing (only YYYY, YY, MM, MON, MONTH, DD, HH24, HH12, MI, SS and separators are)" : " (only " + SUPPORTED + " are)"),
                    "write PARSE_DATE/PARSE_TIMESTAMP or FORMAT_DATE/FORMAT_TIMESTAMP with a %-format instead", "CAST");
        }
    }

    private void literal(char c) {
        run.append(c == '%' ? "%%" : String.valueOf(c));
    }

    /**
     * A name (MONTH, MON, DY) with BigQuery's case matching: a lower-case first letter writes lower case
     * (month: january), an upper-case first and second letter upper case (MONTH: JANUARY), otherwise
     * capitalised (Month: January), which is how strftime writes English names.
     */
    private void text(int at, String code) {
        if (parsing) {
            // strptime reads month names in any letter case, as BigQuery does
            run.append(code);
            return;
        }
        String strftime = "strftime({0}, '" + code + "')";
        if (Character.isLowerCase(format.charAt(at))) expression("lower(" + strftime + ")");
        else if (Character.isUpperCase(format.charAt(at + 1))) expression("upper(" + strftime + ")");
        else run.append(code);
    }

    /** AM, PM, A.M., P.M.: AM before noon, else PM, in upper case unless the element's first letter is lower case. */
    private void meridian(int at, boolean dots) {
        if (parsing) {
            throw new Untranslatable("CAST ... FORMAT '" + format + "': the meridian indicator at '" + format.substring(at)
                    + "' is not translated when parsing", "use HH24 instead of HH12 with A.M./P.M.", "CAST");
        }
        boolean lower = Character.isLowerCase(format.charAt(at));
        String am = dots ? "A.M." : "AM", pm = dots ? "P.M." : "PM";
        if (lower) {
            am = am.toLowerCase(Locale.ROOT);
            pm = pm.toLowerCase(Locale.ROOT);
        }
        expression("CASE WHEN hour({0}) < 12 THEN '" + am + "' ELSE '" + pm + "' END");
    }

    /**
     * FFn: the first n digits of the fraction, cut, not rounded (BigQuery's FF1 of 07.16 is 1); values hold
     * microseconds, so FF7 to FF9 end in zeros.
     */
    private void fraction(int digits) {
        if (digits >= 6) {
            run.append("%f").append("0".repeat(digits - 6));
            return;
        }
        expression("substr(strftime({0}, '%f'), 1, " + digits + ")");
    }

    private void expression(String sql) {
        flush();
        pieces.add(sql);
    }

    private void flush() {
        if (run.length() == 0) return;
        pieces.add("strftime({0}, '" + run.toString().replace("'", "''") + "')");
        run.setLength(0);
    }
}
