package io.porygon.core.sql;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The date and time elements of {@code CAST(... AS DATE|DATETIME|TIMESTAMP|STRING FORMAT '...')} as a
 * strptime/strftime pattern: the numeric ones (YYYY, MM, DD, HH24, MI, SS, ...) and separators. Text
 * elements (MONTH, DAY, AM, ...) depend on their letter case in BigQuery and are refused, as are
 * number formats.
 */
final class CastFormat {
    /** Longest first, so that HH24 is not read as HH and 24. */
    private static final Map<String, String> ELEMENTS = new LinkedHashMap<>();

    static {
        ELEMENTS.put("YYYY", "%Y");
        ELEMENTS.put("HH24", "%H");
        ELEMENTS.put("HH12", "%I");
        ELEMENTS.put("YY", "%y");
        ELEMENTS.put("MM", "%m");
        ELEMENTS.put("DD", "%d");
        ELEMENTS.put("HH", "%I");
        ELEMENTS.put("MI", "%M");
        ELEMENTS.put("SS", "%S");
    }

    private CastFormat() {}

    /** The pattern of a BigQuery format string, or an Untranslatable naming the element it cannot write. */
    static String pattern(String format) {
        StringBuilder out = new StringBuilder();
        String upper = format.toUpperCase(Locale.ROOT);
        int i = 0;
        next:
        while (i < format.length()) {
            char c = format.charAt(i);
            if ("-/.,:; T".indexOf(c) >= 0) {
                out.append(c);
                i++;
                continue;
            }
            if (c == '"') {
                int end = format.indexOf('"', i + 1);
                if (end < 0) break;
                out.append(format, i + 1, end).toString();
                i = end + 1;
                continue;
            }
            for (Map.Entry<String, String> e : ELEMENTS.entrySet()) {
                if (upper.startsWith(e.getKey(), i)) {
                    out.append(e.getValue());
                    i += e.getKey().length();
                    continue next;
                }
            }
            throw new Untranslatable("CAST ... FORMAT '" + format + "': its element at '" + format.substring(i)
                    + "' is not translated to DuckDB (only YYYY, YY, MM, DD, HH24, HH12, MI, SS and separators are)",
                    "write PARSE_DATE/PARSE_TIMESTAMP or FORMAT_DATE/FORMAT_TIMESTAMP with a %-format instead", "CAST");
        }
        return out.toString().replace("'", "''");
    }
}
