package io.porygon.core.sql;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.StringValue;

/**
 * Prints {@code CAST} and {@code SAFE_CAST} with BigQuery's results where DuckDB's casts differ: the
 * text each type accepts (no '1.5' or 'yes', no digit separators), FLOAT64 rounding to INT64, STRING
 * to BYTES as UTF-8, FLOAT64 and NUMERIC printed as BigQuery prints them.
 */
final class CastPrinter {

    private final DuckDbExpressionDeParser printer;

    CastPrinter(DuckDbExpressionDeParser printer) {
        this.printer = printer;
    }

    StringBuilder print(CastExpression cast) {
        String type = DuckDbExpressionDeParser.duckDbType(cast.getColDataType());
        boolean safe = "SAFE_CAST".equalsIgnoreCase(cast.keyword) || "TRY_CAST".equalsIgnoreCase(cast.keyword);
        if (cast.getFormat() != null) return withFormat(cast, type, safe);
        if (type.equals("BLOB") && cast.getLeftExpression() instanceof StringValue s
                && s.getValue().chars().anyMatch(ch -> ch > 127)) {
            // BigQuery casts STRING to BYTES as UTF-8; DuckDB's BLOB cast only takes ASCII and \x escapes
            printer.out().append("encode(");
            printer.print(s);
            return printer.out().append(')');
        }
        if (type.equals("BLOB") && !(cast.getLeftExpression() instanceof StringValue)) {
            // STRING to BYTES is UTF-8 encoding in BigQuery; DuckDB's BLOB cast only takes escaped ASCII
            printer.out().append("CASE WHEN typeof(");
            printer.printArgument(cast.getLeftExpression());
            printer.out().append(") = 'VARCHAR' THEN encode(CAST(");
            printer.print(cast.getLeftExpression());
            printer.out().append(" AS VARCHAR)) ELSE ").append(safe ? "TRY_CAST(" : "CAST(");
            printer.print(cast.getLeftExpression());
            return printer.out().append(" AS BLOB) END");
        }
        if ((type.equals("BIGINT") || type.equals("BOOLEAN")) && cast.getLeftExpression() instanceof StringValue s
                && !(type.equals("BIGINT") ? INT64_TEXT : BOOL_TEXT).matcher(s.getValue()).matches()) {
            // text DuckDB would read ('1.5' as 2, 'yes' as TRUE) that BigQuery refuses
            return refused(type, safe, DuckDbExpressionDeParser.errorMessage("Bad " + (type.equals("BIGINT") ? "int64" : "bool") + " value", s.getValue()));
        }
        boolean number = type.equals("DOUBLE") || type.startsWith("DECIMAL");
        String numberValue = "Bad " + (type.equals("DOUBLE") ? "double" : "numeric") + " value";
        if (number && cast.getLeftExpression() instanceof StringValue s && s.getValue().contains("_")) {
            // DuckDB reads '1_000' as 1000; BigQuery refuses digit separators
            return refused(type, safe, DuckDbExpressionDeParser.errorMessage(numberValue, s.getValue()));
        }
        if (number && !(cast.getLeftExpression() instanceof StringValue || cast.getLeftExpression() instanceof NullValue
                || cast.getLeftExpression() instanceof LongValue || cast.getLeftExpression() instanceof DoubleValue)) {
            return castCheckedText(cast.getLeftExpression(), type, "contains(%s, '_')", safe, DuckDbExpressionDeParser.errorMessage(numberValue, cast.toString()), v -> "");
        }
        if (type.equals("BIGINT") && !isIntegerOrStringLiteral(cast.getLeftExpression())) {
            return castToInteger(cast.getLeftExpression(), safe, cast.toString());
        }
        if (type.equals("BOOLEAN") && !(cast.getLeftExpression() instanceof StringValue || cast.getLeftExpression() instanceof BooleanValue
                || cast.getLeftExpression() instanceof NullValue)) {
            return castToBool(cast.getLeftExpression(), safe, cast.toString());
        }
        if (type.equals("INTERVAL") && !(cast.getLeftExpression() instanceof NullValue)) {
            return castToInterval(cast.getLeftExpression(), safe, cast.toString());
        }
        if (type.equals("DATE") && !(cast.getLeftExpression() instanceof NullValue)) {
            return castToDate(cast.getLeftExpression(), safe, cast.toString());
        }
        if (type.equals("VARCHAR") && !(cast.getLeftExpression() instanceof StringValue || cast.getLeftExpression() instanceof LongValue
                || cast.getLeftExpression() instanceof NullValue)) {
            castToString(cast.getLeftExpression(), safe ? "TRY_CAST(" : "CAST(");
            return printer.out();
        }
        printer.out().append(safe ? "TRY_CAST(" : "CAST(");
        // BigQuery casts a struct to a STRUCT type field by field in order, DuckDB by name: a struct literal
        // (or an array of them) prints unnamed, which DuckDB casts by position
        if (type.startsWith("STRUCT") || type.endsWith("[]")) printer.printPositional(cast.getLeftExpression());
        else printer.print(cast.getLeftExpression());
        return printer.out().append(" AS ").append(type).append(')');
    }

