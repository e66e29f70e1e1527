package io.porygon.core.sql;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.StringValue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GoogleSQL's converters from a JSON value to a SQL value: the strict STRING, INT64, FLOAT64 and
 * BOOL (an error for a JSON value of another type, NULL for SQL NULL), the LAX_ forms (NULL where
 * the reference's conversion table has no value), and JSON_TYPE. DuckDB's json_type names a value's
 * type (VARCHAR, BIGINT, UBIGINT, DOUBLE, BOOLEAN, NULL, OBJECT, ARRAY), which picks the branch.
 */
final class JsonConverters {

    private JsonConverters() {}

    static void register(Map<String, CallRenderer> specials) {
        specials.put("STRING", JsonConverters::string);
        specials.put("INT64", c -> strict(c, JsonConverters::int64));
        specials.put("FLOAT64", JsonConverters::float64);
        specials.put("BOOL", c -> strict(c, JsonConverters::bool));
        specials.put("LAX_BOOL", c -> nullSafe(c, JsonConverters::laxBool));
        specials.put("LAX_INT64", c -> nullSafe(c, JsonConverters::laxInt64));
        specials.put("LAX_FLOAT64", c -> nullSafe(c, JsonConverters::laxFloat64));
        specials.put("LAX_STRING", c -> nullSafe(c, JsonConverters::laxString));
        specials.put("JSON_TYPE", c -> nullSafe(c, JsonConverters::jsonType));
        specials.put("INT64_ARRAY", c -> strictArray(c, JsonConverters::int64));
        specials.put("BOOL_ARRAY", c -> strictArray(c, JsonConverters::bool));
        specials.put("FLOAT64_ARRAY", c -> strictArray(c, JsonConverters::roundedFloat64));
        specials.put("STRING_ARRAY", c -> strictArray(c, JsonConverters::jsonString));
        specials.put("LAX_INT64_ARRAY", c -> laxArray(c, JsonConverters::laxInt64));
        specials.put("LAX_BOOL_ARRAY", c -> laxArray(c, JsonConverters::laxBool));
        specials.put("LAX_FLOAT64_ARRAY", c -> laxArray(c, JsonConverters::laxFloat64));
        specials.put("LAX_STRING_ARRAY", c -> laxArray(c, JsonConverters::laxString));
    }

    /**
     * INT64_ARRAY and friends: a JSON array whose every element converts as the scalar converter does; a
     * value that is not an array, or an element that does not convert (JSON null included), is an error.
     * Under SAFE. the whole result is NULL then, not the element (no element can be NULL otherwise).
     */
    private static void strictArray(CallContext c, Conversion conversion) {
        if (c.args().size() != 1) throw c.unsupported(c.args().size() + " arguments", "pass one JSON array");
        Failure fail = failure(c);
        boolean safe = fail.with("''").equals("NULL");
        c.once(a -> {
            String list = "list_transform(CAST(json_extract(" + a.get(0) + ", '$[*]') AS JSON[]), porygon_e -> " + conversion.of("porygon_e", fail) + ")";
            if (safe) list = "list_transform([" + list + "], porygon_l -> CASE WHEN len(list_filter(porygon_l, porygon_x -> porygon_x IS NULL)) > 0 "
                    + "THEN NULL ELSE porygon_l END)[1]";
            return "CASE WHEN " + a.get(0) + " IS NULL THEN NULL WHEN json_type(" + a.get(0) + ") <> 'ARRAY' THEN "
                    + fail.with(quoted("The provided JSON input is not an array")) + " ELSE " + list + " END";
        });
    }

    /** LAX_INT64_ARRAY and friends: each element as the LAX_ converter gives it (NULL where it has none); NULL for a value that is not an array. */
    private static void laxArray(CallContext c, java.util.function.Function<String, String> conversion) {
        if (c.args().size() != 1) throw c.unsupported(c.args().size() + " arguments", "pass one JSON array");
        c.once(a -> "CASE WHEN json_type(" + a.get(0) + ") = 'ARRAY' THEN list_transform(CAST(json_extract(" + a.get(0) + ", '$[*]') AS JSON[]), porygon_e -> "
                + conversion.apply("porygon_e") + ") END");
    }

    /** STRING(json) of a JSON value: the text of a JSON string. */
    private static String jsonString(String j, Failure fail) {
        return "CASE WHEN json_type(" + j + ") = 'VARCHAR' THEN json_extract_string(" + j + ", '$') ELSE "
                + fail.with(quoted("The provided JSON input is not a string")) + " END";
    }

    /** FLOAT64(json) with wide_number_mode 'round', the default: a JSON number as FLOAT64. */
    private static String roundedFloat64(String j, Failure fail) {
        return "CASE json_type(" + j + ") WHEN 'DOUBLE' THEN CAST(" + j + " AS DOUBLE) WHEN 'BIGINT' THEN CAST(" + j + " AS DOUBLE) "
                + "WHEN 'UBIGINT' THEN CAST(" + j + " AS DOUBLE) ELSE " + fail.with(quoted("The provided JSON input is not a number")) + " END";
    }

    /** BigQuery's name of a JSON value's type; NULL for SQL NULL (json_type gives NULL). */
    private static String jsonType(String j) {
        return "CASE json_type(" + j + ") WHEN 'VARCHAR' THEN 'string' WHEN 'BOOLEAN' THEN 'boolean' WHEN 'NULL' THEN 'null'"
                + " WHEN 'OBJECT' THEN 'object' WHEN 'ARRAY' THEN 'array' WHEN 'BIGINT' THEN 'number' WHEN 'UBIGINT' THEN 'number'"
                + " WHEN 'DOUBLE' THEN 'number' END";
    }

    /** A conversion of the JSON value {@code j}, with {@code fail} the SQL that raises (or gives NULL under SAFE.). */
    private interface Conversion {
        String of(String j, Failure fail);
    }

    /** The SQL for a failed conversion: BigQuery's error, or NULL under SAFE. (DuckDB's TRY cannot wrap error()). */
    private interface Failure {
        String with(String messageSql);
    }

    private static Failure failure(CallContext c) {
        List<String> parts = c.function().getMultipartName();
        boolean safe = parts.size() == 2 && parts.get(0).equalsIgnoreCase("SAFE");
        return message -> safe ? "NULL" : "error(" + message + ")";
    }

    private static String quoted(String text) {
        return SqlQuoting.string(text);
    }

    /** A conversion that raises BigQuery's error (NULL under SAFE.) for a JSON value of another type; SQL NULL gives NULL. */
    private static void strict(CallContext c, Conversion conversion) {
        if (c.args().size() != 1) throw c.unsupported(c.args().size() + " arguments", "pass one JSON value");
        Failure fail = failure(c);
        c.once(a -> "CASE WHEN " + a.get(0) + " IS NULL THEN NULL ELSE " + conversion.of(a.get(0), fail) + " END");
    }

    /** A conversion that never raises: SQL NULL and the values its table has no result for give NULL. */
    private static void nullSafe(CallContext c, java.util.function.Function<String, String> conversion) {
        if (c.args().size() != 1) throw c.unsupported(c.args().size() + " arguments", "pass one JSON value");
        c.once(a -> conversion.apply(a.get(0)));
    }

    /**
     * STRING(json): the text of a JSON string, unquoted and unescaped; STRING(timestamp[, 'UTC']):
     * the timestamp's text. The argument's type is only known to DuckDB, so typeof() picks the branch
     * (the same for every row).
     */
    private static void string(CallContext c) {
        if (c.args().size() == 2) {
            if (!(c.args().get(1) instanceof StringValue z) || !z.getValue().equalsIgnoreCase("UTC")) {
                throw c.unsupported("a time zone other than 'UTC'", "convert in UTC, or format with FORMAT_TIMESTAMP and a time zone");
            }
            c.text("CAST(CAST(").arg(0).text(" AS TIMESTAMPTZ) AS VARCHAR)");
            return;
        }
        if (c.args().size() != 1) throw c.unsupported(c.args().size() + " arguments", "pass a JSON value, or a timestamp and optionally a time zone");
        Failure fail = failure(c);
        c.once(a -> {
            String j = "CAST(" + a.get(0) + " AS JSON)";
            return "CASE WHEN typeof(" + a.get(0) + ") <> 'JSON' THEN CAST(" + a.get(0) + " AS VARCHAR) WHEN " + a.get(0)
                    + " IS NULL THEN NULL WHEN json_type(" + j + ") = 'VARCHAR' THEN json_extract_string(" + j + ", '$') ELSE "
                    + fail.with(quoted("The provided JSON input is not a string")) + " END";
        });
    }

    /** INT64(json): a JSON number without a fractional part, within INT64. */
    private static String int64(String j, Failure fail) {
        String d = "CAST(" + j + " AS DOUBLE)";
        String notConvertible = fail.with("'The provided JSON number: ' || CAST(" + j + " AS VARCHAR) || ' cannot be converted to an int64'");
        return "CASE json_type(" + j + ") WHEN 'BIGINT' THEN CAST(" + j + " AS BIGINT)"
                + " WHEN 'UBIGINT' THEN coalesce(TRY_CAST(" + j + " AS BIGINT), " + notConvertible + ")"
                + " WHEN 'DOUBLE' THEN CASE WHEN " + d + " = trunc(" + d + ") AND " + d + " >= -9223372036854775808.0 AND " + d
                + " < 9223372036854775808.0 THEN CAST(" + d + " AS BIGINT) ELSE " + notConvertible + " END"
                + " ELSE " + fail.with(quoted("The provided JSON input is not an integer")) + " END";
    }

    private static String bool(String j, Failure fail) {
        return "CASE WHEN json_type(" + j + ") = 'BOOLEAN' THEN CAST(" + j + " AS BOOLEAN) ELSE "
                + fail.with(quoted("The provided JSON input is not a boolean")) + " END";
    }

    /**
     * The value of a {@code wide_number_mode => '...'} named argument ('exact' or 'round', case-sensitive),
     * or null when {@code e} is not that argument.
     */
    static String wideNumberMode(CallContext c, Expression e) {
        NamedArgument named = NamedArgument.of(e);
        if (named == null || !named.is("wide_number_mode")) return null;
        String mode = named.string();
        if (!"exact".equals(mode) && !"round".equals(mode)) {
            throw c.unsupported("wide_number_mode '" + mode + "'", "BigQuery accepts only 'exact' or 'round' (lower case)");
        }
        return mode;
    }

    /**
     * FLOAT64(json[, wide_number_mode => 'exact' | 'round']): a JSON number as FLOAT64. With 'exact', an
     * integer that a FLOAT64 cannot hold exactly is an error; 'round' (the default) rounds it.
     */
    private static void float64(CallContext c) {
        int n = c.args().size();
        String mode = n == 2 ? wideNumberMode(c, c.args().get(1)) : "round";
        if (n == 2 && mode == null) throw c.unsupported("a second argument other than wide_number_mode => ...", "write wide_number_mode => 'exact' or 'round'");
        if (n != 1 && n != 2) throw c.unsupported(n + " arguments", "pass a JSON value and optionally wide_number_mode => 'exact' or 'round'");
        Failure fail = failure(c);
        boolean exact = mode.equals("exact");
        onFirst(c, j -> {
            String d = "CAST(" + j + " AS DOUBLE)";
            String integer = exact
                    ? "CASE WHEN TRY_CAST(" + d + " AS HUGEINT) = CAST(" + j + " AS HUGEINT) THEN " + d + " ELSE "
                            + fail.with("'The provided JSON number: ' || CAST(" + j + " AS VARCHAR) || ' cannot be converted to a double without loss of precision'") + " END"
                    : d;
            return "CASE WHEN " + j + " IS NULL THEN NULL ELSE CASE json_type(" + j + ") WHEN 'DOUBLE' THEN " + d
                    + " WHEN 'BIGINT' THEN " + integer + " WHEN 'UBIGINT' THEN " + integer + " ELSE "
                    + fail.with(quoted("The provided JSON input is not a number")) + " END END";
        });
    }

    /**
     * Prints {@code body} over the first argument, evaluated once; the named arguments after it are
     * options read at translation time, not values to print.
     */
    static void onFirst(CallContext c, java.util.function.Function<String, String> body) {
        if (c.args().size() == 1) {
            c.once(a -> body.apply(a.get(0)));
            return;
        }
        c.text("list_transform([").arg(0).text("], porygon_j -> ").text(body.apply("porygon_j")).text(")[1]");
    }

    /** LAX_BOOL: a boolean; 'true'/'false' in any case; a number is FALSE when it is 0. */
    private static String laxBool(String j) {
        return "CASE json_type(" + j + ") WHEN 'BOOLEAN' THEN CAST(" + j + " AS BOOLEAN)"
                + " WHEN 'VARCHAR' THEN CASE lower(json_extract_string(" + j + ", '$')) WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE END"
                + " WHEN 'BIGINT' THEN CAST(" + j + " AS DOUBLE) <> 0 WHEN 'UBIGINT' THEN CAST(" + j + " AS DOUBLE) <> 0"
                + " WHEN 'DOUBLE' THEN CAST(" + j + " AS DOUBLE) <> 0 END";
    }

    /** A number as BigQuery parses a numeric string: optional sign, digits with an optional point, optional exponent. */
    private static final String NUMBER_TEXT = "'^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$'";

    private static String text(String j) {
        return "json_extract_string(" + j + ", '$')";
    }

    /**
     * LAX_INT64: true/false are 1/0; a number, or a string holding one, is rounded half away from zero,
     * NULL outside INT64. A string goes through DECIMAL(38,19) (BigQuery: BIGNUMERIC), which holds
     * every INT64.
     */
    private static String laxInt64(String j) {
        String d = "CAST(" + j + " AS DOUBLE)";
        String s = text(j);
        return "CASE json_type(" + j + ") WHEN 'BOOLEAN' THEN CASE WHEN CAST(" + j + " AS BOOLEAN) THEN 1 ELSE 0 END"
                + " WHEN 'BIGINT' THEN CAST(" + j + " AS BIGINT) WHEN 'UBIGINT' THEN TRY_CAST(" + j + " AS BIGINT)"
                + " WHEN 'DOUBLE' THEN CASE WHEN isfinite(" + d + ") THEN TRY_CAST(round(" + d + ") AS BIGINT) END"
                + " WHEN 'VARCHAR' THEN CASE WHEN regexp_matches(" + s + ", " + NUMBER_TEXT + ") THEN TRY_CAST(round(TRY_CAST(" + s
                + " AS DECIMAL(38,19))) AS BIGINT) END END";
    }

    /** 2^255 / 10^38: BIGNUMERIC's largest magnitude, which a numeric string must stay under. */
    private static final String BIGNUMERIC_LIMIT = "5.7896044618658097711785492504343953926634992332820282019728792003956564819968e38";

    /**
     * LAX_FLOAT64: a number as FLOAT64 (rounded); a string holding a number within BIGNUMERIC, or
     * NaN / Inf / Infinity with an optional sign in any case; booleans and other types are NULL.
     */
    private static String laxFloat64(String j) {
        String s = text(j);
        String d = "TRY_CAST(" + s + " AS DOUBLE)";
        return "CASE json_type(" + j + ") WHEN 'DOUBLE' THEN CAST(" + j + " AS DOUBLE) WHEN 'BIGINT' THEN CAST(" + j + " AS DOUBLE)"
                + " WHEN 'UBIGINT' THEN CAST(" + j + " AS DOUBLE)"
                + " WHEN 'VARCHAR' THEN CASE WHEN regexp_matches(" + s + ", '^[+-]?(nan|inf|infinity)$', 'i') THEN " + d
                + " WHEN regexp_matches(" + s + ", " + NUMBER_TEXT + ") AND abs(" + d + ") < " + BIGNUMERIC_LIMIT
                // BIGNUMERIC keeps 38 decimal places: a smaller magnitude parses as 0
                + " THEN CASE WHEN abs(" + d + ") < 5e-39 THEN 0.0 ELSE " + d + " END END END";
    }

    /** LAX_STRING: a string's text; true/false; a number as BigQuery prints it (10.0 is 10, 1e100 is 1e+100). */
    private static String laxString(String j) {
        return "CASE json_type(" + j + ") WHEN 'VARCHAR' THEN " + text(j) + " WHEN 'BOOLEAN' THEN CAST(CAST(" + j + " AS BOOLEAN) AS VARCHAR)"
                + " WHEN 'BIGINT' THEN CAST(CAST(" + j + " AS BIGINT) AS VARCHAR) WHEN 'UBIGINT' THEN CAST(CAST(" + j + " AS UBIGINT) AS VARCHAR)"
                + " WHEN 'DOUBLE' THEN " + shortestDouble("CAST(" + j + " AS DOUBLE)") + " END";
    }

    /** A finite FLOAT64 with the fewest significant digits (15 to 17) that read back the same, in C's %g form. */
    static String shortestDouble(String d) {
        StringBuilder sb = new StringBuilder("CASE");
        for (int digits = 15; digits < 17; digits++) {
            String p = "printf('%." + digits + "g', " + d + ")";
            sb.append(" WHEN CAST(").append(p).append(" AS DOUBLE) = ").append(d).append(" THEN ").append(p);
        }
        return sb.append(" ELSE printf('%.17g', ").append(d).append(") END").toString();
    }
}
