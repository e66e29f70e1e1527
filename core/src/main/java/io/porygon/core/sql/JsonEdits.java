package io.porygon.core.sql;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.StringValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GoogleSQL functions that return an edited copy of a JSON value: JSON_STRIP_NULLS, JSON_REMOVE and JSON_SET.
 * DuckDB edits JSON only through json_merge_patch (RFC 7386, which deletes a member whose patch is
 * null): JSON_REMOVE of an object member is that patch, guarded so that a path whose parent is not
 * an object leaves the value unchanged, as in BigQuery. JSON_STRIP_NULLS rewrites the compact text
 * with regular expressions that match a whole JSON string before anything else, so text inside a
 * string is never taken for a null.
 */
final class JsonEdits {

    private JsonEdits() {}

    static void register(Map<String, CallRenderer> specials) {
        specials.put("JSON_STRIP_NULLS", JsonEdits::stripNulls);
        specials.put("JSON_REMOVE", JsonEdits::remove);
        specials.put("JSON_SET", JsonEdits::set);
    }

    /** A JSON string token, escapes included (SQL literal text; DuckDB's regular expressions are RE2). */
    private static final String STRING = "\"(?:[^\"\\\\]|\\\\.)*\"";

    /**
     * JSON_STRIP_NULLS(json[, include_arrays => BOOL][, remove_empty => FALSE]): object members whose
     * value is null are removed at every depth, and (include_arrays, the default) null array elements.
     * A JSON null at the top is kept; containers that become empty stay. remove_empty => TRUE and a
     * json_path are refused.
     */
    private static void stripNulls(CallContext c) {
        boolean includeArrays = true;
        for (Expression a : c.args().subList(Math.min(1, c.args().size()), c.args().size())) {
            NamedArgument named = NamedArgument.of(a);
            Boolean value = named == null ? null : named.bool();
            if (value == null || !(named.is("include_arrays") || named.is("remove_empty"))) {
                throw c.unsupported("the argument " + a + " (a json_path, or an option that is not a TRUE/FALSE literal)",
                        "strip the whole value: extract the part with JSON_QUERY first, and write include_arrays => TRUE|FALSE");
            }
            if (named.is("remove_empty")) {
                if (value) throw c.unsupported("remove_empty => TRUE", "leave it out (empty objects and arrays are then kept) and filter them where they are read");
            } else {
                includeArrays = value;
            }
        }
        if (c.args().isEmpty()) throw c.unsupported("no arguments", "pass a JSON value");
        String text = "CAST(json(porygon_s) AS VARCHAR)";
        String members = "regexp_replace(" + text + ", '" + STRING + ":null,?|(" + STRING + ")', '\\1', 'g')";
        String elements = includeArrays ? "regexp_replace(" + members + ", '(" + STRING + ")|null,?', '\\1', 'g')" : members;
        String commas = "regexp_replace(" + elements + ", '(" + STRING + ")|,([}\\]])', '\\1\\2', 'g')";
        // the value bound once (a lambda over a one-element list); the options are not SQL values to bind
        c.text("list_transform([").arg(0).text("], porygon_s -> CASE WHEN json_type(porygon_s) = 'NULL' THEN json(porygon_s) ELSE json(" + commas + ") END)[1]");
    }

    private static final Pattern MEMBER_PATH = Pattern.compile("\\$((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)");

    /**
     * JSON_REMOVE(json, path[, ...]): each path, in order, removes an object member; a path that
     * does not lead to one (a missing key, a parent that is an array or a scalar) changes nothing.
     * Paths must be literals of plain keys ($.a.b); array elements, quoted keys and $ are refused.
     */
    private static void remove(CallContext c) {
        if (c.args().size() < 2) throw c.unsupported(c.args().size() + " arguments", "pass a JSON value and one or more JSON paths");
        List<List<String>> paths = new ArrayList<>();
        for (Expression p : c.args().subList(1, c.args().size())) {
            Matcher m = p instanceof StringValue s ? MEMBER_PATH.matcher(s.getValue()) : null;
            if (m == null || !m.matches()) {
                throw c.unsupported("the path " + p + " (only literal paths of object keys, such as '$.a.b', translate)",
                        "remove array elements with JSON_QUERY_ARRAY and ARRAY_FILTER, or edit the value in BigQuery");
            }
            paths.add(List.of(m.group(1).substring(1).split("\\.")));
        }
        c.once(a -> {
            String value = "json(" + a.get(0) + ")";
            for (List<String> keys : paths) {
                String parent = "$" + (keys.size() > 1 ? "." + String.join(".", keys.subList(0, keys.size() - 1)) : "");
                StringBuilder patch = new StringBuilder("null");
                for (int i = keys.size() - 1; i >= 0; i--) patch.insert(0, "{\"" + keys.get(i) + "\":").append('}');
                // the value so far bound once per path (a lambda over a one-element list), so the text grows linearly
                value = "list_transform([" + value + "], porygon_j -> CASE WHEN json_type(porygon_j, '" + parent + "') = 'OBJECT' "
                        + "THEN json_merge_patch(porygon_j, '" + patch + "') ELSE porygon_j END)[1]";
            }
            return "CASE WHEN " + a.get(0) + " IS NULL THEN NULL ELSE " + value + " END";
        });
    }

