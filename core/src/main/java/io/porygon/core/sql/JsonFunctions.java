package io.porygon.core.sql;

import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.StructType;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.SelectItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GoogleSQL's JSON text functions beyond JSON_VALUE/JSON_QUERY: TO_JSON_STRING and the array
 * extractors (JSON_QUERY_ARRAY, JSON_VALUE_ARRAY and their legacy JSON_EXTRACT_ names), on
 * JSON-formatted STRING input.
 */
final class JsonFunctions {

    private JsonFunctions() {}

    static void register(Map<String, CallRenderer> specials) {
        specials.put("TO_JSON_STRING", JsonFunctions::toJsonString);
        specials.put("TO_JSON", JsonFunctions::toJson);
        specials.put("JSON_VALUE", c -> scalar(c, false));
        specials.put("JSON_EXTRACT_SCALAR", c -> scalar(c, true));
        specials.put("JSON_QUERY", c -> query(c, false));
        specials.put("JSON_EXTRACT", c -> query(c, true));
        specials.put("PARSE_JSON", JsonFunctions::parseJson);
        specials.put("JSON_QUERY_ARRAY", c -> queryArray(c, false));
        specials.put("JSON_EXTRACT_ARRAY", c -> queryArray(c, true));
        specials.put("JSON_VALUE_ARRAY", c -> valueArray(c, false));
        specials.put("JSON_EXTRACT_STRING_ARRAY", c -> valueArray(c, true));
        specials.put("JSON_KEYS", JsonFunctions::jsonKeys);
        JsonEdits.register(specials);
        JsonConverters.register(specials);
    }

    /**
     * JSON_KEYS(json[, max_depth][, mode => 'strict'|'lax'|'lax recursive']): every key of every nested
     * object, as a dotted path, distinct and sorted. DuckDB's json_keys lists the top level only, so the
     * keys come from json_tree: strict skips objects inside arrays, lax looks into an array (not an
     * array of arrays), lax recursive into any. A key that is not a plain name (a dot, a space, a quote)
     * is an error: BigQuery escapes it, and the translator does not reproduce its escaping.
     */
    private static void jsonKeys(CallContext c) {
        List<Expression> args = c.args();
        String mode = "strict";
        Expression depth = null;
        for (int i = 1; i < args.size(); i++) {
            NamedArgument named = NamedArgument.of(args.get(i));
            if (named != null && named.is("mode") && List.of("strict", "lax", "lax recursive").contains(named.string())) mode = named.string();
            else if (i == 1 && named == null) depth = args.get(i);
            else throw c.unsupported("the argument " + args.get(i), "pass a JSON value, optionally max_depth, and optionally mode => 'strict', 'lax' or 'lax recursive'");
        }
        if (args.isEmpty() || args.size() > 3) throw c.unsupported(args.size() + " arguments", "pass a JSON value, optionally max_depth and mode");
        String arrays = switch (mode) {
            case "strict" -> " AND NOT contains(porygon_k.fullkey, '[')";
            case "lax" -> " AND NOT contains(porygon_k.fullkey, '][')";
            default -> "";
        };
        String path = "ltrim(regexp_replace(porygon_k.fullkey, '\\[[0-9]+\\]', '', 'g'), '$.')";
        // the root row ($) is there for any non-NULL input: no rows at all means SQL NULL
        c.text("(SELECT CASE WHEN count(*) = 0 THEN NULL ");
        if (depth != null) c.text("WHEN ").expr(depth).text(" < 1 THEN error('JSON_KEYS: max_depth must be positive') ");
        String keys = "porygon_k.fullkey <> '$' AND NOT suffix(porygon_k.fullkey, ']')" + arrays;
        c.text("WHEN bool_or(NOT regexp_full_match(porygon_k.key, '[A-Za-z0-9_]+')) FILTER (WHERE ").text(keys).text(") THEN error('JSON_KEYS: "
                + "a key holds characters other than letters, digits and _, which BigQuery escapes in its own way') ELSE coalesce(list(DISTINCT " + path
                + " ORDER BY " + path + ") FILTER (WHERE ").text(keys);
        if (depth != null) c.text(" AND length(" + path + ") - length(replace(" + path + ", '.', '')) < ").expr(depth);
        c.text("), CAST([] AS VARCHAR[])) END FROM json_tree(").arg(0).text(") AS porygon_k)");
    }