    /** Literals DuckDB casts to BIGINT as BigQuery does; hexadecimal text needs castToInteger's sign handling. */
    private static boolean isIntegerOrStringLiteral(Expression e) {
        return e instanceof LongValue || e instanceof NullValue || e instanceof StringValue s && !s.getValue().toLowerCase(Locale.ROOT).contains("0x");
    }

    /** The text BigQuery casts to INT64 (decimal or hex, surrounding spaces allowed), and to BOOL. */
    private static final Pattern INT64_TEXT = Pattern.compile("\\s*[+-]?(\\d+|0[xX][0-9a-fA-F]+)\\s*");
    private static final Pattern BOOL_TEXT = Pattern.compile("(?i)true|false");
    private static final String INT64_TEXT_SQL = "'\\s*[+-]?(\\d+|0[xX][0-9a-fA-F]+)\\s*'";

    /**
     * BigQuery rounds a FLOAT64 halfway away from zero when casting it to INT64 (2.5 gives 3), DuckDB
     * to even (2). DuckDB's round() goes away from zero. DuckDB also reads STRING '1.5' as 2, '1e3'
     * and '1_000' as 1000, where BigQuery raises "Bad int64 value" (SAFE_CAST: NULL). typeof() is
     * folded when the query is bound, so other input types (BIGINT, BOOLEAN, DECIMAL, which DuckDB
     * already casts the BigQuery way) keep a plain cast and pay nothing. The value is bound once.
     */
    private StringBuilder castToInteger(Expression value, boolean safe, String googleSql) {
        String cast = safe ? "TRY_CAST(" : "CAST(";
        return castCheckedText(value, "BIGINT", "NOT regexp_full_match(%s, " + INT64_TEXT_SQL + ")", safe,
                DuckDbExpressionDeParser.errorMessage("Bad int64 value", googleSql), v -> "WHEN typeof(" + v + ") IN ('DOUBLE', 'FLOAT') THEN " + cast + "round("
                        + cast + v + " AS DOUBLE)) AS BIGINT) WHEN typeof(" + v + ") = 'VARCHAR' THEN " + hexAware(v, cast) + " ");
    }

    /**
     * Text already checked against INT64_TEXT as BIGINT ({@code cast}: {@code CAST(} or, for SAFE_CAST, {@code TRY_CAST(},
     * so that a number beyond INT64 is NULL). DuckDB reads 0x1F, but neither a sign nor spaces around it; the digits are
     * read as UBIGINT and signed as HUGEINT, so that -0x8000000000000000, the smallest INT64, is read too.
     */
    private static String hexAware(String v, String cast) {
        String text = "trim(CAST(" + v + " AS VARCHAR))";
        return "CASE WHEN " + text + " ILIKE '%0x%' THEN " + cast + "CAST(" + cast + "regexp_replace(" + text + ", '^[+-]', '') AS UBIGINT) AS HUGEINT)"
                + " * CASE WHEN " + text + " LIKE '-%' THEN -1 ELSE 1 END AS BIGINT) ELSE " + cast + text + " AS BIGINT) END";
    }