    /**
     * JSON_SET(json, path, value[, path, value ...][, create_if_missing => BOOL]): each pair in order sets
     * the member at a literal path of plain keys ($.a.b; $ replaces the whole value) to TO_JSON(value),
     * creating missing objects on the way unless create_if_missing is FALSE (then a missing member changes
     * nothing). Through json_merge_patch, which would merge an object value and delete on a null one, so
     * those values are errors, and so is a path through a value that is not an object (an array, a number),
     * whose BigQuery rule Porygon does not reproduce.
     */
    private static void set(CallContext c) {
        List<Expression> args = c.args();
        int n = args.size();
        boolean create = true;
        NamedArgument named = n > 0 ? NamedArgument.of(args.get(n - 1)) : null;
        if (named != null) {
            if (!named.is("create_if_missing") || named.bool() == null) {
                throw c.unsupported("the argument " + args.get(n - 1), "the last argument may be create_if_missing => TRUE|FALSE");
            }
            create = named.bool();
            n--;
        }
        if (n < 3 || n % 2 == 0) throw c.unsupported(args.size() + " arguments", "pass a JSON value, then pairs of a JSON path and a value");
        List<List<String>> paths = new ArrayList<>();
        for (int i = 1; i < n; i += 2) {
            Expression p = args.get(i);
            String text = p instanceof StringValue s ? s.getValue() : null;
            Matcher m = text == null ? null : MEMBER_PATH.matcher(text);
            if (text != null && text.equals("$")) {
                paths.add(List.of());
            } else if (m != null && m.matches()) {
                paths.add(List.of(m.group(1).substring(1).split("\\.")));
            } else {
                throw c.unsupported("the path " + p + " (only literal paths of object keys, such as '$.a.b', or '$', translate)",
                        "build arrays with JSON_ARRAY or ARRAY_CONCAT before converting them, or edit the value in BigQuery");
            }
        }
        for (int k = 0; k < paths.size(); k++) c.text("list_transform([");
        c.text("json(").arg(0).text(")");
        for (int k = 0; k < paths.size(); k++) {
            List<String> keys = paths.get(k);
            c.text("], porygon_j -> list_transform([");
            JsonFunctions.toJsonValue(c, args.get(2 * k + 2));
            c.text("], porygon_v -> CASE WHEN porygon_j IS NULL THEN NULL ");
            if (keys.isEmpty()) {
                c.text("ELSE porygon_v END)[1])[1]");
                continue;
            }
            StringBuilder blocked = new StringBuilder("json_type(porygon_j) <> 'OBJECT'");
            for (int i = 1; i < keys.size(); i++) {
                blocked.append(" OR coalesce(json_type(porygon_j, '$.").append(String.join(".", keys.subList(0, i))).append("'), 'OBJECT') <> 'OBJECT'");
            }
            StringBuilder patch = new StringBuilder("porygon_v");
            for (int i = keys.size() - 1; i >= 0; i--) patch.insert(0, "json_object('" + keys.get(i) + "', ").append(')');
            c.text("WHEN porygon_v IS NULL OR json_type(porygon_v) IN ('OBJECT', 'NULL') THEN error('JSON_SET: Porygon sets values that are "
                    + "not objects or null only (DuckDB''s json_merge_patch merges an object and deletes on null)') ");
            if (!create) c.text("WHEN json_type(porygon_j, '$." + String.join(".", keys) + "') IS NULL THEN porygon_j ");
            c.text("WHEN " + blocked + " THEN error('JSON_SET: a value on the path is not an object') ");
            c.text("ELSE json_merge_patch(porygon_j, " + patch + ") END)[1])[1]");
        }
    }
}
