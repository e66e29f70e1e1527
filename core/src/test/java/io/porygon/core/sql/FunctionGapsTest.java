package io.porygon.core.sql;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Edge cases of the BYTES, base32, NORMALIZE and JSON_KEYS translations and of the functions the
 * catalog refuses with a reason; the documented behaviour is in the corpus (string.json, json.json).
 */
class FunctionGapsTest {

    final DuckDbTranslator translator = new DuckDbTranslator();
    static final SourceLocation AT = new SourceLocation("definitions/events.sqlx", 4, 1);

    @RegisterExtension
    static final TranslationWarehouse warehouse = new TranslationWarehouse();

    private List<List<Object>> query(String googleSql) throws SQLException {
        return warehouse.query(translator, googleSql, AT);
    }

    @Test
    void base32RoundTripsEveryLengthAndByteValue() throws SQLException {
        // lengths 0..12 cover every padding; the bytes run through all 256 values
        List<List<Object>> rows = query("SELECT n, TO_HEX(FROM_BASE32(TO_BASE32(b))) = TO_HEX(b) AS same, LENGTH(TO_BASE32(b)) AS len "
                + "FROM (SELECT n, CODE_POINTS_TO_BYTES(ARRAY(SELECT MOD(n * 37 + k * 11, 256) FROM UNNEST(GENERATE_ARRAY(1, n)) AS k)) AS b "
                + "FROM UNNEST(GENERATE_ARRAY(0, 12)) AS n) ORDER BY n");
        assertThat(rows).hasSize(13);
        for (List<Object> row : rows) {
            int n = ((Number) row.get(0)).intValue();
            assertThat(row.get(1)).as("round trip of %d bytes", n).isEqualTo(true);
            assertThat(((Number) row.get(2)).intValue()).as("padded length of %d bytes", n).isEqualTo((n + 4) / 5 * 8);
        }
    }

    @Test
    void fromBase32RefusesLowerCaseAndMissingPadding() {
        for (String text : List.of("my======", "MY", "MZXW6YTBOI=======", "M=======")) {
            assertThatThrownBy(() -> query("SELECT FROM_BASE32('" + text + "')")).as(text)
                    .isInstanceOf(SQLException.class).hasMessageContaining("FROM_BASE32: the text is not base32");
        }
    }

    @Test
    void bytesFunctionsKeepNullsAndTypes() throws SQLException {
        assertThat(query("SELECT CODE_POINTS_TO_BYTES([65, NULL]) AS with_null, TO_CODE_POINTS(REVERSE(b'\\x01\\x02\\x03')) AS reversed, "
                + "REVERSE(CAST(NULL AS STRING)) AS null_string, TO_HEX(SHA1('Hello World')) AS sha1"))
                .containsExactly(java.util.Arrays.asList(null, List.of(new java.math.BigDecimal(3), new java.math.BigDecimal(2), new java.math.BigDecimal(1)),
                        null, "0a4d55a8d778e5022fab701977c5d840bbc486d0"));
        try (Statement st = warehouse.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT typeof(r) FROM (" + translator.translate("SELECT REVERSE('abc') AS r", AT) + ")")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("a STRING stays a STRING").isEqualTo("VARCHAR");
        }
    }