    /** DuckDB reads 'yes', 't', '1' and more as TRUE; BigQuery's BOOL takes 'true' and 'false' in any case only. */
    private StringBuilder castToBool(Expression value, boolean safe, String googleSql) {
        return castCheckedText(value, "BOOLEAN", "lower(%s) NOT IN ('true', 'false')", safe, DuckDbExpressionDeParser.errorMessage("Bad bool value", googleSql), v -> "");
    }

    /**
     * DuckDB reads '2024/01/05' and '2024-01-05 10:00' as dates; BigQuery's DATE takes YYYY-M-D only. A
     * TIMESTAMP's date in UTC goes through the epoch, not DuckDB's cast, which walks ICU's calendar per row.
     */
    /**
     * {@code CAST(s AS DATE|DATETIME|TIMESTAMP|TIME FORMAT 'YYYYMMDD')} parses the text with the format (a
     * TIMESTAMP in UTC, the session's zone; a TIME is the time of the parsed 1900-01-01); {@code CAST(d AS STRING
     * FORMAT '...')} writes it.
     */
    private StringBuilder withFormat(CastExpression cast, String type, boolean safe) {
        String format = cast.getFormat().replaceAll("^'|'$", "").replace("''", "'");
        if (format.equalsIgnoreCase("ASCII") && (type.equals("VARCHAR") || type.equals("BLOB"))) return ascii(cast, type, safe);
        boolean parse = type.equals("DATE") || type.equals("TIMESTAMP") || type.equals("TIMESTAMPTZ") || type.equals("TIME");
        if (!parse && !type.equals("VARCHAR")) {
            throw new Untranslatable("CAST ... AS " + cast.getColDataType() + " FORMAT '" + format + "' is not translated to DuckDB",
                    "format numbers with FORMAT('%.2f', x) and friends", "CAST");
        }
        if (parse) {
            String pattern = CastFormat.pattern(format);
            if (type.equals("TIME") && pattern.matches("(?s).*%[YymdbB].*")) {
                // a TIME reads time elements only: what a date element would do to it is not translated
                throw new Untranslatable("CAST ... AS TIME FORMAT '" + format + "' has a date element, which is not translated for a TIME",
                        "leave YYYY, YY, MM, MON, MONTH and DD out of the format, or cast to DATETIME", "CAST");
            }
            printer.out().append("CAST(").append(safe ? "try_strptime(" : "strptime(");
            printer.print(cast.getLeftExpression());
            return printer.out().append(", '").append(pattern).append("') AS ").append(type).append(')');
        }
        String template = CastFormat.template(format);
        // DuckDB's strftime takes no TIME: a TIME is written as a time of 1970-01-01 (a TIMESTAMP WITH TIME ZONE as its UTC wall time).
        // Other values are BigQuery's error, not DuckDB's reading of a STRING as a timestamp (or NULL when it cannot)
        printer.once(List.of(printer.operand(cast.getLeftExpression())), v -> {
            String timestamp = "CASE WHEN " + v.get(0) + " IS NULL THEN NULL"
                    + " WHEN typeof(" + v.get(0) + ") = 'TIME' THEN CAST('1970-01-01 ' || CAST(" + v.get(0) + " AS VARCHAR) AS TIMESTAMP)"
                    + " WHEN typeof(" + v.get(0) + ") = 'DATE' OR typeof(" + v.get(0) + ") LIKE 'TIMESTAMP%' THEN TRY_CAST(" + v.get(0)
                    + " AS TIMESTAMP) ELSE error('CAST ... AS STRING FORMAT ''" + format.replace("'", "''") + "'' takes a DATE, DATETIME, TIME or"
                    + " TIMESTAMP, not ' || typeof(" + v.get(0) + ")) END";
            if (template.indexOf("{0}") == template.lastIndexOf("{0}")) return template.replace("{0}", timestamp);
            // several elements read the value: it is converted once
            return "list_transform([" + timestamp + "], porygon_cast_ts -> " + template.replace("{0}", "porygon_cast_ts") + ")[1]";
        });
        return printer.out();
    }