    /** 2^53: integers beyond it are quoted strings in TO_JSON_STRING (a double could not hold them). */
    private static final String EXACT_DOUBLE_LIMIT = "9007199254740992";

    /**
     * TO_JSON_STRING(value): DuckDB's to_json gives BigQuery's compact text for BOOL, STRING, DATE,
     * TIME, NULL, and structs and arrays of them (a table alias is a struct of the row in DuckDB as in
     * BigQuery). Where BigQuery's encoding of a type differs, a value of that type is re-encoded, in
     * the CASE branch its typeof() picks (the same for every row): at the top level, as the element of
     * a top-level array, and as a field of a STRUCT(...) literal, whose fields are encoded one by one.
     * Inside other structs (a table alias's row) these types keep DuckDB's text (README, known
     * translator limits): the translator does not know their field types.
     */
    private static void toJsonString(CallContext c) {
        int n = c.args().size();
        if (n == 2 && !isFalse(c.args().get(1))) {
            throw c.unsupported("pretty_print other than FALSE",
                    "DuckDB cannot indent JSON; drop the second argument to get the compact text");
        }
        if (n != 1 && n != 2) throw c.unsupported(n + " arguments", "pass a value and optionally pretty_print");
        encode(c, c.args().get(0), true);
    }

    /**
     * TO_JSON(value): the JSON value of TO_JSON_STRING's encoding, except that wide numbers stay numbers
     * (INT64 beyond 2^53, NUMERIC with a fraction) and a STRUCT(...) literal's keys are sorted, as
     * BigQuery's JSON orders an object's keys. Other objects keep DuckDB's key order (README).
     */
    private static void toJson(CallContext c) {
        int n = c.args().size();
        if (n == 2 && !isStringifyFalse(c.args().get(1))) {
            throw c.unsupported("stringify_wide_numbers other than FALSE",
                    "drop the argument: wide numbers then stay JSON numbers; or encode with TO_JSON_STRING and PARSE_JSON");
        }
        if (n != 1 && n != 2) throw c.unsupported(n + " arguments", "pass a value and optionally stringify_wide_numbers => FALSE");
        c.text("json(");
        encode(c, c.args().get(0), false);
        c.text(")");
    }

    private static boolean isStringifyFalse(Expression e) {
        NamedArgument named = NamedArgument.of(e);
        return named != null && named.is("stringify_wide_numbers") && Boolean.FALSE.equals(named.bool());
    }

    /**
     * PARSE_JSON(string[, wide_number_mode => 'exact' | 'round']): DuckDB's json() parses and compacts
     * the text, and raises an error for text that is not JSON (SAFE.PARSE_JSON: NULL). A number keeps
     * its text: a wide number is neither rejected ('exact') nor rounded ('round') (README).
     */
    private static void parseJson(CallContext c) {
        int n = c.args().size();
        if (n == 2 && JsonConverters.wideNumberMode(c, c.args().get(1)) == null) {
            throw c.unsupported("a second argument other than wide_number_mode => ...", "write wide_number_mode => 'exact' or 'round'");
        }
        if (n != 1 && n != 2) throw c.unsupported(n + " arguments", "pass a JSON-formatted string and optionally wide_number_mode");
        c.text("json(").arg(0).text(")");
    }

    /** Prints {@code TO_JSON(value)}: the JSON value BigQuery makes of a SQL value (JSON_SET's values). */
    static void toJsonValue(CallContext c, Expression value) {
        c.text("json(");
        encode(c, value, false);
        c.text(")");
    }