    @Test
    void invalidUtf8IsAnErrorRatherThanOtherText() {
        assertThatThrownBy(() -> query("SELECT SAFE_CONVERT_BYTES_TO_STRING(b'\\xc2')"))
                .isInstanceOf(SQLException.class).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void jsonKeysRefusesKeysBigQueryEscapesAndANonPositiveDepth() throws SQLException {
        assertThatThrownBy(() -> query("SELECT JSON_KEYS(JSON '{\"a.b\": 1}')"))
                .isInstanceOf(SQLException.class).hasMessageContaining("JSON_KEYS: a key holds characters");
        assertThatThrownBy(() -> query("SELECT JSON_KEYS(JSON '{\"a\": 1}', 0)"))
                .isInstanceOf(SQLException.class).hasMessageContaining("max_depth must be positive");
        // a key inside an array that strict mode skips is not checked
        assertThat(query("SELECT JSON_KEYS(JSON '{\"a\": [{\"x y\": 1}]}')")).containsExactly(List.of(List.of("a")));
        // one value per row, from a column
        assertThat(query("SELECT JSON_KEYS(j) FROM UNNEST([JSON '{\"b\": 1}', JSON '{\"c\": {\"d\": 2}}']) AS j WITH OFFSET o ORDER BY o"))
                .containsExactly(List.of(List.of("b")), List.of(List.of("c", "c.d")));
    }

    @Test
    void jsonQueryArrayOfAJsonValueGivesJsonElementsAndOfAStringStrings() throws SQLException {
        // BigQuery: ARRAY<JSON> for JSON input, so the elements are encoded once, not as strings holding JSON
        String json = "(SELECT JSON '{\"a\":[{\"k\":\"v1\"}],\"b\":[1,\"x\",null]}' AS j)";
        assertThat(query("SELECT TO_JSON_STRING(JSON_EXTRACT_ARRAY(j, '$.a')[OFFSET(0)]), TO_JSON_STRING(TO_JSON(JSON_QUERY_ARRAY(j, '$.a')[OFFSET(0)])), "
                + "JSON_TYPE(TO_JSON(JSON_QUERY_ARRAY(j, '$.a')[OFFSET(0)])), TO_JSON_STRING(JSON_QUERY_ARRAY(j, '$.b')), "
                + "JSON_TYPE(JSON_QUERY_ARRAY(j, '$.b')[OFFSET(2)]), JSON_QUERY_ARRAY(j, '$.c') IS NULL FROM " + json))
                .containsExactly(List.of("{\"k\":\"v1\"}", "{\"k\":\"v1\"}", "object", "[1,\"x\",null]", "null", true));
        // a STRING input keeps ARRAY<STRING>: each element is a string holding JSON text
        String text = "(SELECT '{\"a\":[{\"k\":\"v1\"}],\"b\":[1,\"x\"]}' AS j)";
        assertThat(query("SELECT TO_JSON_STRING(JSON_EXTRACT_ARRAY(j, '$.a')[OFFSET(0)]), TO_JSON_STRING(JSON_QUERY_ARRAY(j, '$.b')), "
                + "JSON_TYPE(TO_JSON(JSON_QUERY_ARRAY(j, '$.b')[OFFSET(0)])), TO_JSON_STRING(JSON_QUERY_ARRAY(CAST(NULL AS STRING), '$')) FROM " + text))
                .containsExactly(List.of("\"{\\\"k\\\":\\\"v1\\\"}\"", "[\"1\",\"\\\"x\\\"\"]", "string", "null"));
        // an input evaluated once per row (RAND()) and an untyped NULL
        assertThat(query("SELECT JSON_TYPE(JSON_QUERY_ARRAY(IF(RAND() < 2, JSON '[[1]]', NULL))[OFFSET(0)]), JSON_QUERY_ARRAY(NULL) IS NULL"))
                .containsExactly(List.of("array", true));
    }

    @Test
    void jsonQueryOfAStringIsTextThatMixesWithStringsAndOfAJsonValueStaysJson() throws SQLException {
        // BigQuery: JSON_QUERY(json_string_expr, ...) is a JSON-formatted STRING, JSON_QUERY(json_expr, ...) JSON
        String strings = "UNNEST(['{\"y\": 1}', '{\"x\": {\"k\": 2}}']) AS j WITH OFFSET o ORDER BY o";
        assertThat(query("SELECT COALESCE(JSON_QUERY(j, '$.x'), 'none'), CASE WHEN JSON_VALUE(j, '$.y') IS NULL THEN JSON_QUERY(j, '$.x') ELSE 'n/a' END, "
                + "IFNULL(JSON_EXTRACT(j, '$.x'), '{}'), JSON_QUERY(j, '$.x') = '{\"k\":2}', CONCAT(JSON_EXTRACT(j, \"$['x']\"), '!') FROM " + strings))
                .containsExactly(java.util.Arrays.asList("none", "n/a", "{}", null, null), List.of("{\"k\":2}", "{\"k\":2}", "{\"k\":2}", true, "{\"k\":2}!"));
        assertThat(columnTypes("SELECT IFNULL(JSON_QUERY(j, '$.x'), '{}') AS s, JSON_EXTRACT(j, '$') AS whole, JSON_QUERY(PARSE_JSON(j), '$.x') AS parsed, "
                + "JSON_EXTRACT(JSON '{\"x\": 1}', '$.x') AS literal, JSON_QUERY(CAST(NULL AS STRING), '$') AS null_string FROM " + strings))
                .containsExactly("VARCHAR", "VARCHAR", "JSON", "JSON", "VARCHAR");
        // an input evaluated once per row (a subquery, RAND()) keeps its type too
        assertThat(columnTypes("SELECT JSON_QUERY((SELECT '{\"a\": [1]}'), '$.a'), JSON_QUERY(IF(RAND() < 2, JSON '{\"a\": [1]}', NULL), '$.a')"))
                .containsExactly("VARCHAR", "JSON");
        assertThat(query("SELECT JSON_QUERY((SELECT '{\"a\": [1]}'), '$.a') || '', TO_JSON_STRING(JSON_QUERY(IF(RAND() < 2, JSON '{\"a\": [1]}', NULL), '$.a'))"))
                .containsExactly(List.of("[1]", "[1]"));
        // a JSON-typed result mixes with JSON as before
        assertThat(query("SELECT TO_JSON_STRING(COALESCE(JSON_QUERY(JSON '{\"y\": 1}', '$.x'), JSON '{}'))")).containsExactly(List.of("{}"));
    }

    /** The DuckDB type of each column of a query's translation. */
    private List<String> columnTypes(String googleSql) throws SQLException {
        try (Statement st = warehouse.connection().createStatement(); ResultSet rs = st.executeQuery(translator.translate(googleSql, AT))) {
            List<String> types = new java.util.ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) types.add(rs.getMetaData().getColumnTypeName(i));
            return types;
        }
    }