    /**
     * BYTES to STRING and STRING to BYTES with the ASCII format: the text itself, and BigQuery's error (SAFE_CAST:
     * NULL) for a byte or character outside ASCII; bytes that are not UTF-8 are not ASCII either.
     */
    private StringBuilder ascii(CastExpression cast, String type, boolean safe) {
        String message = DuckDbExpressionDeParser.errorMessage(type.equals("VARCHAR") ? "BYTES value is not ASCII" : "STRING value is not ASCII",
                cast.toString());
        String bad = safe ? "NULL" : "error(" + message + ")";
        printer.once(List.of(printer.operand(cast.getLeftExpression())), v -> {
            // a byte from 0x80 up, in the hex pairs of the bytes (no decode: bytes that are not UTF-8 would fail there)
            String notAscii = type.equals("VARCHAR") ? "regexp_matches(hex(TRY_CAST(" + v.get(0) + " AS BLOB)), '^(?:..)*[89A-F]')"
                    : "regexp_matches(CAST(" + v.get(0) + " AS VARCHAR), '[^\\x00-\\x7f]')";
            return "CASE WHEN " + v.get(0) + " IS NULL THEN NULL WHEN " + notAscii + " THEN CAST(" + bad + " AS " + type + ") ELSE "
                    + (type.equals("VARCHAR") ? "decode(TRY_CAST(" + v.get(0) + " AS BLOB))" : "encode(CAST(" + v.get(0) + " AS VARCHAR))") + " END";
        });
        return printer.out();
    }

    private StringBuilder castToDate(Expression value, boolean safe, String googleSql) {
        return castCheckedText(value, "DATE", "NOT regexp_full_match(%s, '[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}')", safe,
                DuckDbExpressionDeParser.errorMessage("Bad date value", googleSql),
                v -> "WHEN typeof(" + v + ") = 'TIMESTAMP WITH TIME ZONE' THEN CAST(make_timestamp(epoch_us(TRY_CAST(" + v + " AS TIMESTAMPTZ))) AS DATE) ");
    }

    /**
     * A cast whose STRING input is refused ({@code rejected}, over the text) as BigQuery refuses it: NULL under
     * SAFE_CAST. {@code otherCases} gives WHEN branches over the value, bound once, before the plain cast.
     */
    private StringBuilder castCheckedText(Expression value, String type, String rejected, boolean safe, String message,
            UnaryOperator<String> otherCases) {
        String cast = safe ? "TRY_CAST(" : "CAST(";
        String bad = safe ? "NULL" : "error(" + message + ")";
        printer.once(List.of(printer.operand(value)), v -> "CASE WHEN typeof(" + v.get(0) + ") = 'VARCHAR' AND " + rejected.formatted("CAST(" + v.get(0)
                + " AS VARCHAR)") + " THEN " + bad + " " + otherCases.apply(v.get(0)) + "ELSE " + cast + v.get(0) + " AS " + type + ") END");
        return printer.out();
    }

    /**
     * An INTERVAL as BigQuery writes it: {@code Y-M D H:M:S[.fff[fff]]}, each of the three parts signed
     * ({@code 0-0 3 0:0:0}, {@code -0-1 0 0:0:0}, {@code 0-0 -8 -13:45:0}); DuckDB's text is {@code 3 days}. DuckDB's
     * parts of an interval share the sign of their field (months, days, microseconds), as BigQuery's do.
     */
    static String intervalText(String value) {
        String i = "TRY_CAST(" + value + " AS INTERVAL)";
        String y = "year(" + i + ")", m = "month(" + i + ")", h = "hour(" + i + ")", mi = "minute(" + i + ")", us = "microsecond(" + i + ")";
        String f = "(abs(" + us + ") % 1000000)";
        return "CASE WHEN " + y + " < 0 OR " + m + " < 0 THEN '-' ELSE '' END || abs(" + y + ") || '-' || abs(" + m + ") || ' ' || day(" + i
                + ") || ' ' || CASE WHEN " + h + " < 0 OR " + mi + " < 0 OR " + us + " < 0 THEN '-' ELSE '' END || abs(" + h + ") || ':' || abs("
                + mi + ") || ':' || (abs(" + us + ") // 1000000) || CASE WHEN " + f + " = 0 THEN '' WHEN " + f + " % 1000 = 0 THEN '.' || lpad(CAST("
                + f + " // 1000 AS VARCHAR), 3, '0') ELSE '.' || lpad(CAST(" + f + " AS VARCHAR), 6, '0') END";
    }

