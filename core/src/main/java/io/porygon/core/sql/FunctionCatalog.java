package io.porygon.core.sql;

import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.statement.create.table.ColDataType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The explicit list of GoogleSQL functions Porygon translates to DuckDB, and how. A function that
 * is not listed is an error, never a pass-through: a same-named DuckDB function may mean something
 * else (DuckDB's LOG is base 10, its GREATEST skips NULLs, its CONCAT ignores NULL arguments...).
 *
 * <p>Three kinds of entries: <b>renames</b> keep the call's shape (DISTINCT, ORDER BY, OVER)
 * and change the name; <b>templates</b> rewrite a call of a given arity into a DuckDB expression;
 * <b>specials</b> are Java code for calls that depend on literal arguments or need several steps.
 */
final class FunctionCatalog {

    private final Map<String, String> renames = new HashMap<>();
    private final Map<String, SqlTemplate> templates = new HashMap<>();
    private final Map<String, CallRenderer> specials = new HashMap<>();

    static final FunctionCatalog DEFAULT = new FunctionCatalog();

    private FunctionCatalog() {
        aggregatesAndWindows();
        conditionals();
        math();
        strings();
        arrays();
        misc();
        DateTimeFunctions.register(specials);
        BucketFunctions.register(specials);
        IntervalFunctions.register(specials);
        // a typed struct constructor's values, in order (the lexer casts the row to the struct type)
        specials.put(GoogleSqlLexer.ROW_FN, c -> {
            c.text("row(");
            for (int i = 0; i < c.args().size(); i++) {
                if (i > 0) c.text(", ");
                c.arg(i);
            }
            c.text(")");
        });
        // items[OFFSET(0)].*: DuckDB's unnest of a struct in the select list gives its fields as columns, named as they are
        specials.put(GoogleSqlLexer.STRUCT_STAR_FN, c -> c.text("unnest(").arg(0).text(")"));
        ApproximateAggregates.register(specials);
        JsonFunctions.register(specials);
    }

    String rename(String upperName) {
        return renames.get(upperName);
    }

    SqlTemplate template(String upperName, int arity) {
        SqlTemplate t = templates.get(upperName + "/" + arity);
        if (t == null) t = templates.get(upperName);
        return t != null && t.minimumArguments() <= arity ? t : null;
    }

    CallRenderer special(String upperName) {
        return specials.get(upperName);
    }

    /** Whether the catalog knows the name at all (for error messages that say "wrong arity"). */
    boolean knows(String upperName) {
        if (renames.containsKey(upperName) || specials.containsKey(upperName) || templates.containsKey(upperName)) return true;
        for (String k : templates.keySet()) if (k.startsWith(upperName + "/")) return true;
        return false;
    }

    private void same(String... names) {
        for (String n : names) renames.put(n, n.toLowerCase(Locale.ROOT));
    }

    private void rename(String bigQuery, String duckDb) {
        renames.put(bigQuery, duckDb);
    }

    private void template(String key, String template) {
        templates.put(key, SqlTemplate.parse(template));
    }

    private void aggregatesAndWindows() {
        same("SUM", "AVG", "MIN", "MAX", "COUNT", "STDDEV_SAMP", "STDDEV_POP", "VAR_SAMP", "VAR_POP", "CORR",
                "COVAR_POP", "COVAR_SAMP", "BIT_AND", "BIT_OR", "BIT_XOR", "ANY_VALUE",
                "ROW_NUMBER", "RANK", "DENSE_RANK", "PERCENT_RANK", "CUME_DIST", "NTILE", "LAG", "LEAD",
                "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE");
        // GROUP BY ROLLUP (a, b) and CUBE (a, b) parse as calls; DuckDB groups the same way
        template("ROLLUP", "ROLLUP({*})");
        template("CUBE", "CUBE({*})");
        template("GROUPING/1", "GROUPING({0})");
        // the rename serves CORR(...) OVER (...); a plain call is the special, NULL for fewer than two pairs
        specials.put("CORR", FunctionCatalog::corr);
        rename("STDDEV", "stddev_samp");
        rename("VARIANCE", "var_samp");
        // the deparser wraps COUNTIF's argument in NULLIF(x, FALSE) (see DuckDbExpressionDeParser)
        rename("COUNTIF", "count");
        rename("LOGICAL_AND", "bool_and");
        rename("LOGICAL_OR", "bool_or");
        // MAX_BY(x, y) is ANY_VALUE(x HAVING MAX y): NULL when x is NULL on the row with the largest y;
        // DuckDB's arg_max skips rows whose x is NULL, arg_max_null does not
        rename("MAX_BY", "arg_max_null");
        rename("MIN_BY", "arg_min_null");
        rename("PERCENTILE_CONT", "quantile_cont");
        rename("PERCENTILE_DISC", "quantile_disc");
        // exact distinct count: within the approximation BigQuery allows, and deterministic
        template("APPROX_COUNT_DISTINCT/1", "count(DISTINCT {0})");
        specials.put("ARRAY_AGG", c -> { throw new IllegalStateException("ARRAY_AGG is printed by the deparser"); });
        specials.put("STRING_AGG", c -> { throw new IllegalStateException("STRING_AGG is printed by the deparser"); });
    }

    private void conditionals() {
        template("IF/3", "CASE WHEN {0} THEN {1} ELSE {2} END");
        template("IFNULL/2", "COALESCE({0}, {1})");
        template("NULLIF/2", "NULLIF({0}, {1})");
        template("COALESCE", "COALESCE({*})");
        template("ZEROIFNULL/1", "COALESCE({0}, 0)");
        template("NULLIFZERO/1", "NULLIF({0}, 0)");
    }

    private void math() {
        same("ABS", "SQRT", "CEIL", "FLOOR", "ATAN", "ATAN2", "TANH", "ASINH", "CBRT");
        // a literal such as -1 is a 32-bit INTEGER in DuckDB; every BigQuery integer is INT64
        // PARSE_NUMERIC's text: spaces around the sign and the number, one sign before or after it, commas in the integer part,
        // an exponent; DuckDB's DECIMAL cast reads the rest (and rounds half away from zero to nine decimals, as BigQuery does)
        String number = "'^\\s*([+-]?)\\s*([0-9,]*[0-9][0-9,]*)?(\\.[0-9]*)?([eE][+-]?[0-9]+)?\\s*([+-]?)\\s*$'";
        template("PARSE_NUMERIC/1", "CASE WHEN NOT regexp_full_match({0}, " + number + ") OR (regexp_extract({0}, " + number + ", 1) <> ''"
                + " AND regexp_extract({0}, " + number + ", 5) <> '') OR NOT regexp_matches(regexp_extract({0}, " + number + ", 2)"
                + " || regexp_extract({0}, " + number + ", 3), '[0-9]') THEN error('Invalid NUMERIC value: PARSE_NUMERIC takes digits, commas before the point, one sign and an exponent')"
                + " ELSE CAST(CASE WHEN regexp_extract({0}, " + number + ", 1) || regexp_extract({0}, " + number + ", 5) = '-' THEN '-' ELSE '' END"
                + " || replace(regexp_extract({0}, " + number + ", 2), ',', '') || regexp_extract({0}, " + number + ", 3)"
                + " || regexp_extract({0}, " + number + ", 4) AS DECIMAL(38, 9)) END");
        // BYTES count the bits of every byte (DuckDB's BIT string of the BLOB; an empty BLOB has none); BigQuery has no
        // BIT_COUNT of another type, where DuckDB's cast would count the bits of a number read from a STRING or FLOAT64
        template("BIT_COUNT/1", "CASE WHEN typeof({0}) = 'BLOB' THEN CASE WHEN octet_length(TRY_CAST({0} AS BLOB)) = 0 THEN 0"
                + " ELSE bit_count(CAST(TRY_CAST({0} AS BLOB) AS BIT)) END"
                + " WHEN typeof({0}) NOT IN ('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'NULL')"
                + " THEN error('No matching signature for function BIT_COUNT: it takes INT64 or BYTES')"
                + " ELSE bit_count(TRY_CAST({0} AS BIGINT)) END");
        // BigQuery gives NaN for infinite inputs where DuckDB raises an out-of-range error
        for (String fn : new String[] {"COS", "SIN", "TAN", "COT", "ACOS", "ASIN"}) {
            template(fn + "/1", "CASE WHEN isinf(CAST({0} AS DOUBLE)) THEN CAST('NaN' AS DOUBLE) ELSE "
                    + fn.toLowerCase(Locale.ROOT) + "({0}) END");
        }
        // a finite argument whose result overflows is an error in BigQuery; DuckDB gives +/-inf
        // (709.78... is ln of the largest FLOAT64, 710.47... the same for cosh and sinh)
        template("EXP/1", "CASE WHEN {0} > 709.782712893384 AND isfinite(CAST({0} AS DOUBLE)) THEN error('EXP: the result overflows') "
                + "ELSE exp({0}) END");
        template("COSH/1", "CASE WHEN abs({0}) > 710.4758600739439 AND isfinite(CAST({0} AS DOUBLE)) THEN error('COSH: the result overflows') "
                + "ELSE cosh({0}) END");
        template("SINH/1", "CASE WHEN abs({0}) > 710.4758600739439 AND isfinite(CAST({0} AS DOUBLE)) THEN error('SINH: the result overflows') "
                + "ELSE sinh({0}) END");
        // BigQuery raises an error where DuckDB gives +/-inf (ATANH(1)) or NaN (ACOSH(0))
        template("ATANH/1", "CASE WHEN isinf(CAST({0} AS DOUBLE)) THEN CAST('NaN' AS DOUBLE) "
                + "WHEN abs({0}) >= 1 AND NOT isnan(CAST({0} AS DOUBLE)) THEN error('ATANH: the absolute value of the argument must be less than 1') ELSE atanh({0}) END");
        template("ACOSH/1", "CASE WHEN {0} < 1 AND NOT isinf(CAST({0} AS DOUBLE)) THEN error('ACOSH: the argument must not be less than 1') "
                + "ELSE acosh({0}) END");
        template("SIGN/1", "CASE WHEN isnan(CAST({0} AS DOUBLE)) THEN CAST('NaN' AS DOUBLE) ELSE sign({0}) END");
        template("LN/1", "CASE WHEN CAST({0} AS DOUBLE) = CAST('-inf' AS DOUBLE) THEN CAST('NaN' AS DOUBLE) ELSE ln({0}) END");
        template("LOG10/1", "CASE WHEN CAST({0} AS DOUBLE) = CAST('-inf' AS DOUBLE) THEN CAST('NaN' AS DOUBLE) ELSE log10({0}) END");
        rename("CEILING", "ceil");
        // BigQuery raises an error for 0 to a negative power and a negative base to a fractional
        // power; DuckDB gives inf and NaN
        for (String fn : List.of("POW", "POWER")) {
            template(fn + "/2", "CASE WHEN {0} = 0 AND {1} < 0 AND NOT isinf(CAST({1} AS DOUBLE)) THEN error('" + fn
                    + ": zero cannot be raised to a negative power') WHEN {0} < 0 AND NOT isinf(CAST({0} AS DOUBLE)) "
                    + "AND CAST({1} AS DOUBLE) <> trunc(CAST({1} AS DOUBLE)) THEN error('" + fn
                    + ": a negative number cannot be raised to a fractional power') ELSE power({0}, {1}) END");
            template("SAFE." + fn + "/2", "CASE WHEN ({0} = 0 AND {1} < 0 AND NOT isinf(CAST({1} AS DOUBLE))) OR ({0} < 0 "
                    + "AND NOT isinf(CAST({0} AS DOUBLE)) AND CAST({1} AS DOUBLE) <> trunc(CAST({1} AS DOUBLE))) THEN NULL ELSE power({0}, {1}) END");
        }
        rename("IS_INF", "isinf");
        rename("IS_NAN", "isnan");
        template("RAND/0", "random()");
        template("PI/0", "pi()");
        // BigQuery's LOG is the natural log (DuckDB's is base 10)
        template("LOG/1", "CASE WHEN CAST({0} AS DOUBLE) = CAST('-inf' AS DOUBLE) THEN CAST('NaN' AS DOUBLE) ELSE ln({0}) END");
        // base 1 is an error in BigQuery; DuckDB's ln(x) / ln(1) is inf
        template("LOG/2", "CASE WHEN CAST({0} AS DOUBLE) = CAST('-inf' AS DOUBLE) OR CAST({1} AS DOUBLE) = CAST('inf' AS DOUBLE) "
                + "THEN CAST('NaN' AS DOUBLE) WHEN {1} = 1 AND NOT isnan(CAST({0} AS DOUBLE)) THEN error('LOG: the base must not be 1') ELSE ln({0}) / ln({1}) END");
        template("ROUND/1", "round({0})");
        template("ROUND/2", "round({0}, {1})");
        template("TRUNC/1", "trunc({0})");
        template("TRUNC/2", "trunc({0}, {1})");
        // BigQuery raises "division by zero"; DuckDB would give NULL
        // DuckDB's // of NUMERIC (DECIMAL) is a fractional DOUBLE (DIV(7, 2) of NUMERIC gave 3.5): trunc
        // keeps BigQuery's integral quotient, and is a no-op on INT64
        specials.put("DIV", c -> {
            c.text("trunc(");
            c.divide("//");
            c.text(")");
        });
        specials.put("MOD", c -> c.divide("%"));
        // DIV and MOD of the smallest INT64 by -1 overflow, BigQuery's error too: NULL under SAFE.
        template("SAFE.DIV/2", "CASE WHEN {1} = 0 THEN NULL ELSE TRY(trunc({0} // {1})) END");
        template("SAFE.MOD/2", "CASE WHEN {1} = 0 THEN NULL ELSE TRY({0} % {1}) END");
        template("SAFE_DIVIDE/2", "CASE WHEN {1} = 0 THEN NULL ELSE {0} / {1} END");
        template("SAFE_MULTIPLY/2", "TRY({0} * {1})");
        template("SAFE_ADD/2", "TRY({0} + {1})");
        template("SAFE_SUBTRACT/2", "TRY({0} - {1})");
        template("SAFE_NEGATE/1", "TRY(-({0}))");
        template("IEEE_DIVIDE/2", "(CAST({0} AS DOUBLE) / CAST({1} AS DOUBLE))");
        // a NULL or NaN point gives NULL; an array with a NULL or NaN element, or not in ascending order, is
        // an error in BigQuery, where DuckDB skipped NULLs and counted an unsorted array (NaN: DuckDB orders
        // it above every number; typeof is folded at bind time, and TRY_CAST binds for any type)
        template("RANGE_BUCKET/2", "CASE WHEN {0} IS NULL OR {1} IS NULL "
                + "OR (typeof({0}) IN ('DOUBLE', 'FLOAT') AND isnan(TRY_CAST({0} AS DOUBLE))) THEN NULL "
                + "WHEN len(list_filter({1}, porygon_e -> porygon_e IS NULL OR (typeof(porygon_e) IN ('DOUBLE', 'FLOAT') "
                + "AND isnan(TRY_CAST(porygon_e AS DOUBLE))))) > 0 THEN error('RANGE_BUCKET: the array has a NULL or NaN element') "
                + "WHEN list_sort({1}) <> {1} THEN error('RANGE_BUCKET: the array is not sorted in ascending order') "
                + "ELSE len(list_filter({1}, porygon_e -> porygon_e <= {0})) END");
        specials.put("GREATEST", c -> nullIfAnyNull(c, "greatest"));
        specials.put("LEAST", c -> nullIfAnyNull(c, "least"));
    }

    /** LENGTH and friends: octet_length of BYTES, {@code ofString} of a STRING. */
    private static void byType(CallContext c, String ofString) {
        if (c.args().size() != 1) throw c.unsupported(c.args().size() + " arguments", "pass one STRING or BYTES value");
        c.once(a -> "CASE WHEN typeof(" + a.get(0) + ") = 'BLOB' THEN octet_length(TRY_CAST(" + a.get(0) + " AS BLOB)) ELSE "
                + ofString + "(TRY_CAST(" + a.get(0) + " AS VARCHAR)) END");
    }

    /**
     * BigQuery's GREATEST/LEAST return NULL when any argument is NULL, DuckDB's skip NULLs; and
     * BigQuery's LEAST is NaN when an argument is NaN, where DuckDB (which orders NaN above every
     * number) gives the smallest number: then greatest() holds the NaN. typeof is folded at bind time,
     * so other types pay nothing, and TRY_CAST binds for any type. Arguments evaluated once.
     */
    private static void nullIfAnyNull(CallContext c, String duckDb) {
        c.once(a -> {
            String list = String.join(", ", a);
            String nan = "";
            if (duckDb.equals("least")) {
                String greatest = "greatest(" + list + ")";
                nan = " WHEN typeof(" + greatest + ") IN ('DOUBLE', 'FLOAT') AND isnan(TRY_CAST(" + greatest + " AS DOUBLE)) THEN " + greatest;
            }
            return "CASE WHEN " + String.join(" OR ", a.stream().map(x -> x + " IS NULL").toList()) + " THEN NULL" + nan + " ELSE "
                    + duckDb + "(" + list + ") END";
        });
    }

    /**
     * CORR of fewer than two non-NULL pairs is NULL in BigQuery, NaN in DuckDB for one pair. The
     * arguments are printed twice in place: they are per-row expressions inside an aggregate, which
     * cannot be bound once outside it (a volatile argument would be drawn twice).
     */
    private static void corr(CallContext c) {
        if (c.args().size() != 2 || c.function().isDistinct()) throw c.unsupported("arguments other than two numbers", "pass two FLOAT64 values");
        c.text("CASE WHEN regr_count(").arg(0).text(", ").arg(1).text(") < 2 THEN NULL ELSE corr(").arg(0).text(", ").arg(1).text(") END");
    }

    /**
     * The characters with Unicode's White_Space property (TRIM's default set), as an RE2 class. DuckDB's trim() with a
     * set of characters takes ten times as long as a regular expression on long text: the set is read again per row.
     */
    static final String UNICODE_WHITESPACE = "[\\t\\n\\x0b\\f\\r \\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}"
            + "\\x{202f}\\x{205f}\\x{3000}]+";

    /** LTRIM or RTRIM: with one argument, the Unicode whitespace that {@code anchoredPattern} finds removed. */
    private static void trim(CallContext c, String duckDbFunction, String anchoredPattern) {
        if (c.args().size() == 1) {
            c.text("regexp_replace(").arg(0).text(", '" + anchoredPattern + "', '', 'g')");
        } else {
            c.text(duckDbFunction + "(").arg(0).text(", ").arg(1).text(")");
        }
    }

    private void strings() {
        // INITCAP: a letter after a delimiter (or first) upper-cased, other letters lower-cased, delimiters kept
        template("INITCAP/1", initcap("(' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || '[](){}/|\\<>!?@\"^#$&~_,.:;*%+-')"));
        template("INITCAP/2", initcap("{1}"));
        // BigQuery upper-cases with ICU's full mapping, where ß becomes SS; DuckDB's upper gives the capital ẞ
        template("UPPER/1", "upper(replace({0}, 'ß', 'ss'))");
        same("LOWER", "REPLACE", "ASCII",
                "STARTS_WITH", "ENDS_WITH", "STRPOS", "INSTR", "TO_BASE64", "FROM_BASE64", "TRIM");
        // without a set of characters BigQuery trims Unicode whitespace; DuckDB's trim leaves tabs and line breaks
        specials.put("LTRIM", c -> trim(c, "ltrim", "^" + UNICODE_WHITESPACE));
        specials.put("RTRIM", c -> trim(c, "rtrim", UNICODE_WHITESPACE + "$"));
        instrWithPosition();
        // a negative length is an error in BigQuery (a NULL value gives NULL first); DuckDB's left/right
        // count it from the other end
        template("LEFT/2", "CASE WHEN {1} < 0 AND {0} IS NOT NULL THEN error('LEFT: length must not be negative') ELSE left({0}, {1}) END");
        template("RIGHT/2", "CASE WHEN {1} < 0 AND {0} IS NOT NULL THEN error('RIGHT: length must not be negative') ELSE right({0}, {1}) END");
        // DuckDB repeats a negative number of times into ''
        template("REPEAT/2", "CASE WHEN {1} < 0 AND {0} IS NOT NULL THEN error('REPEAT: repetitions must not be negative') ELSE repeat({0}, {1}) END");
        // CHR(0) is '' and UNICODE('') is 0 in BigQuery; DuckDB gives a NUL character and -1
        template("CHR/1", "CASE WHEN {0} = 0 THEN '' ELSE chr(CAST({0} AS INTEGER)) END");
        template("UNICODE/1", "CASE WHEN {0} = '' THEN 0 ELSE unicode({0}) END");
        rename("CHAR_LENGTH", "length");
        rename("CHARACTER_LENGTH", "length");
        // STRING or BYTES: DuckDB picks the branch by the argument's type (typeof is folded at bind time).
        // TRY_CAST in the branches: the branch not taken is still folded for a constant, and CAST('España'
        // AS BLOB) would raise there
        specials.put("LENGTH", c -> byType(c, "length"));
        specials.put("BYTE_LENGTH", c -> byType(c, "strlen"));
        specials.put("OCTET_LENGTH", c -> byType(c, "strlen"));
        // BigQuery's CONCAT is NULL when any argument is; DuckDB's || behaves the same, concat() does not
        specials.put("CONCAT", FunctionCatalog::concat);
        // position 0 means 1; a negative position counts from the end, clamped to the start
        template("SUBSTR/2", "substr({0}, CASE WHEN {1} = 0 THEN 1 WHEN {1} < 0 THEN greatest(length({0}) + {1} + 1, 1) ELSE {1} END)");
        template("SUBSTR/3", "CASE WHEN {2} < 0 THEN error('SUBSTR: negative length') ELSE substr({0}, CASE WHEN {1} = 0 THEN 1 "
                + "WHEN {1} < 0 THEN greatest(length({0}) + {1} + 1, 1) ELSE {1} END, {2}) END");
        templates.put("SUBSTRING/2", templates.get("SUBSTR/2"));
        templates.put("SUBSTRING/3", templates.get("SUBSTR/3"));
        // a negative length or an empty pattern is an error in BigQuery (NULL arguments give NULL first);
        // DuckDB gives '' for the one and pads or truncates with the other
        for (String pad : List.of("LPAD", "RPAD")) {
            String fn = pad.toLowerCase(Locale.ROOT);
            template(pad + "/2", "CASE WHEN {1} < 0 AND {0} IS NOT NULL THEN error('" + pad + ": return_length must not be negative') "
                    + "ELSE " + fn + "({0}, CAST({1} AS INTEGER), ' ') END");
            template(pad + "/3", "CASE WHEN {0} IS NULL OR {1} IS NULL OR {2} IS NULL THEN NULL WHEN {1} < 0 THEN error('" + pad
                    + ": return_length must not be negative') WHEN {2} = '' THEN error('" + pad + ": pattern must not be empty') "
                    + "ELSE " + fn + "({0}, CAST({1} AS INTEGER), {2}) END");
        }
        template("SPLIT/1", "string_split({0}, ',')");
        // DuckDB's string_split ignores a NULL delimiter; BigQuery's SPLIT gives NULL
        template("SPLIT/2", "CASE WHEN {1} IS NULL THEN NULL ELSE string_split({0}, {1}) END");
        template("REGEXP_CONTAINS/2", "regexp_matches({0}, {1})");
        template("REGEXP_REPLACE/3", "regexp_replace({0}, {1}, {2}, 'g')");
        specials.put("REGEXP_EXTRACT", FunctionCatalog::regexpExtract);
        specials.put("REGEXP_SUBSTR", FunctionCatalog::regexpExtract);
        specials.put("REGEXP_EXTRACT_ALL", FunctionCatalog::regexpExtractAll);
        specials.put("FORMAT", FunctionCatalog::format);
        template("TO_HEX/1", "lower(hex({0}))");
        template("FROM_HEX/1", "unhex({0})");
        template("MD5/1", "unhex(md5({0}))");
        template("SHA256/1", "unhex(sha256({0}))");
        template("SHA1/1", "unhex(sha1({0}))");
        BytesFunctions.register(this::template);
        // a character listed twice in source_characters is an error in BigQuery; DuckDB's translate takes the first mapping
        template("TRANSLATE/3", "CASE WHEN {0} IS NULL OR {1} IS NULL OR {2} IS NULL THEN NULL "
                + "WHEN length({1}) > 0 AND len(list_distinct(string_split({1}, ''))) <> length({1}) "
                + "THEN error('TRANSLATE: a character appears more than once in source_characters') ELSE translate({0}, {1}, {2}) END");
        // DuckDB's levenshtein counts bytes where BigQuery counts characters: the same for ASCII, other text is an error
        template("EDIT_DISTANCE/2", "CASE WHEN {0} IS NULL OR {1} IS NULL THEN NULL WHEN NOT regexp_full_match({0} || {1}, '[\\x00-\\x7F]*') "
                + "THEN error('EDIT_DISTANCE: Porygon compares ASCII text only (DuckDB counts bytes, BigQuery characters)') ELSE levenshtein({0}, {1}) END");
        // BigQuery compares NFKC-normalized, case-folded text; for ASCII that is lower(), and DuckDB has
        // no case folding, so other text is an error rather than a different answer. Only STRING is
        // searched (BigQuery also searches structs, arrays and JSON field by field)
        template("CONTAINS_SUBSTR/2", "CASE WHEN {0} IS NULL OR {1} IS NULL THEN NULL WHEN typeof({0}) <> 'VARCHAR' "
                + "THEN error('CONTAINS_SUBSTR: Porygon searches STRING values only; search each field of a STRUCT, ARRAY or JSON value') "
                + "WHEN NOT regexp_full_match(TRY_CAST({0} AS VARCHAR) || {1}, '[\\x00-\\x7F]*') "
                + "THEN error('CONTAINS_SUBSTR: Porygon compares ASCII text only (DuckDB has no Unicode case folding)') "
                + "ELSE contains(lower(TRY_CAST({0} AS VARCHAR)), lower({1})) END");
        // NFC is DuckDB's nfc_normalize; it has no NFD, NFKC or NFKD
        specials.put("NORMALIZE", FunctionCatalog::normalize);
        // a NULL code point makes the result NULL and code point 0 adds nothing, as in BigQuery;
        // DuckDB's array_to_string would skip the NULL and give NULL for []
        template("CODE_POINTS_TO_STRING/1", "CASE WHEN {0} IS NULL OR len(list_filter({0}, porygon_c -> porygon_c IS NULL)) > 0 THEN NULL "
                + "ELSE coalesce(array_to_string(list_transform({0}, porygon_c -> CASE WHEN porygon_c = 0 THEN '' ELSE chr(CAST(porygon_c AS INTEGER)) END), ''), '') END");
        // under SAFE. the error cases give NULL (DuckDB's TRY cannot wrap error())
        template("SAFE.SUBSTR/3", "CASE WHEN {2} < 0 THEN NULL ELSE substr({0}, CASE WHEN {1} = 0 THEN 1 "
                + "WHEN {1} < 0 THEN greatest(length({0}) + {1} + 1, 1) ELSE {1} END, {2}) END");
    }

    /**
     * INSTR(value, search, position[, occurrence]): the 1-based start of the occurrence-th match
     * (overlapping ones count), searching forward from a positive position and backward from a
     * negative one (-1 is the last character); 0 when there is none. DuckDB's instr takes two
     * arguments: the usual first match searching forward is instr of the rest of the string; other
     * searches list the candidate starts and filter them (a list per row: much slower).
     */
    private void instrWithPosition() {
        String body = "CASE WHEN {0} IS NULL OR {1} IS NULL OR {2} IS NULL OR {3} IS NULL THEN NULL "
                + "WHEN {2} = 0 THEN error('INSTR: position must not be 0') "
                + "WHEN {3} <= 0 THEN error('INSTR: occurrence must be positive') "
                + "WHEN {2} > 0 AND {3} = 1 THEN coalesce(nullif(instr(substr({0}, {2}), {1}), 0) + {2} - 1, 0) "
                + "ELSE coalesce(list_filter(CASE WHEN {2} > 0 THEN generate_series({2}, length({0}) - length({1}) + 1) "
                + "ELSE generate_series(least(length({0}) + {2} + 1, length({0}) - length({1}) + 1), 1, -1) END, "
                + "porygon_i -> substr({0}, porygon_i, length({1})) = {1})[{3}], 0) END";
        template("INSTR/4", body);
        template("INSTR/3", body.replace("{3}", "1"));
    }

    private static void normalize(CallContext c) {
        int n = c.args().size();
        if (n == 2 && !c.args().get(1).toString().equalsIgnoreCase("NFC")) {
            throw c.unsupported("the normalization mode " + c.args().get(1), "DuckDB normalizes to NFC only; normalize the text before loading it, or use NFC");
        }
        if (n != 1 && n != 2) throw c.unsupported(n + " arguments", "pass a STRING and optionally NFC");
        c.text("nfc_normalize(").arg(0).text(")");
    }

    /**
     * CONCAT as {@code ||}. DuckDB folds {@code x || NULL} (a NULL constant, typed or not) to an untyped NULL, which a
     * table stores as an INTEGER column: with a NULL constant among the arguments the result is cast back to the
     * type BigQuery gives it, STRING (BYTES when an argument is cast to BYTES).
     */
    private static void concat(CallContext c) {
        boolean nullConstant = false;
        boolean bytes = false;
        for (Expression arg : c.args()) {
            nullConstant |= arg instanceof NullValue || arg instanceof CastExpression cast && cast.getLeftExpression() instanceof NullValue;
            bytes |= arg instanceof CastExpression cast && cast.getColDataType() != null
                    && cast.getColDataType().getDataType().toUpperCase(Locale.ROOT).matches("BYTES|BLOB");
        }
        if (!nullConstant) {
            concatenated(c);
            return;
        }
        c.text("CAST(");
        concatenated(c);
        c.text(bytes ? " AS BLOB)" : " AS VARCHAR)");
    }

    /**
     * The arguments joined by {@code ||}. BigQuery's CONCAT takes any type it can cast to STRING
     * ({@code CONCAT('Summer ', 1923)}); a number or BOOL literal is printed as its CAST to STRING, which writes a
     * FLOAT64 as BigQuery does (1.0 is '1', where DuckDB's || would write '1.0').
     */
    private static void concatenated(CallContext c) {
        c.text("(");
        for (int i = 0; i < c.args().size(); i++) {
            if (i > 0) c.text(" || ");
            Expression arg = c.args().get(i);
            if (arg instanceof LongValue || arg instanceof DoubleValue || arg instanceof BooleanValue) {
                c.expr(castToString(arg));
            } else {
                c.arg(i);
            }
        }
        c.text(")");
    }

    private static CastExpression castToString(Expression value) {
        CastExpression cast = new CastExpression();
        cast.setLeftExpression(value);
        ColDataType string = new ColDataType();
        string.setDataType("STRING");
        cast.setColDataType(string);
        return cast;
    }

    private static void joinWith(CallContext c, String operator) {
        c.text("(");
        for (int i = 0; i < c.args().size(); i++) {
            if (i > 0) c.text(operator);
            c.arg(i);
        }
        c.text(")");
    }

    /** Capturing groups in a literal RE2 pattern; BigQuery returns group 1 when there is one. */
    static int capturingGroups(String pattern) {
        int groups = 0;
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch == '\\') { i++; continue; }
            if (inClass) { if (ch == ']') inClass = false; continue; }
            if (ch == '[') inClass = true;
            else if (ch == '(' && (i + 1 >= pattern.length() || pattern.charAt(i + 1) != '?')) groups++;
            else if (ch == '(' && pattern.startsWith("(?P<", i)) groups++;
        }
        return groups;
    }

    private static int group(CallContext c) {
        Expression p = c.args().get(1);
        if (!(p instanceof StringValue s)) {
            throw c.unsupported("a pattern that is not a string literal", "write the regular expression as a literal");
        }
        int groups = capturingGroups(s.getValue().replace("''", "'"));
        if (groups > 1) throw c.unsupported("a pattern with more than one capturing group", "BigQuery rejects it too; keep one group");
        return groups;
    }

    private static void regexpExtract(CallContext c) {
        if (c.args().size() != 2) throw c.unsupported("position/occurrence arguments", "pass only the value and the pattern");
        int g = group(c);
        // BigQuery gives NULL when nothing matches or the group takes no part in the match; DuckDB's
        // regexp_extract gives '' for both, while the first of regexp_extract_all is NULL for both
        c.text("regexp_extract_all(").arg(0).text(", ").arg(1).text(", " + g + ")[1]");
    }

    /** An inline flag group that sets m ((?m), (?im)); groups 1 and 2 hold its other flags. */
    private static final Pattern MULTI_LINE_FLAG = Pattern.compile("\\(\\?([A-Za-z]*?)m([A-Za-z]*)\\)");
    /** The multi-line flag set anywhere: in a flag group or a group's flags ((?m:...)). */
    private static final Pattern SETS_MULTI_LINE = Pattern.compile("\\(\\?[A-Za-z-]*m");

    private static void regexpExtractAll(CallContext c) {
        if (c.args().size() != 2) throw c.unsupported("extra arguments", "pass only the value and the pattern");
        int g = group(c);
        // BigQuery stops once a match reaches the end of the text; DuckDB tries once more there, where a
        // pattern that matches the empty string adds an element ('aaa' by 'a*': BigQuery ['aaa'], DuckDB ['aaa', ''])
        String pattern = ((StringValue) c.args().get(1)).getValue().replace("''", "'");
        if (matchesEmpty(pattern) && !anchoredAtStart(pattern)) {
            throw c.unsupported("a pattern that matches the empty string",
                    "BigQuery and DuckDB differ on its empty match at the end of the text; make the pattern match one character or more (+ rather than *)");
        }
        if (g == 0) {
            c.text("regexp_extract_all(").arg(0).text(", ").arg(1).text(", 0)");
        } else {
            // a group that takes no part in a match gives '' in BigQuery's array, NULL in DuckDB's
            c.text("list_transform(regexp_extract_all(").arg(0).text(", ").arg(1).text(", 1), porygon_m -> coalesce(porygon_m, ''))");
        }
    }

    /**
     * Whether every match of a regular expression starts at the text's start (^ or \A first, no alternative, no multi-line
     * flag): it then matches once at most, and BigQuery and DuckDB give the same array ('aaa' by '^a*': ['aaa'] in both).
     */
    private static boolean anchoredAtStart(String pattern) {
        return (pattern.startsWith("^") || pattern.startsWith("\\A")) && !pattern.contains("|")
                && !SETS_MULTI_LINE.matcher(pattern).find();
    }

    /**
     * Whether a regular expression matches the empty string, as far as Java's dialect reads RE2's. Without the multi-line
     * flag: Java's multi-line ^ does not match at the end of the text, where RE2's does.
     */
    private static boolean matchesEmpty(String pattern) {
        String singleLine = MULTI_LINE_FLAG.matcher(pattern).replaceAll(f -> {
            String others = f.group(1) + f.group(2);
            return others.isEmpty() ? "" : "(?" + others + ")";
        });
        try {
            return Pattern.compile(singleLine).matcher("").matches();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    /**
     * BigQuery FORMAT: each specifier becomes its own DuckDB expression (printf for the C-style
     * ones), joined with {@code ||} so a NULL argument makes the result NULL as in BigQuery, except
     * for %t and %T, which print NULL.
     */
    private static void format(CallContext c) {
        if (c.args().isEmpty() || !(c.args().get(0) instanceof StringValue f)) {
            throw c.unsupported("a format that is not a string literal", "write the format as a literal string");
        }
        String fmt = f.getValue().replace("''", "'");
        StringBuilder text = new StringBuilder();
        int arg = 1;
        boolean any = false; // whether a piece has been printed (the next one needs ||)
        c.text("(");
        for (int i = 0; i < fmt.length(); i++) {
            char ch = fmt.charAt(i);
            if (ch != '%') {
                text.append(ch);
                continue;
            }
            int j = i + 1;
            while (j < fmt.length() && "-+ #0123456789.'".indexOf(fmt.charAt(j)) >= 0) j++;
            if (j >= fmt.length()) throw c.unsupported("a dangling % in the format", "escape a literal percent sign as %%");
            char conv = fmt.charAt(j);
            String flags = fmt.substring(i + 1, j);
            i = j;
            if (conv == '%') {
                text.append('%');
                continue;
            }
            if (arg >= c.args().size()) throw c.unsupported("a format with more specifiers than arguments", "pass one argument per specifier");
            if (text.length() > 0) {
                if (any) c.text(" || ");
                c.text(SqlQuoting.string(text.toString()));
                any = true;
            }
            text.setLength(0);
            if (any) c.text(" || ");
            formatSpecifier(c, conv, flags, arg++);
            any = true;
        }
        if (arg != c.args().size()) throw c.unsupported("a format with fewer specifiers than arguments", "pass one argument per specifier");
        if (text.length() > 0 || !any) {
            if (any) c.text(" || ");
            c.text(SqlQuoting.string(text.toString()));
        }
        c.text(")");
    }

    /**
     * BYTES escaped as BigQuery writes them in a bytes literal and for FORMAT's %t: printable ASCII as is, {@code \"},
     * {@code \\}, {@code \n}, {@code \r}, {@code \t}, other bytes {@code \xhh} in lower case.
     */
    private static String bytesText(String value) {
        String blob = "TRY_CAST(" + value + " AS BLOB)";
        return "coalesce(array_to_string(list_transform(range(octet_length(" + blob + ")), porygon_k -> list_transform([substr(lower(hex("
                + blob + ")), 2 * porygon_k + 1, 2)], porygon_h -> list_transform([CAST('0x' || porygon_h AS INTEGER)], porygon_b ->"
                + " CASE WHEN porygon_b = 34 THEN '\\\"' WHEN porygon_b = 92 THEN '\\\\' WHEN porygon_b = 10 THEN '\\n'"
                + " WHEN porygon_b = 13 THEN '\\r' WHEN porygon_b = 9 THEN '\\t' WHEN porygon_b BETWEEN 32 AND 126 THEN chr(porygon_b)"
                + " ELSE '\\x' || porygon_h END)[1])[1]), ''), '')";
    }

    private static void formatSpecifier(CallContext c, char conv, String flags, int arg) {
        boolean grouping = flags.contains("'");
        String printfFlags = flags.replace("'", "");
        switch (conv) {
            case 'd', 'i' -> {
                if (grouping) {
                    if (!printfFlags.isEmpty()) throw c.unsupported("width or flags with the ' grouping flag", "format the grouped number without width");
                    c.text("format('{:,}', CAST(").arg(arg).text(" AS BIGINT))");
                } else {
                    c.text("printf('%" + printfFlags + "d', CAST(").arg(arg).text(" AS BIGINT))");
                }
            }
            case 'x', 'X', 'o' -> {
                if (grouping) throw c.unsupported("the ' flag on %" + conv, "format hex and octal without grouping");
                c.text("printf('%" + printfFlags + conv + "', CAST(").arg(arg).text(" AS BIGINT))");
            }
            case 'f', 'F', 'e', 'E', 'g', 'G' -> c.text("printf('%" + printfFlags + conv + "', CAST(").arg(arg).text(" AS DOUBLE))");
            case 's' -> c.text("printf('%" + printfFlags + "s', CAST(").arg(arg).text(" AS VARCHAR))");
            case 't' -> {
                if (!printfFlags.isEmpty()) throw c.unsupported("width or precision on %t", "format the value without width");
                // a NUMERIC without DuckDB's trailing zeros ('2.5', not '2.500000000'), as BigQuery prints it
                // an INTERVAL as BigQuery writes it ('0-0 3 0:0:0', not '3 days'), BYTES escaped as in a literal; NULL of any type as NULL
                c.once(List.of(arg), r -> {
                    String v = r.get(0);
                    return "CASE WHEN " + v + " IS NULL THEN 'NULL' WHEN typeof(" + v + ") = 'INTERVAL' THEN " + CastPrinter.intervalText(v) + " WHEN typeof(" + v
                            + ") = 'BLOB' THEN " + bytesText(v) + " WHEN typeof(" + v
                            + ") LIKE 'DECIMAL%' AND CAST(" + v + " AS VARCHAR) LIKE '%.%' THEN rtrim(rtrim(CAST(" + v
                            + " AS VARCHAR), '0'), '.') ELSE CAST(" + v + " AS VARCHAR) END";
                });
            }
            case 'T' -> {
                if (!printfFlags.isEmpty()) throw c.unsupported("width or precision on %T", "format the value without width");
                // a literal of the value, as BigQuery writes one: DATE "2015-09-01", CAST("nan" AS FLOAT64), NUMERIC "1.5";
                // strings quoted, other values (arrays, structs) as text
                c.once(List.of(arg), r -> {
                    String v = r.get(0);
                    StringBuilder t = new StringBuilder("CASE WHEN " + v + " IS NULL THEN 'NULL' WHEN typeof(" + v
                            + ") = 'VARCHAR' THEN '\"' || replace(CAST(" + v + " AS VARCHAR), '\"', '\\\"') || '\"'");
                    for (String[] literal : new String[][] {{"'DATE'", "DATE"}, {"'TIMESTAMP'", "DATETIME"}, {"'TIMESTAMP WITH TIME ZONE'", "TIMESTAMP"},
                            {"'TIME'", "TIME"}, {"'JSON'", "JSON"}}) {
                        t.append(" WHEN typeof(" + v + ") = " + literal[0] + " THEN '" + literal[1] + " \"' || CAST(" + v + " AS VARCHAR) || '\"'");
                    }
                    // BYTES as BigQuery writes a bytes literal (DuckDB's text of a BLOB writes \xFF in upper case and leaves
                    // quotes and line breaks alone); an INTERVAL as BigQuery's literal, not DuckDB's '3 days'
                    t.append(" WHEN typeof(" + v + ") = 'BLOB' THEN 'b\"' || " + bytesText(v) + " || '\"'");
                    t.append(" WHEN typeof(" + v + ") = 'INTERVAL' THEN 'INTERVAL \"' || " + CastPrinter.intervalText(v) + " || '\" YEAR TO SECOND'");
                    String d = "CAST(" + v + " AS DOUBLE)";
                    t.append(" WHEN typeof(" + v + ") IN ('DOUBLE', 'FLOAT') AND (isnan(" + d + ") OR isinf(" + d + ")) THEN 'CAST(\"' || CASE WHEN isnan("
                            + d + ") THEN 'nan' WHEN " + d + " > 0 THEN 'inf' ELSE '-inf' END || '\" AS FLOAT64)'");
                    String text = "CAST(" + v + " AS VARCHAR)";
                    t.append(" WHEN typeof(" + v + ") LIKE 'DECIMAL%' THEN 'NUMERIC \"' || CASE WHEN " + text + " LIKE '%.%' THEN rtrim(rtrim("
                            + text + ", '0'), '.') ELSE " + text + " END || '\"' ELSE " + text + " END");
                    return t.toString();
                });
            }
            default -> throw c.unsupported("format specifier %" + conv, "use %d %i %s %f %e %g %x %o %t or %T");
        }
    }

    /**
     * DuckDB's array_to_string gives NULL for an empty list or one of NULLs only, and ignores a NULL
     * delimiter; BigQuery gives '' and NULL (a NULL null_text gives NULL too). NULL elements are left
     * out, or become null_text.
     */
    private static void arrayToString(CallContext c) {
        if (c.args().size() != 2 && c.args().size() != 3) throw c.unsupported(c.args().size() + " arguments", "pass an array, a delimiter and optionally null_text");
        // DuckDB's array_to_string takes a constant delimiter only: a literal is printed in place, not bound with
        // an array that must be evaluated once (ARRAY(SELECT ...)), which made it a column of the binding
        List<Integer> bound = new ArrayList<>();
        String[] literals = new String[c.args().size()];
        for (int i = 0; i < c.args().size(); i++) {
            if (i > 0 && (c.args().get(i) instanceof StringValue || c.args().get(i) instanceof NullValue)) {
                literals[i] = printed(c, i);
            } else {
                bound.add(i);
            }
        }
        c.once(bound, b -> {
            List<String> a = new ArrayList<>();
            for (int i = 0; i < literals.length; i++) a.add(literals[i] != null ? literals[i] : b.get(bound.indexOf(i)));
            String elements = a.size() == 3 ? "list_transform(" + a.get(0) + ", porygon_x -> coalesce(CAST(porygon_x AS VARCHAR), " + a.get(2) + "))" : a.get(0);
            String nullText = a.size() == 3 ? " OR " + a.get(2) + " IS NULL" : "";
            return "CASE WHEN " + a.get(0) + " IS NULL OR " + a.get(1) + " IS NULL" + nullText + " THEN NULL ELSE coalesce(array_to_string(" + elements + ", "
                    + a.get(1) + "), '') END";
        });
    }

    /** Argument {@code index} as translated SQL, not printed (for a literal, which any place may repeat). */
    private static String printed(CallContext c, int index) {
        int start = c.out().length();
        c.arg(index);
        String sql = c.out().substring(start);
        c.out().setLength(start);
        return sql;
    }

    /** INITCAP over the delimiters {@code delimiters} (SQL), one character at a time. */
    private static String initcap(String delimiters) {
        String at = "substr({0}, porygon_i, 1)";
        return "CASE WHEN {0} IS NULL OR " + delimiters + " IS NULL THEN NULL ELSE coalesce(array_to_string(list_transform("
                + "range(1, length({0}) + 1), porygon_i -> CASE WHEN contains(" + delimiters + ", " + at + ") THEN " + at
                + " WHEN porygon_i = 1 OR contains(" + delimiters + ", substr({0}, porygon_i - 1, 1)) THEN upper(" + at + ") ELSE lower("
                + at + ") END), ''), '') END";
    }

    private void arrays() {
        template("ARRAY_LENGTH/1", "len({0})");
        specials.put("ARRAY_TO_STRING", FunctionCatalog::arrayToString);
        template("ARRAY_REVERSE/1", "list_reverse({0})");
        // an empty array is an error in BigQuery (DuckDB gives NULL); a NULL array gives NULL
        template("ARRAY_FIRST/1", "CASE WHEN len({0}) = 0 THEN error('ARRAY_FIRST: the array is empty') ELSE list_extract({0}, 1) END");
        template("ARRAY_LAST/1", "CASE WHEN len({0}) = 0 THEN error('ARRAY_LAST: the array is empty') ELSE list_extract({0}, -1) END");
        specials.put("GENERATE_ARRAY", FunctionCatalog::generateArray);
        specials.put("ARRAY_CONCAT", c -> joinWith(c, " || "));
        template("ARRAY_AVG/1", "list_avg({0})");
        template("ARRAY_SUM/1", "list_sum({0})");
        template("ARRAY_MAX/1", "list_max({0})");
        // a NaN element makes ARRAY_MIN NaN in BigQuery; DuckDB orders NaN above every number, so list_max holds it
        template("ARRAY_MIN/1", "CASE WHEN typeof(list_max({0})) IN ('DOUBLE', 'FLOAT') AND isnan(TRY_CAST(list_max({0}) AS DOUBLE)) "
                + "THEN list_max({0}) ELSE list_min({0}) END");
        template("ARRAY_INCLUDES_ALL/2", "list_has_all({0}, {1})");
        template("ARRAY_INCLUDES_ANY/2", "list_has_any({0}, {1})");
        // list_distinct drops NULLs, which BigQuery counts as one distinct value
        template("ARRAY_IS_DISTINCT/1", "(len({0}) = len(list_distinct({0})) + least(len(list_filter({0}, porygon_x -> porygon_x IS NULL)), 1))");
        // zero-based inclusive offsets, negative ones from the end, out-of-range ones clamped
        template("ARRAY_SLICE/3", "CASE WHEN {1} IS NULL OR {2} IS NULL THEN NULL ELSE list_filter({0}, (porygon_x, porygon_i) -> "
                + "porygon_i - 1 BETWEEN (CASE WHEN {1} < 0 THEN len({0}) + {1} ELSE {1} END) "
                + "AND (CASE WHEN {2} < 0 THEN len({0}) + {2} ELSE {2} END)) END");
        specials.put("ARRAY_FILTER", c -> lambdaCall(c, "list_filter"));
        specials.put("ARRAY_TRANSFORM", c -> lambdaCall(c, "list_transform"));
        specials.put("ARRAY_INCLUDES", c -> {
            if (c.args().size() != 2) throw c.unsupported(c.args().size() + " arguments", "pass an array and a value or a lambda");
            if (c.args().get(1) instanceof net.sf.jsqlparser.expression.LambdaExpression) {
                c.text("(len(");
                lambdaCall(c, "list_filter");
                c.text(") > 0)");
            } else {
                c.once(a -> "CASE WHEN " + a.get(1) + " IS NULL THEN NULL ELSE list_contains(" + a.get(0) + ", " + a.get(1) + ") END");
            }
        });
    }

    /**
     * GENERATE_ARRAY: DuckDB's generate_series is integer-only, so FLOAT64 bounds are stepped by index.
     * A step of 0 is an error in BigQuery (a NULL bound gives NULL first), where generate_series gives []
     * (or fails to cast inf).
     */
    private static void generateArray(CallContext c) {
        int n = c.args().size();
        if (n < 2 || n > 3) throw c.unsupported(n + " arguments", "pass start, end and optionally a step");
        boolean fractional = c.args().stream().anyMatch(a -> a instanceof DoubleValue);
        c.once(a -> {
            String step = n == 3 ? a.get(2) : "1";
            String series = fractional
                    ? "list_transform(generate_series(0, CAST(floor((" + a.get(1) + " - " + a.get(0) + ") / " + step
                            + ") AS BIGINT)), porygon_i -> CAST(" + a.get(0) + " AS DOUBLE) + porygon_i * " + step + ")"
                    : "generate_series(" + a.get(0) + ", " + a.get(1) + (n == 3 ? ", " + step : "") + ")";
            return n == 3 ? "CASE WHEN " + step + " = 0 AND " + a.get(0) + " IS NOT NULL AND " + a.get(1) + " IS NOT NULL THEN error('GENERATE_ARRAY: step_expression must not be 0') ELSE " + series + " END" : series;
        });
    }

    /** ARRAY_FILTER / ARRAY_TRANSFORM with a one-parameter lambda (DuckDB's index parameter is 1-based). */
    private static void lambdaCall(CallContext c, String duckDb) {
        if (c.args().size() != 2 || !(c.args().get(1) instanceof net.sf.jsqlparser.expression.LambdaExpression l)) {
            throw c.unsupported("a second argument that is not a lambda", "write element -> expression");
        }
        List<String> ids = l.getIdentifiers();
        if (ids.size() == 1) {
            c.text(duckDb + "(").arg(0).text(", " + ids.get(0) + " -> ");
            c.withLambdaParameters(ids, () -> c.expr(l.getExpression()));
            c.text(")");
        } else if (ids.size() == 2) {
            // BigQuery's index parameter is zero-based, DuckDB's one-based: references print as (i - 1)
            c.text(duckDb + "(").arg(0).text(", (" + ids.get(0) + ", " + ids.get(1) + ") -> ");
            c.withLambdaParameters(ids, () -> c.zeroBasedIndex(ids.get(1), () -> c.expr(l.getExpression())));
            c.text(")");
        } else {
            throw c.unsupported("a lambda with " + ids.size() + " parameters", "use (element) or (element, index)");
        }
    }

    private void misc() {
        template("GENERATE_UUID/0", "CAST(gen_random_uuid() AS VARCHAR)");
        // listed so that the error says why: another 64-bit hash would give other values than BigQuery's
        specials.put("FARM_FINGERPRINT", c -> {
            throw new Untranslatable("FARM_FINGERPRINT() cannot be translated to DuckDB: DuckDB has no FarmHash, and another hash "
                    + "would give other values than BigQuery's", "to compare or deduplicate rows, hash with MD5 or SHA256 "
                    + "(e.g. TO_HEX(MD5(TO_JSON_STRING(t)))); where the exact FarmHash value matters, compute it in BigQuery", "FARM_FINGERPRINT");
        });
        template("ERROR/1", "error({0})");
        NetFunctions.register(this::template);
        // listed so that the error says why and what to write instead
        refuse("SHA512", "DuckDB has no SHA-512", "use SHA256 where any strong digest will do; where the SHA-512 value itself matters, compute it in BigQuery");
        refuse("NORMALIZE_AND_CASEFOLD", "DuckDB has no Unicode case folding (lower() differs for letters such as ß)",
                "for ASCII text, LOWER(NORMALIZE(x)) gives the same result");
        for (String net : List.of("NET.REG_DOMAIN", "NET.PUBLIC_SUFFIX")) {
            refuse(net, "it needs the public suffix list, which DuckDB does not have",
                    "load a table of registered domains and join on NET.HOST(url), or compute the column in BigQuery");
        }
        for (String json : List.of("JSON_ARRAY_APPEND", "JSON_ARRAY_INSERT")) {
            refuse(json, "DuckDB has no function that edits a JSON value in place (json_merge_patch drops nulls and merges objects, "
                    + "which differs from BigQuery)", "build the value with JSON_OBJECT / JSON_ARRAY from its parts, or edit it in BigQuery");
        }
    }

    private void refuse(String name, String why, String hint) {
        specials.put(name, c -> {
            throw new Untranslatable(name + "() cannot be translated to DuckDB: " + why, hint, name.substring(name.lastIndexOf('.') + 1));
        });
    }

    /** Functions whose ORDER BY / DISTINCT / IGNORE NULLS the deparser prints itself. */
    static final Set<String> ORDERED_AGGREGATES = Set.of("ARRAY_AGG", "STRING_AGG", "ARRAY_CONCAT_AGG");
    /** BigQuery's aggregate functions (called without OVER): their arguments read the FROM clause's columns. */
    static final Set<String> AGGREGATES = Set.of("ANY_VALUE", "ARRAY_AGG", "ARRAY_CONCAT_AGG", "AVG", "BIT_AND", "BIT_OR", "BIT_XOR",
            "COUNT", "COUNTIF", "GROUPING", "LOGICAL_AND", "LOGICAL_OR", "MAX", "MAX_BY", "MIN", "MIN_BY", "STRING_AGG", "SUM",
            "APPROX_COUNT_DISTINCT", "APPROX_QUANTILES", "APPROX_TOP_COUNT", "APPROX_TOP_SUM", "CORR", "COVAR_POP", "COVAR_SAMP",
            "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VARIANCE", "VAR_POP", "VAR_SAMP");
}