    @Test
    void jsonEditsEvaluateTheirArgumentOnceAndLeaveOtherValuesAlone() throws SQLException {
        // a value that is not an object at the path's parent is returned as it is
        assertThat(query("SELECT TO_JSON_STRING(JSON_REMOVE(JSON '[{\"a\": 1}]', '$.a')), TO_JSON_STRING(JSON_REMOVE(JSON '3', '$.a'))"))
                .containsExactly(List.of("[{\"a\":1}]", "3"));
        // RAND() inside: one draw per row (the result has exactly one member whatever the draw)
        assertThat(query("SELECT TO_JSON_STRING(JSON_STRIP_NULLS(TO_JSON(STRUCT(IF(RAND() < 2, NULL, 1) AS a, 1 AS b))))"))
                .containsExactly(List.of("{\"b\":1}"));
    }

    @Test
    void namedArgumentsIgnoreTheCaseOfTheirNameAndABadOneIsRefused() throws SQLException {
        assertThat(query("SELECT JSON_KEYS(JSON '{\"a\": [[{\"b\": 1}]]}', MODE => 'lax recursive'), "
                + "TO_JSON_STRING(JSON_STRIP_NULLS(JSON '[null, 1]', Include_Arrays => FALSE)), "
                + "TO_JSON_STRING(JSON_SET(JSON '{}', '$.a.b', 1, CREATE_IF_MISSING => FALSE))"))
                .containsExactly(List.of(List.of("a", "a.b"), "[null,1]", "{}"));
        assertRefused("SELECT JSON_KEYS(j, mode => 'loose') FROM t", "mode => 'loose'", "'lax recursive'");
        assertRefused("SELECT JSON_SET(j, '$.a', 1, create_if_missing => flag) FROM t", "create_if_missing => flag", "TRUE|FALSE");
        assertRefused("SELECT PARSE_JSON(s, wide_number_mode => 'EXACT') FROM t", "'EXACT'", "lower case");
    }

    @Test
    void ipv6AndAmbiguousAddressesAreErrorsNotNull() {
        for (String sql : List.of("SELECT NET.SAFE_IP_FROM_STRING('::1')", "SELECT NET.SAFE_IP_FROM_STRING('010.0.0.1')",
                "SELECT NET.IP_FROM_STRING('2001:db8::1')", "SELECT NET.IP_TO_STRING(NET.IP_NET_MASK(16, 8))")) {
            assertThatThrownBy(() -> query(sql)).as(sql).isInstanceOf(SQLException.class).hasMessageContaining("IPv4");
        }
    }

    @Test
    void aDottedQuadWithAnOctetAbove255IsNoAddress() throws SQLException {
        // BigQuery: NET.SAFE_IP_FROM_STRING gives NULL for text that is not an address; only leading zeros are refused
        assertThat(query("SELECT NET.SAFE_IP_FROM_STRING('256.1.1.1'), NET.SAFE_IP_FROM_STRING('1.2.3.999')"))
                .containsExactly(java.util.Arrays.asList(null, null));
        assertThatThrownBy(() -> query("SELECT NET.IP_FROM_STRING('1.2.3.999')"))
                .isInstanceOf(SQLException.class).hasMessageContaining("not an IP address");
    }

    @Test
    void upperWritesSharpSAsTwoLetters() throws SQLException {
        // BigQuery's UPPER is ICU's full case mapping (ZetaSQL's UpperUtf8, root locale): ß becomes SS, not ẞ
        assertThat(query("SELECT UPPER('Straße'), UPPER(s), LENGTH(UPPER(s)) FROM UNNEST(['groß']) AS s"))
                .containsExactly(List.of("STRASSE", "GROSS", new java.math.BigDecimal(5)));
    }

    @Test
    void containsSubstrSearchesStringsOnly() {
        assertThatThrownBy(() -> query("SELECT CONTAINS_SUBSTR(STRUCT('a' AS x), 'a')"))
                .isInstanceOf(SQLException.class).hasMessageContaining("STRING values only");
    }