    /**
     * {@code CAST(s AS INTERVAL)} of a string literal reads BigQuery's canonical text ({@code '1-2 3 4:5:6.5'} and its
     * shorter forms) or an ISO 8601 duration ({@code 'P1Y2M3DT4H5M6.5S'}) when the statement is translated; text BigQuery
     * refuses is an error there (SAFE_CAST: NULL). A STRING that is not a literal is read the same way when the query runs
     * ({@link IntervalValue#fromTextSql}; DuckDB's cast reads other text, {@code '3 days'}); an INTERVAL casts as it is.
     */
    private StringBuilder castToInterval(Expression value, boolean safe, String googleSql) {
        if (value instanceof StringValue s) {
            try {
                return printer.out().append(IntervalValue.parse(s.getValue()).duckDb());
            } catch (IntervalValue.Invalid e) {
                if (safe) return printer.out().append("CAST(NULL AS INTERVAL)");
                throw new Untranslatable(e.getMessage() + " in " + googleSql, "write BigQuery's 'Y-M D H:M:S[.F]' (or a shorter form such as"
                        + " 'D H:M:S') or an ISO 8601 duration such as 'P1Y2M3DT4H5M6.5S'", "INTERVAL");
            }
        }
        printer.once(List.of(printer.operand(value)), v -> "CASE WHEN typeof(" + v.get(0) + ") = 'VARCHAR' THEN "
                + IntervalValue.fromTextSql("CAST(" + v.get(0) + " AS VARCHAR)", safe) + " ELSE " + (safe ? "TRY_CAST(" : "CAST(") + v.get(0)
                + " AS INTERVAL) END");
        return printer.out();
    }

    /** A literal BigQuery refuses to cast: its error, or NULL under SAFE_CAST, typed as the cast would be. */
    private StringBuilder refused(String type, boolean safe, String message) {
        return printer.out().append("CAST(").append(safe ? "NULL" : "error(" + message + ")").append(" AS ").append(type).append(')');
    }

    /**
     * BigQuery prints a FLOAT64 with the fewest digits that read back the same (1.0 is '1', up to 17
     * significant digits, 'nan', 'inf'), and a NUMERIC without trailing zeros ('2.5'); DuckDB prints
     * '1.0' and DECIMAL(38, 9)'s nine decimals ('2.500000000'). typeof() is folded when the query is
     * bound, so other types keep the plain cast.
     */
    private void castToString(Expression value, String cast) {
        printer.once(List.of(printer.operand(value)), refs -> {
            String v = refs.get(0);
            String d = "CAST(" + v + " AS DOUBLE)";
            String plain = cast + v + " AS VARCHAR)";
            // BYTES are read as UTF-8 (DuckDB's cast writes escapes: \xC2\xA9 for ©); invalid UTF-8 fails, SAFE_CAST gives NULL
            String utf8 = "decode(TRY_CAST(" + v + " AS BLOB))";
            return "CASE WHEN typeof(" + v + ") = 'BLOB' THEN " + (cast.startsWith("TRY") ? "try(" + utf8 + ")" : utf8)
                    + " WHEN typeof(" + v + ") = 'INTERVAL' THEN " + intervalText(v)
                    + " WHEN typeof(" + v + ") IN ('DOUBLE', 'FLOAT') THEN CASE WHEN isnan(" + d + ") THEN 'nan' WHEN isinf(" + d
                    + ") THEN CASE WHEN " + d + " > 0 THEN 'inf' ELSE '-inf' END WHEN CAST(printf('%.15g', " + d + ") AS DOUBLE) = " + d
                    + " THEN printf('%.15g', " + d + ") ELSE printf('%.17g', " + d + ") END WHEN typeof(" + v + ") LIKE 'DECIMAL%' AND "
                    + plain + " LIKE '%.%' THEN rtrim(rtrim(" + plain + ", '0'), '.') ELSE " + plain + " END";
        });
    }
}