    /**
     * Prints BigQuery's JSON text of {@code value}: TO_JSON_STRING's when {@code stringifyWide} (INT64
     * beyond 2^53 and fractional NUMERIC as strings), TO_JSON's otherwise (numbers, sorted keys).
     */
    private static void encode(CallContext c, Expression value, boolean stringifyWide) {
        List<String> fields = value instanceof StructType s ? fieldNames(s) : null;
        if (fields != null) {
            // {"name":value,...}: a literal's field expressions are known, so each is encoded by its own type
            List<SelectItem<?>> items = ((StructType) value).getArguments();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                int index = i;
                // TO_JSON: keys sorted, the first of duplicate names kept
                if (stringifyWide || order.stream().noneMatch(k -> bareName(fields.get(k)).equals(bareName(fields.get(index))))) order.add(i);
            }
            if (!stringifyWide) order.sort(java.util.Comparator.comparing(i -> bareName(fields.get(i))));
            c.text("('{'");
            for (int k = 0; k < order.size(); k++) {
                int i = order.get(k);
                c.text(" || '" + (k > 0 ? "," : "") + jsonKey(fields.get(i)) + ":' || ");
                encode(c, items.get(i).getExpression(), stringifyWide);
            }
            c.text(" || '}')");
            return;
        }
        // the value and its DuckDB JSON text are bound once (the branches below use them several times)
        c.text("list_transform([").expr(value).text("], porygon_v -> list_transform([CAST(to_json(porygon_v) AS VARCHAR)], porygon_j -> ");
        StringBuilder cases = new StringBuilder("coalesce(CASE typeof(porygon_v)");
        for (String type : REENCODED) {
            cases.append(" WHEN '").append(type).append("' THEN ").append(scalar(type, "porygon_v", "porygon_j", stringifyWide));
            // an array of the type, element by element (DuckDB's array_to_string gives NULL for an empty list)
            String list = "TRY_CAST(porygon_v AS " + type + "[])";
            cases.append(" WHEN '").append(type).append("[]' THEN CASE WHEN len(").append(list).append(") = 0 THEN '[]' ELSE '[' || ")
                    .append("array_to_string(list_transform(").append(list).append(", porygon_e -> coalesce(")
                    .append(scalar(type, "porygon_e", "CAST(to_json(porygon_e) AS VARCHAR)", stringifyWide)).append(", 'null')), ',') || ']' END");
        }
        cases.append(" WHEN 'INTERVAL' THEN error('TO_JSON_STRING of an INTERVAL: DuckDB cannot print BigQuery''s ISO 8601 duration')")
                .append(" ELSE CASE WHEN typeof(porygon_v) LIKE 'DECIMAL(%' THEN ").append(stringifyWide ? numeric("porygon_j") : trimmedDecimal("porygon_j"))
                .append(" ELSE porygon_j END END, 'null')");
        c.text(cases.toString()).text(")[1])[1]");
    }

    /** DuckDB types (typeof's names) whose JSON text BigQuery writes differently; NUMERIC is handled apart. */
    private static final List<String> REENCODED = List.of("TIMESTAMP WITH TIME ZONE", "TIMESTAMP", "DOUBLE", "BIGINT", "HUGEINT",
            "BLOB", "DECIMAL(38,9)");

    /** BigQuery's encoding of {@code value}, of DuckDB type {@code type}, whose DuckDB JSON text is {@code json}. */
    private static String scalar(String type, String value, String json, boolean stringifyWide) {
        return switch (type) {
            // TIMESTAMP: ISO 8601 with T and Z ("2017-03-06T12:34:56.789012Z"); DuckDB prints a space and +00
            case "TIMESTAMP WITH TIME ZONE" -> "regexp_replace(" + json + ", '^\"([^ ]+) ([^+]+)[+]00\"$', '\"\\1T\\2Z\"')";
            // DATETIME: ISO 8601 with T
            case "TIMESTAMP" -> "regexp_replace(" + json + ", '^\"([^ ]+) (.+)\"$', '\"\\1T\\2\"')";
            case "DOUBLE" -> float64("TRY_CAST(" + json + " AS DOUBLE)");
            case "BIGINT", "HUGEINT" -> stringifyWide ? quotedBeyondDoubles(json) : json;
            // BYTES: base64
            case "BLOB" -> "'\"' || to_base64(TRY_CAST(" + value + " AS BLOB)) || '\"'";
            case "DECIMAL(38,9)" -> stringifyWide ? numeric(json) : trimmedDecimal(json);
            default -> throw new IllegalArgumentException(type);
        };
    }

    /** The field names of a STRUCT(...) literal when every field has one (a typed STRUCT<...> is left to to_json). */
    private static List<String> fieldNames(StructType struct) {
        List<SelectItem<?>> items = struct.getArguments();
        if (struct.getDialect() != StructType.Dialect.BIG_QUERY || items == null || struct.getParameters() != null) return null;
        List<String> names = new ArrayList<>();
        for (SelectItem<?> item : items) {
            if (item.getAlias() != null) names.add(item.getAlias().getName());
            else if (item.getExpression() instanceof Column col && col.getArrayConstructor() == null) names.add(col.getColumnName());
            else return null;
        }
        return names;
    }

    /** A field name without the quotes it reaches here with (the lexer turns backticks into double quotes). */
    private static String bareName(String name) {
        boolean quoted = name.length() > 1 && (name.startsWith("`") && name.endsWith("`") || name.startsWith("\"") && name.endsWith("\""));
        return quoted ? name.substring(1, name.length() - 1) : name;
    }

    /** A field name as a JSON key inside a SQL string literal. */
    private static String jsonKey(String name) {
        String bare = bareName(name);
        return ("\"" + bare.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").replace("'", "''");
    }

    private static boolean isFalse(Expression e) {
        if (e instanceof BooleanValue b) return !b.getValue();
        return e instanceof Column col && col.getTable() == null && col.getColumnName().equalsIgnoreCase("FALSE");
    }

    /**
     * FLOAT64 as BigQuery's CAST to STRING prints it (the shortest of 15 or 17 significant digits that
     * reads back the same: 1.0 is 1, 1e100 is 1e+100); infinities and NaN are quoted strings.
     */
    private static String float64(String d) {
        return "CASE WHEN " + d + " IS NULL THEN NULL WHEN isnan(" + d + ") THEN '\"NaN\"' WHEN " + d + " = CAST('inf' AS DOUBLE) THEN '\"Infinity\"'"
                + " WHEN " + d + " = CAST('-inf' AS DOUBLE) THEN '\"-Infinity\"'"
                + " WHEN CAST(printf('%.15g', " + d + ") AS DOUBLE) = " + d + " THEN printf('%.15g', " + d + ") ELSE printf('%.17g', " + d + ") END";
    }

    private static String quotedBeyondDoubles(String json) {
        return "CASE WHEN abs(TRY_CAST(" + json + " AS HUGEINT)) > " + EXACT_DOUBLE_LIMIT + " THEN '\"' || " + json + " || '\"' ELSE " + json + " END";
    }

    /** A DECIMAL's text without trailing zeros (123.560 is 123.56, 5.000 is 5). */
    private static String trimmedDecimal(String json) {
        return "CASE WHEN " + json + " LIKE '%.%' THEN rtrim(rtrim(" + json + ", '0'), '.') ELSE " + json + " END";
    }

    /** NUMERIC: a number when whole and within 2^53, else a quoted string ("123.56"); no trailing zeros. */
    private static String numeric(String json) {
        String trimmed = trimmedDecimal(json);
        return "CASE WHEN " + trimmed + " LIKE '%.%' OR abs(TRY_CAST(" + trimmed + " AS HUGEINT)) > " + EXACT_DOUBLE_LIMIT
                + " THEN '\"' || " + trimmed + " || '\"' ELSE " + trimmed + " END";
    }

    /**
     * The JSON array at the path as a DuckDB list of JSON values, or NULL when the input is not valid
     * JSON (BigQuery gives NULL for an invalid JSON-formatted string), the path matches nothing, or
     * the match is not an array.
     */
    private static String arrayAt(CallContext c, List<String> a, boolean legacyPath) {
        String literal = a.size() == 2 ? literalPath(c, legacyPath) : "'$'";
        String path = literal != null ? literal : a.get(1);
        String extracted = "json_extract(" + a.get(0) + ", " + path + ")";
        return "CASE WHEN json_valid(" + a.get(0) + ") AND json_type(" + extracted + ") = 'ARRAY' THEN CAST(" + extracted + " AS JSON[]) END";
    }

    /** The JSONPath argument when it is a literal, in DuckDB's syntax as a SQL string; null for any other expression. */
    private static String literalPath(CallContext c, boolean legacyPath) {
        return c.args().get(1) instanceof StringValue literal ? "'" + duckDbPath(c, literal.getValue(), legacyPath) + "'" : null;
    }

    /**
     * JSON_VALUE / JSON_EXTRACT_SCALAR: the scalar at the path, unquoted and unescaped; NULL for an
     * object, an array or a JSON null (DuckDB's json_value gives NULL for the first two but keeps a
     * string quoted), and for a string that is not valid JSON (BigQuery gives NULL; DuckDB raises
     * "Malformed JSON").
     */
    private static void scalar(CallContext c, boolean legacyPath) {
        checkArity(c);
        String literal = c.args().size() == 1 ? "'$'" : literalPath(c, legacyPath);
        c.once(a -> "json_extract_string(json_value(" + validOrNull(a.get(0)) + ", " + (literal != null ? literal : a.get(1)) + "), '$')");
    }

    /** The input when it is valid JSON, else NULL: BigQuery's extractors give NULL for an invalid JSON-formatted string. */
    private static String validOrNull(String json) {
        return "CASE WHEN json_valid(" + json + ") THEN " + json + " END";
    }

    /**
     * JSON_QUERY / JSON_EXTRACT: the JSON at the path, of the input's type as BigQuery types it: compact
     * JSON text (VARCHAR) for a JSON-formatted STRING, a JSON value for JSON. DuckDB's json_extract gives
     * JSON for both, which would not mix with text (COALESCE(JSON_QUERY(s, '$.x'), 'none') would parse
     * 'none' as JSON), so cast_to_type casts the result to the input's type, as JSON_QUERY_ARRAY does.
     * On a JSON-formatted STRING a JSON null is SQL NULL; on a JSON value it stays JSON null (typeof
     * tells the two apart, the same for every row). A string that is not valid JSON gives NULL, as in BigQuery.
     */
    private static void query(CallContext c, boolean legacyPath) {
        if (c.args().size() != 2) throw c.unsupported(c.args().size() + " arguments", "pass a JSON value and a JSONPath");
        String literal = literalPath(c, legacyPath);
        c.once(a -> {
            String extracted = "json_extract(" + validOrNull(a.get(0)) + ", " + (literal != null ? literal : a.get(1)) + ")";
            return "cast_to_type(CASE WHEN typeof(" + a.get(0) + ") <> 'JSON' AND json_type(" + extracted + ") = 'NULL' THEN NULL ELSE "
                    + extracted + " END, coalesce(" + a.get(0) + ", ''))";
        });
    }

    private static void checkArity(CallContext c) {
        if (c.args().size() != 1 && c.args().size() != 2) {
            throw c.unsupported(c.args().size() + " arguments", "pass a JSON-formatted string and optionally a JSONPath");
        }
    }

    /**
     * JSON_QUERY_ARRAY: each element as compact JSON text (a JSON null element is the text null), of the
     * input's type: ARRAY<STRING> for a JSON-formatted STRING, ARRAY<JSON> for a JSON value, as BigQuery
     * types it. A CASE on typeof() cannot pick the type (DuckDB gives its branches one type, JSON when one
     * is), so cast_to_type casts the texts to a list of the input's type, which DuckDB reads when it binds
     * the query without evaluating the input again (coalesce gives an untyped NULL input VARCHAR).
     */
    private static void queryArray(CallContext c, boolean legacyPath) {
        checkArity(c);
        c.once(a -> "cast_to_type(list_transform(" + arrayAt(c, a, legacyPath) + ", porygon_e -> coalesce(CAST(porygon_e AS VARCHAR), 'null')), "
                + "[coalesce(" + a.get(0) + ", '')])");
    }

    /**
     * JSON_VALUE_ARRAY: the elements as unquoted strings; NULL when any element is an object or an
     * array. A JSON null element becomes a NULL element (BigQuery can hold it in a query but refuses to
     * write such an array as a result).
     */
    private static void valueArray(CallContext c, boolean legacyPath) {
        checkArity(c);
        c.once(a -> "list_transform([" + arrayAt(c, a, legacyPath) + "], porygon_l -> CASE WHEN len(list_filter(porygon_l, "
                + "porygon_e -> json_type(porygon_e) IN ('OBJECT', 'ARRAY'))) > 0 THEN NULL ELSE list_transform(porygon_l, "
                + "porygon_e -> json_extract_string(porygon_e, '$')) END)[1]");
    }

    /** ["a.b"] in a path: DuckDB takes the key as ."a.b". */
    private static final Pattern QUOTED_KEY = Pattern.compile("\\[\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*]");

    /** ['a.b'] or [name] in a legacy JSON_EXTRACT path; a number in brackets is an index. */
    private static final Pattern LEGACY_KEY = Pattern.compile("\\[\\s*(?:'((?:[^'\\\\]|\\\\.)*)'|([^\\]'\"0-9][^\\]]*))\\s*]");

    /**
     * A literal JSONPath in DuckDB's syntax: it must start with $ (BigQuery raises an error for an
     * invalid path where DuckDB would give NULL); the legacy functions' ['a.b'] key escapes, and a
     * ["a.b"] key, become DuckDB's (and the newer functions') double-quoted keys ."a.b".
     */
    static String duckDbPath(CallContext c, String sqlLiteralBody, boolean legacyPath) {
        String path = sqlLiteralBody.replace("''", "'");
        if (!path.startsWith("$")) {
            throw c.unsupported("the JSONPath '" + path + "' (it does not start with $)", "write the path as $, $.key or $.key[0]");
        }
        if (legacyPath) {
            Matcher m = LEGACY_KEY.matcher(path);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String key = m.group(1) != null ? m.group(1).replace("\\'", "'") : m.group(2).strip();
                if (key.contains("\"")) throw c.unsupported("a JSONPath key with a double quote", "rename the key or extract its parent");
                m.appendReplacement(sb, Matcher.quoteReplacement(".\"" + key + "\""));
            }
            m.appendTail(sb);
            path = sb.toString();
        }
        path = QUOTED_KEY.matcher(path).replaceAll(r -> Matcher.quoteReplacement(".\"" + r.group(1) + "\""));
        String beyond = beyondBigQuery(path);
        if (beyond != null) {
            throw c.unsupported("the JSONPath '" + sqlLiteralBody.replace("''", "'") + "' (" + beyond + ", which BigQuery's JSONPath does not have and"
                    + " DuckDB's would answer with a list or an element from the end)", "name each key and 0-based index ($.a[0].b);"
                    + " for every element, UNNEST(JSON_QUERY_ARRAY(json, '$.a')) and extract from each");
        }
        return path.replace("'", "''");
    }

    /**
     * What a DuckDB-syntax path holds outside its quoted keys that BigQuery's JSONPath (keys and
     * non-negative indexes) does not: a wildcard, a recursive descent, an index from the end; else null.
     */
    private static String beyondBigQuery(String path) {
        boolean quoted = false;
        for (int i = 0; i < path.length(); i++) {
            char ch = path.charAt(i);
            if (ch == '\\' && quoted) {
                i++;
            } else if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && ch == '*') {
                return "a wildcard *";
            } else if (!quoted && ch == '.' && i + 1 < path.length() && path.charAt(i + 1) == '.') {
                return "a recursive descent ..";
            } else if (!quoted && ch == '[' && path.substring(i + 1).stripLeading().matches("(?s)[#-].*")) {
                return "an index from the end";
            }
        }
        return null;
    }
}