    @Test
    void jsonSetRefusesWhatMergePatchWouldChange() {
        assertThatThrownBy(() -> query("SELECT JSON_SET(JSON '{\"a\": 1}', '$.a.b', 2)"))
                .isInstanceOf(SQLException.class).hasMessageContaining("not an object");
        assertThatThrownBy(() -> query("SELECT JSON_SET(JSON '[1]', '$.a', 2)"))
                .isInstanceOf(SQLException.class).hasMessageContaining("not an object");
        for (String value : List.of("STRUCT(1 AS c)", "CAST(NULL AS INT64)", "JSON 'null'")) {
            assertThatThrownBy(() -> query("SELECT JSON_SET(JSON '{\"a\": 1}', '$.a', " + value + ")")).as(value)
                    .isInstanceOf(SQLException.class).hasMessageContaining("not objects or null");
        }
    }

    @Test
    void refusedFunctionsSayWhyAndWhatToWriteInstead() {
        assertRefused("SELECT NORMALIZE(name, NFKC) FROM t", "NFKC", "NFC");
        assertRefused("SELECT SHA512(name) FROM t", "SHA-512", "SHA256");
        assertRefused("SELECT DATE_BUCKET(d, INTERVAL 1 MONTH) FROM t", "INTERVAL 1 MONTH", "DATE_TRUNC");
        assertRefused("SELECT TIMESTAMP_BUCKET(ts, w) FROM t", "bucket width w", "INTERVAL literal");
        assertRefused("SELECT NORMALIZE_AND_CASEFOLD(name) FROM t", "case folding", "LOWER(NORMALIZE(x))");
        assertRefused("SELECT NET.REG_DOMAIN(url) FROM t", "public suffix list", "NET.HOST");
        assertRefused("SELECT JSON_ARRAY_APPEND(j, '$.a', 1) FROM t", "edits a JSON value", "JSON_OBJECT");
        assertRefused("SELECT JSON_SET(j, '$.a[1]', 1) FROM t", "$.a[1]", "JSON_ARRAY");
        assertRefused("SELECT JSON_STRIP_NULLS(j, remove_empty => TRUE) FROM t", "remove_empty", "leave it out");
        assertRefused("SELECT JSON_STRIP_NULLS(j, '$.a') FROM t", "json_path", "JSON_QUERY");
        assertRefused("SELECT JSON_REMOVE(j, '$.a[0]') FROM t", "$.a[0]", "ARRAY_FILTER");
        assertRefused("SELECT JSON_REMOVE(j, '$') FROM t", "only literal paths of object keys", "ARRAY_FILTER");
        // BigQuery's REGEXP_EXTRACT_ALL('aaa', 'a*') is ['aaa'], DuckDB's ['aaa', '']
        assertRefused("SELECT REGEXP_EXTRACT_ALL(name, r'[^,]*') FROM t", "a pattern that matches the empty string", "+ rather than *");
        assertRefused("SELECT REGEXP_EXTRACT_ALL(name, r'(\\d*)') FROM t", "a pattern that matches the empty string", "+ rather than *");
        // anchored at the start only without an alternative
        assertRefused("SELECT REGEXP_EXTRACT_ALL(name, r'^a*|b*') FROM t", "a pattern that matches the empty string", "+ rather than *");
        // Java's multi-line ^ does not match at the end of the text, RE2's does: 'a\n' by (?m)^a* ends with an empty match
        assertRefused("SELECT REGEXP_EXTRACT_ALL(name, r'(?m)^a*') FROM t", "a pattern that matches the empty string", "+ rather than *");
        assertRefused("SELECT REGEXP_EXTRACT_ALL(name, r'(?im)^a*') FROM t", "a pattern that matches the empty string", "+ rather than *");
    }

    private void assertRefused(String sql, String reason, String hint) {
        assertThatThrownBy(() -> translator.translate(sql, AT)).as(sql)
                .isInstanceOf(PorygonException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> {
                    assertThat(((PorygonException) e).hint()).contains(hint);
                    assertThat(((PorygonException) e).location().file()).isEqualTo("definitions/events.sqlx");
                });
    }

    @Test
    void theTimeOfATimestampAndCurrentDatetimeWithoutParentheses() throws SQLException {
        assertThat(query("SELECT CAST(TIME(TIMESTAMP '2024-01-01 10:11:12+02') AS STRING)")).containsExactly(List.of("08:11:12"));
        assertThat(query("SELECT CURRENT_DATETIME IS NOT NULL, CURRENT_TIME() IS NOT NULL, CURRENT_TIME IS NOT NULL"))
                .containsExactly(List.of(true, true, true));
    }
}
