package io.porygon.core.sql;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.graph.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The statements the runner emits, identifiers, literals and errors, run on a real DuckDB file. */
class DuckDbTranslatorTest {

    final DuckDbTranslator translator = new DuckDbTranslator();
    static final SourceLocation AT = new SourceLocation("definitions/orders.sqlx", 7, 1);

    @RegisterExtension
    static final TranslationWarehouse warehouse = new TranslationWarehouse("CREATE SCHEMA IF NOT EXISTS thelook", "CREATE SCHEMA IF NOT EXISTS reporting");

    private void run(String googleSql) throws SQLException {
        String duck = translator.translate(googleSql, AT);
        try (Statement st = warehouse.connection().createStatement()) {
            for (String s : duck.split(";\n")) st.execute(s);
        }
    }

    private List<List<Object>> query(String googleSql) throws SQLException {
        return warehouse.query(translator, googleSql, AT);
    }

    @Test
    void runnerStatementsTranslateAndRun() throws SQLException {
        run("CREATE OR REPLACE TABLE `my-project.thelook.orders_dim` AS SELECT 1 AS order_id, 'Shipped' AS status, "
                + "TIMESTAMP '2024-01-02 03:04:05+00' AS created_at, NUMERIC '12.50' AS amount");
        run("CREATE OR REPLACE VIEW `my-project.reporting.v_orders` AS SELECT order_id, DATE(created_at) AS d FROM `my-project.thelook.orders_dim`");
        run("INSERT INTO `my-project.thelook.orders_dim` (order_id, status, created_at, amount) "
                + "SELECT 2, \"Complete\", TIMESTAMP_ADD(TIMESTAMP '2024-01-02 03:04:05+00', INTERVAL 1 DAY), 3.25");
        run("MERGE `my-project.thelook.orders_dim` T USING (SELECT 2 AS order_id, 'Returned' AS status) S "
                + "ON T.order_id = S.order_id WHEN MATCHED THEN UPDATE SET status = S.status "
                + "WHEN NOT MATCHED THEN INSERT (order_id, status) VALUES (S.order_id, S.status)");
        run("ALTER TABLE `my-project.thelook.orders_dim` ADD COLUMN IF NOT EXISTS note STRING");
        run("CREATE OR REPLACE TABLE `my-project.thelook.orders_by_day` PARTITION BY DATE(created_at) CLUSTER BY status "
                + "OPTIONS(description = 'daily') AS SELECT created_at, status FROM `my-project.thelook.orders_dim`");
        run("DELETE `my-project.thelook.orders_dim` WHERE order_id = 1");

        assertThat(query("SELECT order_id, status, note FROM thelook.orders_dim ORDER BY order_id"))
                .containsExactly(Arrays.asList(num("2"), "Returned", null));
        assertThat(query("SELECT d FROM reporting.v_orders")).containsExactly(List.of("2024-01-03"));
    }

    @Test
    void mergeInsertRowFromAnAliasedUnnestInsertsTheElement() throws SQLException {
        // by position: the element alone, not the fields an aliased UNNEST shows beside it elsewhere
        run("CREATE OR REPLACE TABLE `p.thelook.one` (x INT64)");
        run("MERGE `p.thelook.one` T USING UNNEST([5, 6]) AS y ON T.x = y WHEN NOT MATCHED THEN INSERT ROW");
        assertThat(query("SELECT x FROM thelook.one ORDER BY x")).containsExactly(List.of(num("5")), List.of(num("6")));
        // with an UPDATE too, whose check that one source row matches each target row reads the same source
        run("MERGE `p.thelook.one` T USING UNNEST([5, 7]) AS y ON T.x = y WHEN MATCHED THEN UPDATE SET x = y + 100"
                + " WHEN NOT MATCHED THEN INSERT ROW");
        assertThat(query("SELECT x FROM thelook.one ORDER BY x")).containsExactly(List.of(num("6")), List.of(num("7")), List.of(num("105")));
    }

    @Test
    void mergeWhenNotMatchedByTargetInsertsAndBySourceDeletesOrUpdates() throws SQLException {
        run("CREATE OR REPLACE TABLE `p.thelook.stock` AS SELECT * FROM UNNEST([STRUCT(1 AS id, 5 AS qty), (3, 9), (4, -2), (5, 8)])");
        run("MERGE `p.thelook.stock` T USING (SELECT 2 AS id, 7 AS qty UNION ALL SELECT 1, 6) S ON T.id = S.id\n"
                + "WHEN MATCHED THEN UPDATE SET qty = S.qty\n"
                + "WHEN NOT MATCHED BY TARGET THEN INSERT (id, qty) VALUES (S.id, S.qty)\n"
                // the condition is one: without its parentheses, OR would bind to the marker the lexer writes
                + "WHEN NOT MATCHED\n  BY SOURCE AND T.id = 3 OR T.qty < 0 THEN DELETE\n"
                + "WHEN NOT MATCHED BY SOURCE THEN UPDATE SET qty = 0");
        assertThat(query("SELECT id, qty FROM thelook.stock ORDER BY id"))
                .containsExactly(List.of(num("1"), num("6")), List.of(num("2"), num("7")), List.of(num("5"), num("0")));
    }

    @Test
    void anUnnestAliasIsReadBeforeAColumnOfTheSameName() throws SQLException {
        // the GA4 idiom: BigQuery's range variables come before columns; DuckDB called the name ambiguous
        String source = "(SELECT 'purchase' AS event_name, [STRUCT('A' AS item_id, 2.5 AS price), STRUCT('B', 1.0)] AS items) AS e";
        assertThat(query("SELECT event_name, items.item_id, items.price FROM " + source + ", UNNEST(items) AS items ORDER BY items.item_id"))
                .containsExactly(TranslationCorpus.row("purchase", "A", 2.5), TranslationCorpus.row("purchase", "B", 1.0));
        assertThat(query("SELECT items.item_id, step FROM " + source + " LEFT JOIN UNNEST(e.items) AS items WITH OFFSET AS step ORDER BY step"))
                .containsExactly(List.of("A", num("0")), List.of("B", num("1")));
        // in a subquery too; a select-list alias of the same name stays what ORDER BY reads
        assertThat(query("SELECT (SELECT COUNT(*) FROM UNNEST(items) AS items WHERE items > 1) AS n FROM (SELECT [1, 2, 3] AS items)"))
                .containsExactly(List.of(num("2")));
        assertThat(query("SELECT -x AS x FROM UNNEST([1, 2]) AS x ORDER BY x")).containsExactly(List.of(num("-2")), List.of(num("-1")));
        // a select-list alias of the same name: ORDER BY reads the alias, the rest the element
        assertThat(query("SELECT UPPER(items) AS items FROM (SELECT ['b', 'a'] AS items) AS t, UNNEST(items) AS items ORDER BY items"))
                .containsExactly(List.of("A"), List.of("B"));
        assertThat(query("SELECT id AS items FROM (SELECT 1 AS id, [STRUCT('a' AS k), STRUCT('b')] AS items) AS t, UNNEST(items) AS items"
                + " WHERE items.k = 'a'")).containsExactly(List.of(num("1")));
        // a quoted alias with a space
        assertThat(query("SELECT `my item`.k FROM UNNEST([STRUCT(1 AS k)]) AS `my item`")).containsExactly(List.of(num("1")));
        // a subquery reads the alias of the select around it (GA4's item_params), and WITH OFFSET with the column's own name
        String items = "(SELECT [STRUCT('A' AS item_id, [STRUCT('list' AS key, 'home' AS value)] AS item_params), STRUCT('B', [])] AS items) AS ev";
        assertThat(query("SELECT items.item_id, pos, (SELECT value FROM UNNEST(items.item_params) WHERE key = 'list') FROM " + items
                + ", UNNEST(items) AS items WITH OFFSET AS pos ORDER BY pos"))
                .containsExactly(List.of("A", num("0"), "home"), Arrays.asList("B", num("1"), null));
    }

    @Test
    void theFieldsOfAnUnnestedStructAreColumnsBesideItsAlias() throws SQLException {
        // BigQuery: UNNEST of an array of structs is a value table, one column per field, and its alias the whole struct
        assertThat(query("SELECT key, p.value FROM UNNEST([STRUCT('page' AS key, 'home' AS value), STRUCT('n', '5')]) AS p WHERE key = 'page'"))
                .containsExactly(List.of("page", "home"));
        String ev = "(SELECT 1 AS id, [STRUCT('page' AS key, STRUCT('home' AS string_value, CAST(NULL AS INT64) AS int_value) AS value),"
                + " STRUCT('n', STRUCT(CAST(NULL AS STRING), 5))] AS event_params) AS ev";
        assertThat(query("SELECT id, value.string_value FROM " + ev + ", UNNEST(event_params) AS p WHERE key = 'page'"))
                .containsExactly(List.of(num("1"), "home"));
        // GA4's read of one parameter, in a subquery
        assertThat(query("SELECT (SELECT value.int_value FROM UNNEST(event_params) AS p WHERE key = 'n') AS n FROM " + ev))
                .containsExactly(List.of(num("5")));
        // a field of the first UNNEST beside the element of a second, correlated one
        assertThat(query("SELECT id, item FROM UNNEST([STRUCT(1 AS id, ['a', 'b'] AS items)]) AS t, UNNEST(t.items) AS item ORDER BY item"))
                .containsExactly(List.of(num("1"), "a"), List.of(num("1"), "b"));
        // WITH OFFSET, LEFT JOIN, and GROUP BY a field the select list reads through the alias
        assertThat(query("SELECT key, o FROM " + ev + ", UNNEST(event_params) AS p WITH OFFSET AS o WHERE key = 'n'"))
                .containsExactly(List.of("n", num("1")));
        assertThat(query("SELECT id, key FROM (SELECT 1 AS id, [STRUCT('a' AS key), STRUCT('b')] AS ps UNION ALL SELECT 2, [])"
                + " LEFT JOIN UNNEST(ps) AS p ORDER BY id, key")).containsExactly(List.of(num("1"), "a"), List.of(num("1"), "b"), Arrays.asList(num("2"), null));
        assertThat(query("SELECT p.key, COUNT(*) AS n FROM " + ev + ", UNNEST(event_params) AS p GROUP BY key ORDER BY key"))
                .containsExactly(List.of("n", num("1")), List.of("page", num("1")));
        // an UPDATE's FROM and a MERGE's USING read them too
        run("CREATE OR REPLACE TABLE `p.thelook.params` AS SELECT 'page' AS key, 'none' AS v");
        run("MERGE `p.thelook.params` T USING UNNEST([STRUCT('page' AS key, 'home' AS v), STRUCT('n', '5')]) AS s ON T.key = s.key"
                + " WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT (key, v) VALUES (key, v)");
        run("UPDATE `p.thelook.params` SET v = s.v || '!' FROM UNNEST([STRUCT('n' AS k, '6' AS v)]) AS s WHERE key = k");
        assertThat(query("SELECT key, v FROM thelook.params ORDER BY key")).containsExactly(List.of("n", "6!"), List.of("page", "home"));
    }

    @Test
    void theAliasOfAnUnnestedStructStillNamesTheWholeStruct() throws SQLException {
        String rows = " FROM UNNEST([STRUCT(1 AS id, 'a' AS k), STRUCT(2, 'b')]) AS p";
        assertThat(query("SELECT TO_JSON_STRING(p) AS j" + rows + " WHERE id = 2")).containsExactly(List.of("{\"id\":2,\"k\":\"b\"}"));
        assertThat(TranslationCorpus.namesAndRows(warehouse.connection(), translator.translate("SELECT p" + rows + " LIMIT 0", AT)))
                .containsExactly(List.of("p"));
        // BigQuery's star shows the fields (and the offset), not the struct; p.* the fields
        assertThat(TranslationCorpus.namesAndRows(warehouse.connection(), translator.translate("SELECT *" + rows + " WITH OFFSET AS o ORDER BY id", AT)))
                .containsExactly(List.of("id", "k", "o"), List.of(num("1"), "a", num("0")), List.of(num("2"), "b", num("1")));
        assertThat(TranslationCorpus.namesAndRows(warehouse.connection(), translator.translate("SELECT p.* EXCEPT (k)" + rows + " ORDER BY id", AT)))
                .containsExactly(List.of("id"), List.of(num("1")), List.of(num("2")));
        // the struct and its fields are one value, also when the array is not the same twice
        assertThat(query("SELECT LOGICAL_AND(STRPOS(TO_JSON_STRING(p), u) > 0) AND COUNT(*) = 2 FROM UNNEST([STRUCT(GENERATE_UUID() AS u), STRUCT(GENERATE_UUID())]) AS p"))
                .containsExactly(List.of(true));
        // an array of other elements: the star shows the element under its alias, as before
        assertThat(TranslationCorpus.namesAndRows(warehouse.connection(), translator.translate("SELECT * FROM UNNEST(['x']) AS n WITH OFFSET", AT)))
                .containsExactly(List.of("n", "offset"), List.of("x", num("0")));
    }

    @Test
    void selectAsStructStarOverAnAliasedUnnestRuns() throws SQLException {
        // the select is printed within its own printing: its star's exception was listed twice ("Duplicate entry")
        assertThat(query("SELECT TO_JSON_STRING(ARRAY(SELECT AS STRUCT * FROM UNNEST(ps) AS p)) FROM (SELECT [STRUCT(1 AS k), STRUCT(2)] AS ps)"))
                .containsExactly(List.of("[{\"k\":1},{\"k\":2}]"));
        assertThat(query("SELECT TO_JSON_STRING(ARRAY(SELECT AS STRUCT * FROM UNNEST([1, 2]) AS x)) AS j"))
                .containsExactly(List.of("[{\"x\":1},{\"x\":2}]"));
    }

    @Test
    void aMergeTargetsColumnNamedLikeTheSourcesUnnestAliasIsTheTargetsColumn() throws SQLException {
        // UPDATE SET s and INSERT (s) name the target's column s, not the source UNNEST(...) AS s
        run("CREATE OR REPLACE TABLE `p.thelook.aliased` AS SELECT 'page' AS key, 'none' AS s");
        run("MERGE `p.thelook.aliased` T USING UNNEST([STRUCT('page' AS key, 'home' AS v), STRUCT('n', '5')]) AS s ON T.key = s.key"
                + " WHEN MATCHED THEN UPDATE SET s = s.v WHEN NOT MATCHED THEN INSERT (key, s) VALUES (s.key, s.v)");
        assertThat(query("SELECT key, s FROM thelook.aliased ORDER BY key")).containsExactly(List.of("n", "5"), List.of("page", "home"));
        run("MERGE `p.thelook.aliased` T USING UNNEST(['zz']) AS key ON T.key = key WHEN NOT MATCHED THEN INSERT (key, s) VALUES (key, 'new')");
        assertThat(query("SELECT s FROM thelook.aliased WHERE key = 'zz'")).containsExactly(List.of("new"));
    }

    @Test
    void anUnqualifiedNameTwoFromItemsHaveIsStillAmbiguous() {
        // BigQuery: "Column name key is ambiguous"
        assertThatThrownBy(() -> query("SELECT key FROM UNNEST([STRUCT('a' AS key)]) AS p, UNNEST([STRUCT('b' AS key)]) AS q"))
                .isInstanceOf(SQLException.class).hasMessageContaining("Ambiguous reference to column name \"key\"");
        assertThatThrownBy(() -> query("SELECT key FROM (SELECT 'x' AS key, [STRUCT('a' AS key)] AS ps) AS t, UNNEST(t.ps) AS p"))
                .isInstanceOf(SQLException.class).hasMessageContaining("Ambiguous reference to column name \"key\"");
    }

    @Test
    void inUnnestTakesTheUnnestAloneBeforeAndOrOr() throws SQLException {
        // JSqlParser reads x IN UNNEST(a) AND y as x IN (UNNEST(a) AND y)
        String xs = " FROM UNNEST([1, 2, 3, 4]) AS x";
        assertThat(query("SELECT x" + xs + " WHERE x IN UNNEST([1, 3]) AND x > 1")).containsExactly(List.of(num("3")));
        assertThat(query("SELECT x" + xs + " WHERE x NOT IN UNNEST([1, 3]) OR x > 3 ORDER BY x")).containsExactly(List.of(num("2")), List.of(num("4")));
        assertThat(query("SELECT x" + xs + " WHERE x IN UNNEST(GENERATE_ARRAY(1, 5)) AND x < 2 OR x = 4 ORDER BY x"))
                .containsExactly(List.of(num("1")), List.of(num("4")));
        assertThat(query("SELECT COUNTIF(x IN UNNEST([1]) AND x > 0) AS c" + xs)).containsExactly(List.of(num("1")));
    }

    @Test
    void aJoinedUnnestGivesTheElementsInTheArraysOrder() throws SQLException {
        // BigQuery leaves the order of an aggregate without ORDER BY open, but gives the array's order
        // here, and models rely on it (a multi-valued key joined with STRING_AGG); DuckDB's UNNEST(...)
        // AS t(x) in a join gave the elements last first
        String rows = " FROM (SELECT 1 AS id, ['a', 'b', 'c'] AS vs UNION ALL SELECT 2, ['d', 'e']) AS t";
        assertThat(query("SELECT id, STRING_AGG(v) AS s" + rows + ", UNNEST(t.vs) AS v GROUP BY id ORDER BY id"))
                .containsExactly(List.of(num("1"), "a,b,c"), List.of(num("2"), "d,e"));
        assertThat(query("SELECT id, ARRAY_AGG(v) AS s" + rows + " CROSS JOIN UNNEST(vs) AS v GROUP BY id ORDER BY id"))
                .containsExactly(List.of(num("1"), List.of("a", "b", "c")), List.of(num("2"), List.of("d", "e")));
        // DFE's eventDataExtract: the values of one key of a repeated key/value struct, inside a subquery
        assertThat(query("SELECT (SELECT STRING_AGG(this_value, ',') FROM UNNEST(DATA), UNNEST(value) AS this_value WHERE key = 'k')"
                + " FROM (SELECT [STRUCT('k' AS key, ['1', '2', '3'] AS value), STRUCT('j', ['4'])] AS DATA)"))
                .containsExactly(List.of("1,2,3"));
        // the element named like the array column it comes from
        assertThat(query("SELECT STRING_AGG(item, '') FROM (SELECT ['x', 'y'] AS item), UNNEST(item) AS item")).containsExactly(List.of("xy"));
        // LEFT JOIN keeps a row for an empty or NULL array, then a later join still reads the first table
        String three = " FROM (SELECT 1 AS id, ['a', 'b', 'c'] AS vs UNION ALL SELECT 2, [] UNION ALL SELECT 3, NULL) AS t";
        assertThat(query("SELECT id, STRING_AGG(v) AS s, COUNT(*) AS n" + three + " LEFT JOIN UNNEST(vs) AS v GROUP BY id ORDER BY id"))
                .containsExactly(List.of(num("1"), "a,b,c", num("3")), Arrays.asList(num("2"), null, num("1")), Arrays.asList(num("3"), null, num("1")));
        assertThat(query("SELECT id, v, o.k" + three + " LEFT JOIN UNNEST(vs) AS v LEFT JOIN (SELECT 3 AS k) AS o ON o.k = t.id ORDER BY id, v"))
                .containsExactly(Arrays.asList(num("1"), "a", null), Arrays.asList(num("1"), "b", null), Arrays.asList(num("1"), "c", null),
                        Arrays.asList(num("2"), null, null), Arrays.asList(num("3"), null, num("3")));
        assertThat(query("SELECT id, STRING_AGG(key) AS s FROM (SELECT 1 AS id, [STRUCT('k1' AS key), STRUCT('k2')] AS ps UNION ALL SELECT 2, [])"
                + " LEFT JOIN UNNEST(ps) GROUP BY id ORDER BY id")).containsExactly(List.of(num("1"), "k1,k2"), Arrays.asList(num("2"), null));
    }

    @Test
    void ignoreNullsAfterACallArgumentBelongsToTheEnclosingFunction() throws SQLException {
        // GA4's previous page: JSqlParser hung IGNORE NULLS on the IF
        String rows = " FROM UNNEST([STRUCT(1 AS n, 'Home' AS s), (2, NULL), (3, 'Cart')])";
        assertThat(query("SELECT n, LAST_VALUE(IF(s IS NOT NULL, s, NULL) IGNORE NULLS) OVER (ORDER BY n ROWS BETWEEN UNBOUNDED PRECEDING"
                + " AND 1 PRECEDING) AS prev" + rows + " ORDER BY n"))
                .containsExactly(Arrays.asList(num("1"), null), List.of(num("2"), "Home"), List.of(num("3"), "Home"));
        assertThat(query("SELECT ARRAY_AGG(UPPER(s) IGNORE NULLS) AS a, ARRAY_AGG(LOWER(s) IGNORE NULLS LIMIT 1) AS b" + rows))
                .containsExactly(List.of(List.of("HOME", "CART"), List.of("home")));
        // ordered by a call: the lexer puts IGNORE NULLS after the ORDER BY, where JSqlParser hangs it on that call
        assertThat(query("SELECT ARRAY_AGG(IF(n > 1, s, NULL) IGNORE NULLS ORDER BY ABS(n) DESC LIMIT 1)[SAFE_OFFSET(0)],"
                + " ARRAY_AGG(UPPER(s) IGNORE NULLS ORDER BY UPPER(s))" + rows))
                .containsExactly(List.of("Cart", List.of("CART", "HOME")));
    }

    @Test
    void aWindowedArrayAggIgnoresNullsThroughAFilter() throws SQLException {
        assertThat(query("SELECT ARRAY_AGG(LOWER(page) IGNORE NULLS) OVER (ORDER BY ts) FROM UNNEST([STRUCT(1 AS ts, 'A' AS page), (2, NULL),"
                + " (3, 'C')]) ORDER BY ts")).containsExactly(List.of(List.of("a")), List.of(List.of("a")), List.of(List.of("a", "c")));
    }

    @Test
    void arrayToStringOfAnArraySubqueryKeepsItsLiteralDelimiterConstant() throws SQLException {
        // the subquery is bound once; DuckDB's array_to_string refused a delimiter bound with it ("must be a constant")
        assertThat(query("SELECT ARRAY_TO_STRING(ARRAY(SELECT x FROM UNNEST(['b', 'a']) x ORDER BY x), ' > '), "
                + "ARRAY_TO_STRING(ARRAY(SELECT x FROM UNNEST(['b', NULL, 'a']) x WITH OFFSET o ORDER BY o), ',', '?'), "
                + "ARRAY_TO_STRING((SELECT ARRAY_AGG(x ORDER BY x DESC) FROM UNNEST(['b', 'a']) x), '-')"))
                .containsExactly(List.of("a > b", "b,?,a", "b-a"));
    }

    @Test
    void createSchemaWithABacktickedNameLeavesTheNextStatementAlone() {
        assertThat(translator.translate("CREATE SCHEMA IF NOT EXISTS `otherproj.newds` OPTIONS(location = 'EU');\n"
                + "CREATE OR REPLACE TABLE `otherproj.newds.t` AS SELECT 1 AS x", AT))
                .isEqualTo("CREATE SCHEMA IF NOT EXISTS \"newds\";\nCREATE OR REPLACE TABLE newds.t AS SELECT 1 AS x");
    }

    @Test
    void aTableNameWithADoubleQuoteIsReadUnderThatName() throws SQLException {
        // config { name: "t\"q" } is created as thelook."t""q"; a query reading it named thelook."t""""q"
        run("CREATE OR REPLACE TABLE `p.thelook.t\"q` AS SELECT 1 AS id");
        assertThat(translator.translate("SELECT id FROM `p.thelook.t\"q`", AT)).isEqualTo("SELECT id FROM thelook.\"t\"\"q\"");
        assertThat(query("SELECT id FROM `p.thelook.t\"q`")).containsExactly(List.of(num("1")));
    }

    @Test
    void isDistinctFromTranslatesItsOperands() throws SQLException {
        // GA4's debug_mode filter; DuckDB's log() takes its arguments the other way round
        assertThat(query("SELECT LOG(100, 10) IS DISTINCT FROM 2, SAFE_DIVIDE(1, 0) IS NOT DISTINCT FROM NULL,"
                + " (SELECT v FROM UNNEST([STRUCT('debug_mode' AS key, 1 AS v)]) WHERE key = 'debug_mode') IS DISTINCT FROM 1"))
                .containsExactly(List.of(false, true, false));
    }

    @Test
    void safeDivAndModOfTheSmallestInt64ByMinusOneAreNull() throws SQLException {
        // BigQuery: DIV and MOD overflow for INT64's minimum divided by -1, an error that the SAFE. prefix makes NULL
        String smallest = "(SELECT CAST('-9223372036854775808' AS INT64) AS x)";
        assertThat(query("SELECT SAFE.DIV(x, -1), SAFE.MOD(x, -1), SAFE.DIV(x, 2), SAFE.MOD(7, -2), SAFE.DIV(1, 0) FROM " + smallest))
                .containsExactly(Arrays.asList(null, null, num("-4611686018427387904"), num("1"), null));
        assertThatThrownBy(() -> query("SELECT DIV(x, -1) FROM " + smallest)).isInstanceOf(SQLException.class).hasMessageContaining("Overflow");
    }

    @Test
    void structFieldsJSqlParserCannotReadInItsStructRuleAreReadAsNamedArguments() throws SQLException {
        // GA4 models: a parameter's subquery, the first value of an ARRAY_AGG, an IF with AND
        String params = "(SELECT 1 AS n, [STRUCT('page_location' AS key, STRUCT('/home' AS string_value) AS value)] AS event_params)";
        assertThat(query("SELECT TO_JSON_STRING(STRUCT((SELECT ep.value.string_value FROM UNNEST(event_params) ep WHERE ep.key ="
                + " 'page_location') AS page_location, n AS event_no)) FROM " + params))
                .containsExactly(List.of("{\"page_location\":\"/home\",\"event_no\":1}"));
        String rows = " FROM UNNEST([STRUCT(2 AS n, 'b' AS s), (1, NULL), (3, 'c')])";
        assertThat(query("SELECT TO_JSON_STRING(STRUCT(ARRAY_AGG(s IGNORE NULLS ORDER BY n LIMIT 1)[SAFE_OFFSET(0)] AS first_s,"
                + " IF(COUNT(*) = 3 AND MIN(n) = 1, 'y', 'n') AS a, MAX(n)))" + rows))
                .containsExactly(List.of("{\"first_s\":\"b\",\"a\":\"y\",\"_field_3\":3}"));
        // a field of the literal itself, of a typed one, of an indexed array literal, and a field of a field
        assertThat(query("SELECT STRUCT(1 AS x, 'a' AS y).y, STRUCT((SELECT 2) AS x).x + 1, STRUCT(3 AS x) . x"))
                .containsExactly(List.of("a", num("3"), num("3")));
        assertThat(query("SELECT STRUCT<x INT64>(5).x, [STRUCT(1 AS x)][OFFSET(0)].x, STRUCT(1 AS x, STRUCT(2 AS z) AS w).w.z, 'a).b' AS s"))
                .containsExactly(List.of(num("5"), num("1"), num("2"), "a).b"));
    }

    @Test
    void castWithADateFormatParsesAndWritesText() throws SQLException {
        // GA4's event_date: CAST(event_date AS DATE FORMAT 'YYYYMMDD')
        assertThat(query("SELECT CAST(CAST('20240105' AS DATE FORMAT 'YYYYMMDD') AS STRING), SAFE_CAST('2024x' AS DATE FORMAT 'YYYYMMDD'),"
                + " CAST(CAST('2024-01-05 10:11:12' AS DATETIME FORMAT 'YYYY-MM-DD HH24:MI:SS') AS STRING),"
                + " CAST(DATE '2024-01-05' AS STRING FORMAT 'DD.MM.YYYY')"))
                .containsExactly(Arrays.asList("2024-01-05", null, "2024-01-05 10:11:12", "05.01.2024"));
        // an element that is not translated (DAY: padded or not is unconfirmed) is refused at the cast, naming it
        assertThatThrownBy(() -> translator.translate("SELECT 1,\n  CAST(d AS STRING FORMAT 'DAY DD') FROM t", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("'DAY DD'")
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(8));
    }

    @Test
    void castToStringWithADateFormatWritesDatesAndTimesAndRefusesOtherValues() throws SQLException {
        assertThat(query("SELECT CAST(t AS STRING FORMAT 'HH24:MI'), CAST(ts AS STRING FORMAT 'YYYY-MM-DD HH24'), CAST(d AS STRING FORMAT 'YYYY'),"
                + " CAST(n AS STRING FORMAT 'YYYY') FROM (SELECT TIME '10:20:30' AS t, TIMESTAMP '2024-01-05 23:30:00+00' AS ts,"
                + " CAST(NULL AS DATE) AS d, CAST(NULL AS INT64) AS n)"))
                .containsExactly(Arrays.asList("10:20", "2024-01-05 23", null, null));
        // BigQuery formats no STRING or INT64 with date elements: an error, not DuckDB's reading of the value as a timestamp (or NULL)
        for (String value : List.of("'2024-01-05'", "'garbage'", "20240105")) {
            assertThatThrownBy(() -> query("SELECT CAST(v AS STRING FORMAT 'YYYY') FROM UNNEST([" + value + "]) AS v")).as(value)
                    .isInstanceOf(SQLException.class).hasMessageContaining("FORMAT");
        }
    }

    @Test
    void aBetweenWithAnIntervalInANestedCallOfABoundRuns() throws SQLException {
        // GA4's string dates: JSqlParser cannot read the INTERVAL there, so the BETWEEN goes as >= AND <=
        String days = "FROM UNNEST(['20241120', '20241125', '20241128']) AS d";
        String window = "FORMAT_DATE('%Y%m%d', DATE_SUB(DATE '2024-11-28', INTERVAL 3 DAY))\n  AND FORMAT_DATE('%Y%m%d', DATE '2024-11-28')";
        assertThat(query("SELECT d " + days + "\nWHERE d BETWEEN " + window + " ORDER BY d")).containsExactly(List.of("20241125"), List.of("20241128"));
        assertThat(query("SELECT d " + days + " WHERE d NOT BETWEEN " + window)).containsExactly(List.of("20241120"));
        assertThat(query("SELECT COUNTIF(d BETWEEN " + window + ") AS n, COUNTIF(LENGTH(d) = 8 AND d BETWEEN " + window + ") AS m " + days))
                .containsExactly(List.of(num("2"), num("2")));
        // an operand after an operator is not guessed at: the parse error says what to write
        assertThatThrownBy(() -> translator.translate("SELECT * FROM t WHERE a || d BETWEEN " + window, AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("near \"AND\"")
                .satisfies(e -> assertThat(((PorygonException) e).hint()).contains("x >= ... AND x <= ..."));
    }

    @Test
    void unnestWithOffsetAndNoElementNameShowsTheStructsFieldsAndTheOffset() throws SQLException {
        String params = "(SELECT [STRUCT('ga_session_id' AS key, 1 AS v), STRUCT('page_location', 2)] AS event_params)";
        assertThat(query("SELECT (SELECT STRING_AGG(key, '|' ORDER BY off) FROM UNNEST(event_params) WITH OFFSET AS off) FROM " + params))
                .containsExactly(List.of("ga_session_id|page_location"));
        // the default name offset is a DuckDB keyword: read qualified
        assertThat(query("SELECT (SELECT MAX(offset) FROM UNNEST(['a', 'b', 'c']) WITH OFFSET)")).containsExactly(List.of(num("2")));
    }

    @Test
    void grantAndRevokeAreAccessControlAndTranslateToNothing() {
        // Dataform projects grant readers in post_operations; DuckDB has no IAM, and what the table holds does not change
        assertThat(translator.translate("GRANT `roles/bigquery.dataViewer` ON TABLE `p.s.t` TO \"group:analysts@example.com\";\n"
                + "SELECT 1 AS x", AT)).isEqualTo("SELECT 1 AS x");
        assertThat(translator.translate("GRANT `roles/bigquery.dataViewer`, `roles/bigquery.metadataViewer` ON SCHEMA s\n"
                + "  TO 'user:a@example.com', \"serviceAccount:b@p.iam.gserviceaccount.com\";\n"
                + "REVOKE `roles/bigquery.dataEditor` ON VIEW p.s.v FROM \"user:c@example.com\";\nSELECT 2 AS y", AT))
                .isEqualTo("SELECT 2 AS y");
        // another GRANT is not BigQuery's: not taken for access control, it reaches DuckDB, which refuses it
        assertThat(translator.translate("GRANT SELECT ON t TO someone", AT)).contains("GRANT");
    }

    @Test
    void aQueryLabelIsMetadataAndAnOrderedWindowCallIsALocatedError() {
        // superform's GA4 package labels each model's job
        assertThat(translator.translate("SET @@query_label = \"team:ga4,model:sessions\";\nSELECT 1 AS x", AT)).isEqualTo("SELECT 1 AS x");
        assertThatThrownBy(() -> translator.translate("SET @@time_zone = 'Europe/Berlin'", AT)).hasMessageContaining("@@time_zone");
        assertThatThrownBy(() -> translator.translate("SELECT 1,\n  ARRAY_AGG(n ORDER BY n LIMIT 1) OVER (PARTITION BY u) AS a FROM t", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("no ORDER BY or LIMIT inside a window function's call")
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(8));
    }

    @Test
    void columnsNamedWithWordsDuckDbReservesButBigQueryDoesNotAreQuoted() throws SQLException {
        // offset, primary, column: names on BigQuery, keywords on DuckDB; LIMIT ... OFFSET stays a keyword
        assertThat(query("SELECT offset, primary, column FROM (SELECT 2 AS offset, 'p' AS primary, 'c' AS column UNION ALL"
                + " SELECT 1, 'q', 'd') ORDER BY offset LIMIT 1 OFFSET 1")).containsExactly(List.of(num("2"), "p", "c"));
    }

    @Test
    void anEmptyItemOfAListIsReportedAtItsSecondCommaNotWhereTheParserGaveUp() {
        // AT is line 7: the statement's second line is the file's eighth
        assertThatThrownBy(() -> translator.translate("SELECT id,\n  COALESCE(a,, b) AS c FROM t", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("near \",\"")
                .satisfies(e -> assertThat(((PorygonException) e).location()).isEqualTo(new SourceLocation("definitions/orders.sqlx", 8, 14)))
                .satisfies(e -> assertThat(((PorygonException) e).hint()).startsWith("two commas with nothing between them"));
        // commas in strings, quoted names and comments are no list's
        assertThatThrownBy(() -> translator.translate("SELECT ',,' AS `a,,b`, -- ,,\n  COALESCE(a b) FROM t", AT))
                .isInstanceOf(PorygonException.class)
                .satisfies(e -> assertThat(((PorygonException) e).hint()).doesNotContain("two commas"));
    }

    @Test
    void selectAsValueAndAStarStructWithoutFromAreLocatedWhereTheyAreWritten() {
        // AT is line 7: the statement's second line is the file's eighth
        assertThatThrownBy(() -> translator.translate("SELECT STRUCT(1 AS a) AS s,\n  (SELECT AS STRUCT t.*, 2 AS extra) AS x FROM t", AT))
                .isInstanceOf(PorygonException.class)
                .satisfies(e -> assertThat(((PorygonException) e).location()).isEqualTo(new SourceLocation("definitions/orders.sqlx", 8, 4)));
        assertThatThrownBy(() -> translator.translate("SELECT 1,\n (SELECT AS VALUE 5) AS v", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("SELECT AS VALUE is not translated")
                .satisfies(e -> assertThat(((PorygonException) e).location()).isEqualTo(new SourceLocation("definitions/orders.sqlx", 8, 3)));
    }

    @Test
    void anUnterminatedLiteralBelowBlankLinesIsLocatedAtItsLine() {
        // a model's query starts with the line break after its config block: AT (line 7) is its first non-blank line
        for (String open : List.of("`open", "'open", "/* open")) {
            assertThatThrownBy(() -> translator.translate("\n\nSELECT 1,\n  " + open + " FROM t", AT)).as(open)
                    .isInstanceOf(PorygonException.class).hasMessageContaining("unterminated")
                    .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(8));
        }
    }

    @Test
    void aCallWithArgumentsNotTranslatedIsLocatedAtTheCallWithThatManyArguments() {
        // not at the first ROUND of the statement
        assertThatThrownBy(() -> translator.translate("SELECT ROUND(2.5) AS a, ROUND(LEAST(1, 2), 1) AS b,\n  ROUND(1.5, 0, 'ROUND_HALF_EVEN') AS c", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("ROUND() with 3 argument(s)")
                .satisfies(e -> assertThat(((PorygonException) e).location()).isEqualTo(new SourceLocation("definitions/orders.sqlx", 8, 3)));
    }

    @Test
    void anArrayPathInFromIsAnImplicitUnnest() throws SQLException {
        String source = "(SELECT 1 AS id, [STRUCT(['x', 'y'] AS tags), STRUCT(['z'])] AS items) AS e";
        assertThat(query("SELECT e.id, t FROM " + source + ", e.items AS i, i.tags AS t ORDER BY t"))
                .containsExactly(List.of(num("1"), "x"), List.of(num("1"), "y"), List.of(num("1"), "z"));
        // without an alias the element takes the path's last name; LEFT JOIN keeps a row without elements
        assertThat(query("SELECT ARRAY_LENGTH(items.tags) AS n FROM " + source + " CROSS JOIN e.items ORDER BY n"))
                .containsExactly(List.of(num("1")), List.of(num("2")));
        assertThat(query("SELECT id, item FROM (SELECT 1 AS id, CAST([] AS ARRAY<STRING>) AS items) AS e LEFT JOIN e.items AS item"))
                .containsExactly(Arrays.asList(num("1"), null));
        // through a struct field: e.rec.arr is no table rec.arr
        assertThat(query("SELECT x FROM (SELECT STRUCT([5, 6] AS arr) AS rec) AS e, e.rec.arr AS x ORDER BY x"))
                .containsExactly(List.of(num("5")), List.of(num("6")));
    }

    @Test
    void anAliasWithoutAsIsAnAliasEvenWhenNamedLikeADatePartOrADuckDbKeyword() throws SQLException {
        // JSqlParser read `expr year` as an interval without its keyword: the table got INTERVAL columns
        assertThat(query("SELECT EXTRACT(YEAR FROM d) year, EXTRACT(MONTH FROM d) month, COUNT(*) day, x hour, '5' minute"
                + " FROM (SELECT DATE '2024-03-05' AS d, 7 AS x) GROUP BY 1, 2, 4"))
                .containsExactly(List.of(num("2024"), num("3"), num("1"), num("7"), "5"));
        assertThat(translator.translate("SELECT EXTRACT(YEAR FROM d) year FROM t", AT)).endsWith(" AS year FROM t");
        // also after an operator: the interval JSqlParser saw was the last operand
        assertThat(query("SELECT d + 1 day, EXTRACT(MONTH FROM d) - 1 month, 'a' || k hour, n IN (1, 2) second"
                + " FROM (SELECT DATE '2024-03-01' AS d, 'k' AS k, 1 AS n)"))
                .containsExactly(List.of("2024-03-02", num("2"), "ak", true));
        assertThat(query("SELECT n BETWEEN 1 AND 2 day, -n month, NOT n > 1 year FROM (SELECT 1 AS n)")).containsExactly(List.of(true, num("-1"), true));
        // DuckDB reads `'a' key` as a syntax error
        assertThat(query("SELECT 'a' key, 1 value, 2 type, 3 position")).containsExactly(List.of("a", num("1"), num("2"), num("3")));
        assertThat(query("SELECT DATE_ADD(DATE '2024-01-01', INTERVAL 2 DAY) d")).containsExactly(List.of("2024-01-03"));
    }

    @Test
    void informationSchemaViewsOfADatasetListThatDatasetWithBigQueryTypeNames() throws SQLException {
        run("CREATE SCHEMA IF NOT EXISTS meta_a");
        run("CREATE SCHEMA IF NOT EXISTS meta_b");
        run("CREATE OR REPLACE TABLE meta_a.x1 (a INT64, p NUMERIC(10, 2), ts TIMESTAMP, dt DATETIME, st STRUCT<a INT64, b ARRAY<FLOAT64>>,"
                + " sa ARRAY<STRUCT<x BOOL, y BYTES>>, n ARRAY<STRUCT<m ARRAY<STRUCT<key INT64>>>>)");
        run("CREATE OR REPLACE VIEW meta_a.v AS SELECT a FROM meta_a.x1");
        run("CREATE OR REPLACE TABLE meta_b.other (b STRING)");
        // DuckDB's information_schema lists every schema (Porygon's run history too) and names types its own way
        assertThat(query("SELECT table_name, table_type FROM meta_a.INFORMATION_SCHEMA.TABLES ORDER BY 1"))
                .containsExactly(List.of("v", "VIEW"), List.of("x1", "BASE TABLE"));
        assertThat(query("SELECT column_name, data_type FROM `my-project.meta_a.INFORMATION_SCHEMA.COLUMNS` WHERE table_name = 'x1'"
                + " ORDER BY ordinal_position")).containsExactly(List.of("a", "INT64"), List.of("p", "NUMERIC(10, 2)"),
                List.of("ts", "TIMESTAMP"), List.of("dt", "DATETIME"), List.of("st", "STRUCT<a INT64, b ARRAY<FLOAT64>>"),
                List.of("sa", "ARRAY<STRUCT<x BOOL, y BYTES>>"), List.of("n", "ARRAY<STRUCT<m ARRAY<STRUCT<key INT64>>>>"));
        assertThat(query("SELECT v.table_name FROM `my-project.meta_a`.INFORMATION_SCHEMA.VIEWS AS v")).containsExactly(List.of("v"));
        assertThat(query("SELECT schema_name FROM `region-us`.INFORMATION_SCHEMA.SCHEMATA WHERE schema_name LIKE 'meta%' ORDER BY 1"))
                .containsExactly(List.of("meta_a"), List.of("meta_b"));
        assertThatThrownBy(() -> translator.translate("SELECT *\nFROM meta_a.INFORMATION_SCHEMA.PARTITIONS", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("INFORMATION_SCHEMA.PARTITIONS is not translated")
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(8));
        run("DROP SCHEMA meta_a CASCADE");
        run("DROP SCHEMA meta_b CASCADE");
    }

    @Test
    void aNamedWindowInParenthesesIsReadAsItsDefinition() throws SQLException {
        // JSqlParser reads OVER w only; BigQuery's OVER (w ...) adds an ORDER BY or a frame to the named window
        String rows = " FROM (SELECT * FROM UNNEST([STRUCT(1 AS o, 10 AS t, 'a' AS k), (1, 20, 'b'), (2, 5, 'c')]))";
        assertThat(query("SELECT k, ROW_NUMBER() OVER (w) AS rn" + rows + " WINDOW w AS (PARTITION BY o ORDER BY t DESC) ORDER BY k"))
                .containsExactly(List.of("a", num("2")), List.of("b", num("1")), List.of("c", num("1")));
        assertThat(query("SELECT k, SUM(t) OVER (w ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)" + rows
                + " WINDOW w AS (PARTITION BY o) ORDER BY k"))
                .containsExactly(List.of("a", num("10")), List.of("b", num("30")), List.of("c", num("5")));
        assertThat(query("SELECT k" + rows + " QUALIFY ROW_NUMBER() OVER (by_order) = 1\nWINDOW by_order AS (PARTITION BY o ORDER BY t)"
                + " ORDER BY k")).containsExactly(List.of("a"), List.of("c"));
        assertThat(query("SELECT k, COUNT(*) OVER (w2)" + rows + " WINDOW w1 AS (PARTITION BY o), w2 AS (w1 ORDER BY t ROWS BETWEEN 1"
                + " PRECEDING AND CURRENT ROW) ORDER BY k")).containsExactly(List.of("a", num("1")), List.of("b", num("2")), List.of("c", num("1")));
        // two SELECTs each defining a w: a use reads the WINDOW clause of its own SELECT, which follows it
        assertThat(query("WITH c AS (SELECT k, t, ROW_NUMBER() OVER (w) AS rn" + rows + " WINDOW w AS (PARTITION BY o ORDER BY t))"
                + " SELECT k, rn, SUM(t) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM c WINDOW w AS (ORDER BY k) ORDER BY k"))
                .containsExactly(List.of("a", num("1"), num("10")), List.of("b", num("2"), num("30")), List.of("c", num("1"), num("35")));
        // a FROM subquery's WINDOW clause, written after the outer use, is not the outer SELECT's
        assertThat(query("SELECT o, SUM(t) OVER (w) FROM (SELECT o, t, ROW_NUMBER() OVER (w) AS r" + rows + " WINDOW w AS (ORDER BY t DESC))"
                + " WINDOW w AS (PARTITION BY o) ORDER BY t"))
                .containsExactly(List.of(num("2"), num("5")), List.of(num("1"), num("30")), List.of(num("1"), num("30")));
    }

    @Test
    void setOperationsByNameMatchColumnsByName() throws SQLException {
        // JSqlParser cannot read them: each query is translated alone, joined with DuckDB's UNION [ALL] BY NAME
        assertThat(query("SELECT 1 AS a, 2 AS b UNION ALL BY NAME SELECT 3 AS b, DIV(8, 2) AS a ORDER BY a"))
                .containsExactly(List.of(num("1"), num("2")), List.of(num("4"), num("3")));
        assertThat(query("SELECT 1 AS a, 'x' AS c FULL UNION ALL CORRESPONDING SELECT 2 AS a, 'y' AS d ORDER BY a"))
                .containsExactly(Arrays.asList(num("1"), "x", null), Arrays.asList(num("2"), null, "y"));
        // inside parentheses and after common table expressions
        assertThat(query("WITH c AS (SELECT 1 AS a), d AS (SELECT 2 AS a UNION DISTINCT BY NAME SELECT 2 AS a)"
                + " SELECT SUM(a) FROM (SELECT a FROM c UNION ALL BY NAME SELECT a FROM d)")).containsExactly(List.of(num("3")));
        assertThat(query("WITH c AS (SELECT 1 AS a, 'x' AS b) SELECT b, a FROM c UNION ALL BY NAME SELECT 'y' AS b, 2 AS a"))
                .containsExactlyInAnyOrder(List.of("x", num("1")), List.of("y", num("2")));
        // the modes that keep fewer columns than DuckDB's BY NAME are refused, located
        assertThatThrownBy(() -> translator.translate("SELECT 1 AS a\nUNION ALL CORRESPONDING SELECT 2 AS a", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("UNION ALL CORRESPONDING is not translated")
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(8));
        // DuckDB has no INTERSECT or EXCEPT by name: passed on, they matched by position (no row for this one)
        assertThatThrownBy(() -> translator.translate("SELECT 1 AS a, 2 AS b\nINTERSECT DISTINCT BY NAME SELECT 2 AS b, 1 AS a", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("INTERSECT DISTINCT BY NAME is not translated")
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(8));
        assertThatThrownBy(() -> translator.translate("SELECT * FROM (SELECT 1 AS a EXCEPT DISTINCT CORRESPONDING SELECT 2 AS a)", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("EXCEPT DISTINCT CORRESPONDING");
    }

    @Test
    void groupByAndOrderByReadTheImplicitNameOfAFieldPath() throws SQLException {
        // GA4: SELECT ep.key, COUNT(*) ... GROUP BY key (DuckDB: "key" not found in FROM clause)
        String params = "(SELECT [STRUCT('a' AS key, 1 AS v), STRUCT('b' AS key, 2 AS v), STRUCT('a' AS key, 3 AS v)] AS event_params) t";
        assertThat(query("SELECT ep.key, COUNT(*) AS n FROM " + params + ", UNNEST(t.event_params) ep GROUP BY key ORDER BY key"))
                .containsExactly(List.of("a", num("2")), List.of("b", num("1")));
        assertThat(query("SELECT DISTINCT t.info.color FROM (SELECT STRUCT('red' AS color) AS info UNION ALL SELECT STRUCT('blue')) t"
                + " ORDER BY color")).containsExactly(List.of("blue"), List.of("red"));
        // a FROM column of that name is still the one grouped by, as before
        assertThat(query("SELECT s.v, COUNT(*) FROM (SELECT 1 AS v, STRUCT(1 AS v) AS s UNION ALL SELECT 2, STRUCT(1)) GROUP BY v, s.v ORDER BY 2"))
                .containsExactly(List.of(num("1"), num("1")), List.of(num("1"), num("1")));
    }

    @Test
    void groupByReadsAnAliasBeforeAColumnOfTheSameName() throws SQLException {
        // BigQuery: "those aliases override names in the corresponding FROM clause"; DuckDB grouped by the timestamp
        String events = "(SELECT TIMESTAMP '2024-01-01 10:00:00' AS created_at, 1 AS x UNION ALL SELECT TIMESTAMP '2024-01-01 11:00:00', 2)";
        assertThat(query("SELECT DATE(created_at) AS created_at, COUNT(*) AS n FROM " + events + " GROUP BY created_at"))
                .containsExactly(List.of("2024-01-01", num("2")));
        assertThat(query("SELECT DATE(created_at) AS created_at, SUM(x) AS x FROM " + events + " GROUP BY ROLLUP(created_at) ORDER BY 1"))
                .containsExactly(Arrays.asList(null, num("3")), List.of("2024-01-01", num("3")));
        assertThat(query("SELECT DATE(created_at) AS created_at, COUNT(*) AS n FROM " + events
                + " GROUP BY GROUPING SETS ((created_at)) HAVING created_at > '2023-12-31'"))
                .containsExactly(List.of("2024-01-01", num("2")));
        // an alias that swaps two names groups by what each alias names
        assertThat(query("SELECT x AS created_at, DATE(created_at) AS x FROM " + events + " GROUP BY x, created_at ORDER BY 1"))
                .containsExactly(List.of(num("1"), "2024-01-01"), List.of(num("2"), "2024-01-01"));
        assertThat(translator.translate("SELECT x + 1 AS y, x AS x FROM t GROUP BY y, x", AT)).endsWith("GROUP BY 1, x");
    }

    @Test
    void selectAsStructGroupsByTheAliasToo() throws SQLException {
        // its one DuckDB column is the struct, so no position names the field: it grouped by the timestamp (2 structs, not 1)
        String events = "(SELECT TIMESTAMP '2024-01-01 10:00:00' AS created_at UNION ALL SELECT TIMESTAMP '2024-01-01 11:00:00')";
        assertThat(query("SELECT ARRAY_LENGTH(ARRAY(SELECT AS STRUCT DATE(created_at) AS created_at, COUNT(*) AS n FROM " + events
                + " GROUP BY created_at))")).containsExactly(List.of(num("1")));
        // ORDER BY reads the alias too: DuckDB found no column y, and ordered by the FROM column x where one was
        assertThat(query("SELECT ARRAY(SELECT AS STRUCT -x AS y FROM UNNEST([1, 2]) x ORDER BY y)[OFFSET(0)].y"))
                .containsExactly(List.of(num("-2")));
        assertThat(query("SELECT ARRAY(SELECT AS STRUCT -x AS x FROM UNNEST([1, 2]) x ORDER BY x)[OFFSET(0)].x"))
                .containsExactly(List.of(num("-2")));
    }

    @Test
    void ddlWithAProjectQualifiedDatasetOptionsOrLikeRunsAsOnBigQuery() throws SQLException {
        // found in Google's cost toolkit and a billing project: parse errors before, or DuckDB's at run time
        run("CREATE SCHEMA IF NOT EXISTS `my-project.billing`\nOPTIONS(location = \"US\", description = \"costs (daily)\")");
        run("CREATE TABLE my_project.billing.costs (\n  day DATE OPTIONS(description = \"the day\"),\n  amount NUMERIC NOT NULL OPTIONS(description = 'x')\n)");
        run("INSERT INTO billing.costs VALUES (DATE '2024-01-01', 1.5)");
        run("CREATE OR REPLACE VIEW `my-project.billing.v` OPTIONS(description = \"a view\") AS SELECT day FROM `my-project.billing.costs`");
        run("CREATE TABLE `my-project.billing.empty_copy` LIKE `my-project.billing.costs`");
        assertThat(query("SELECT (SELECT count(*) FROM billing.v), (SELECT count(*) FROM billing.empty_copy)"))
                .containsExactly(List.of(num("1"), num("0")));
        assertThat(query("SELECT column_name FROM information_schema.columns WHERE table_schema = 'billing' AND table_name = 'empty_copy' ORDER BY ordinal_position"))
                .containsExactly(List.of("day"), List.of("amount"));
        // several actions in one ALTER (DuckDB takes one per statement); DROP NOT NULL (a crash of the translator)
        run("ALTER TABLE billing.costs ADD COLUMN c INT64, ADD COLUMN IF NOT EXISTS d STRING");
        run("ALTER TABLE billing.costs DROP COLUMN c, ALTER COLUMN amount DROP NOT NULL");
        run("INSERT INTO billing.costs (day, d) VALUES (DATE '2024-01-02', 'no amount')");
        // an action that only sets options is metadata, dropped; so are a new column's OPTIONS
        run("ALTER TABLE billing.costs ADD COLUMN e DATE, SET OPTIONS (description = 'x, (y)'), ALTER COLUMN d SET OPTIONS (description = 'd')");
        // JSqlParser read the actions after a SET OPTIONS into it: g was dropped with it
        run("ALTER TABLE billing.costs SET OPTIONS (description = 'x'), ADD COLUMN g INT64, SET OPTIONS (labels = []), ADD COLUMN h INT64");
        run("ALTER TABLE billing.costs ADD COLUMN f STRING OPTIONS(description = 'the f')");
        // SET DATA TYPE, which JSqlParser cannot read (here beside an option, which is dropped)
        run("ALTER TABLE billing.costs ALTER COLUMN g SET\n  DATA TYPE NUMERIC, ALTER COLUMN g SET OPTIONS (description = 'g')");
        assertThat(query("SELECT data_type FROM information_schema.columns WHERE table_schema = 'billing' AND table_name = 'costs'"
                + " AND column_name = 'g'")).containsExactly(List.of("DECIMAL(38,9)"));
        assertThat(query("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'billing' AND table_name = 'costs'"
                + " AND column_name IN ('e', 'f', 'g', 'h')")).containsExactly(List.of(num("4")));
        // clones, copies and snapshots hold the rows as of now; time travel is refused, naming it
        run("CREATE OR REPLACE SNAPSHOT TABLE `my-project.billing.snap` CLONE `my-project.billing.costs` OPTIONS(description = 'x')");
        run("CREATE TABLE IF NOT EXISTS billing.copied COPY billing.costs");
        assertThat(query("SELECT (SELECT count(*) FROM billing.snap), (SELECT count(d) FROM billing.copied)"))
                .containsExactly(List.of(num("2"), num("1")));
        assertThatThrownBy(() -> translator.translate("CREATE TABLE billing.past CLONE billing.costs\n  FOR SYSTEM_TIME AS OF"
                + " TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 HOUR)", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("time travel")
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(8));
        run("DROP SCHEMA IF EXISTS my_project.billing CASCADE");
        assertThat(query("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'billing'")).containsExactly(List.of(num("0")));
    }

    @Test
    void assertFailsWhenItsConditionIsFalseOrNull() throws SQLException {
        run("CREATE OR REPLACE TABLE `p.thelook.checked` AS SELECT 1 AS id");
        run("ASSERT (SELECT COUNT(*) FROM `p.thelook.checked`) > 0 AS \"checked is empty\"");
        assertThatThrownBy(() -> run("ASSERT (SELECT COUNT(*) FROM `p.thelook.checked`) > 1 AS 'too few rows'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("Assertion failed: too few rows");
        assertThatThrownBy(() -> run("ASSERT NULL"))
                .isInstanceOf(SQLException.class).hasMessageContaining("Assertion failed: NULL");
    }

    @Test
    void tableNamesThatNeedQuotingStayOneName() throws SQLException {
        run("CREATE OR REPLACE TABLE `my-project.thelook.crosbie-source` AS SELECT 'apples' AS fruit");
        run("CREATE OR REPLACE TABLE thelook.`é t` AS SELECT * FROM `my-project`.`thelook`.`crosbie-source`");
        assertThat(translator.translate("SELECT * FROM `p.thelook.crosbie-source`", AT)).contains("thelook.\"crosbie-source\"");
        assertThat(query("SELECT fruit FROM `p.thelook.é t`")).containsExactly(List.of("apples"));
    }

    @Test
    void aliasesAndColumnsNamedLikeJSqlParserKeywordsThatBigQueryAllows() throws SQLException {
        assertThat(query("SELECT CAST(COUNTIF(t.x IS NULL) AS STRING) AS unknown, CAST(MAX(t.sample) AS STRING) AS global,"
                + " CAST(MIN(t.check) AS STRING) AS unique, TRUE AS public, 1 AS offset, 2 AS tables FROM (SELECT 1 AS x, 2 AS sample, 3 AS check) AS t"))
                .containsExactly(List.of("0", "2", "3", true, num("1"), num("2")));
        // dbt_utils.deduplicate for BigQuery before 1.0: a qualifier, and an alias without AS after a subscript
        assertThat(query("SELECT unique.* FROM (SELECT ARRAY_AGG(original ORDER BY ts DESC LIMIT 1)[OFFSET(0)] unique"
                + " FROM (SELECT 1 AS id, 5 AS ts UNION ALL SELECT 1, 7 UNION ALL SELECT 2, 1) original GROUP BY id) ORDER BY id"))
                .containsExactly(List.of(num("1"), num("7")), List.of(num("2"), num("1")));
        assertThat(query("SELECT check.x, only.y FROM (SELECT 1 AS x) check, (SELECT 2 AS y) only WHERE check.x < only.y"))
                .containsExactly(List.of(num("1"), num("2")));
        assertThat(query("SELECT x FROM (SELECT 1 AS x UNION ALL SELECT 2) ORDER BY x LIMIT 1 OFFSET 1")).containsExactly(List.of(num("2")));
    }

    @Test
    void bigQueryMetadataStatementsAreNoOpsAndBigQueryOnlyObjectsAreRefused() throws SQLException {
        run("CREATE OR REPLACE TABLE thelook.keyed AS SELECT 1 AS id");
        for (String metadata : List.of("ALTER PROJECT p SET OPTIONS (`region-us.default_time_zone` = 'UTC')",
                "ALTER ORGANIZATION SET OPTIONS (default_time_zone = 'UTC')",
                "ALTER TABLE thelook.keyed ADD PRIMARY KEY (id) NOT ENFORCED",
                "ALTER TABLE thelook.keyed ADD CONSTRAINT IF NOT EXISTS fk FOREIGN KEY (id) REFERENCES thelook.other(id) NOT ENFORCED",
                "ALTER TABLE thelook.keyed DROP PRIMARY KEY")) {
            assertThat(translator.translateStatements(metadata, AT)).as(metadata).isEmpty();
        }
        for (String bigQueryOnly : List.of("CREATE OR REPLACE FUNCTION d.f(x INT64) RETURNS INT64 AS (x + 1)",
                "CREATE OR REPLACE ROW ACCESS POLICY p ON d.t GRANT TO ('user:a@b.c') FILTER USING (x = 1)")) {
            assertThatThrownBy(() -> translator.translate(bigQueryOnly, AT)).as(bigQueryOnly)
                    .isInstanceOf(PorygonException.class).hasMessageContaining("has no DuckDB form");
        }
        for (String cloud : List.of("CREATE OR REPLACE EXTERNAL TABLE d.t\nOPTIONS (format = 'CSV', uris = ['gs://b/x.csv'])",
                "LOAD DATA INTO d.t FROM FILES (format = 'CSV', uris = ['gs://b/x.csv'])",
                "EXPORT DATA OPTIONS (uri = 'gs://b/*.csv', format = 'CSV') AS SELECT 1 AS x",
                "CREATE MODEL d.m OPTIONS (model_type = 'linear_reg') AS SELECT 1 AS label")) {
            assertThatThrownBy(() -> translator.translate(cloud, AT)).as(cloud)
                    .isInstanceOf(PorygonException.class).hasMessageContaining("cannot reach");
        }
        // below comments, located at its own line: the location given is the SQL's first non-blank line, a comment
        assertThatThrownBy(() -> translator.translate("-- helpers\n-- more\n\nCREATE FUNCTION d.f(x INT64) AS (x)", new SourceLocation("u.sqlx", 8, 0)))
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(11));
    }

    @Test
    void blankLinesAndCommentsInsideAStatementKeepTheRestOfIt() throws SQLException {
        String rows = "(SELECT 1 AS x UNION ALL SELECT 3 AS x)";
        assertThat(query("SELECT CAST(x AS STRING) FROM " + rows + "\n\n\nWHERE x > 2")).containsExactly(List.of("3"));
        assertThat(query("SELECT CAST(x AS STRING) FROM " + rows + "\n\n-- only the big ones\nWHERE x > 2")).containsExactly(List.of("3"));
        assertThat(query("SELECT CAST(x AS STRING) FROM " + rows + "\n/* a\nlong\ncomment */\nWHERE x > 2")).containsExactly(List.of("3"));
    }

    @Test
    void anUnquotedProjectIdWithDashesIsReadAsBigQueryReadsIt() {
        assertThat(translator.translate("SELECT * FROM bigquery-public-data.thelook_ecommerce.orders o"
                + " JOIN my-proj-2.d.items USING (id)", AT)).contains("FROM thelook_ecommerce.orders o JOIN d.items");
    }

    @Test
    void aWildcardTableReadsTheViewOfItsNameAndAStarLeavesItsSuffixOut() {
        assertThat(translator.translate("SELECT * FROM `p.ga4.events_*` WHERE _TABLE_SUFFIX > '2024'", AT))
                .isEqualTo("SELECT * EXCLUDE (_TABLE_SUFFIX) FROM ga4.\"events_*\" WHERE _TABLE_SUFFIX > '2024'");
        assertThat(translator.translate("SELECT e.*, COUNT(*) OVER () AS n FROM `p.ga4.events_*` AS e", AT))
                .isEqualTo("SELECT e.* EXCLUDE (_TABLE_SUFFIX), count(*) OVER () AS n FROM ga4.\"events_*\" AS e");
    }

    @Test
    void aFieldReadAfterAnArrayIndex() throws SQLException {
        String items = "(SELECT [STRUCT('shoe' AS name, 2 AS qty), STRUCT('hat' AS name, 1 AS qty)] AS items)";
        assertThat(query("SELECT items[SAFE_OFFSET(0)].name, items[OFFSET(1)].name FROM " + items))
                .containsExactly(List.of("shoe", "hat"));
        assertThat(query("SELECT ARRAY_AGG(STRUCT(i.name AS n) ORDER BY i.qty LIMIT 1)[SAFE_OFFSET(0)].n FROM " + items + " t,"
                + " UNNEST(t.items) AS i")).containsExactly(List.of("hat"));
    }

    @Test
    void aSchemaNamedLikeAJSqlParserKeywordCanBeCreated() throws SQLException {
        run("CREATE SCHEMA IF NOT EXISTS raw");
        run("CREATE SCHEMA Current");
        run("CREATE TABLE raw.t AS SELECT 1 AS x");
        assertThat(query("SELECT CAST(x AS STRING) FROM raw.t")).containsExactly(List.of("1"));
    }

    private static BigDecimal num(String n) {
        return new BigDecimal(n);
    }

    @Test
    void qualifiedNamesGoThroughTheMapping() {
        DuckDbTranslator mapped = new DuckDbTranslator(t -> "wh_" + (t.database() == null ? "default" : t.database().replace('-', '_'))
                + "." + t.schema() + "__" + t.name());
        String sql = mapped.translate("SELECT * FROM `my-proj.sales.orders` o JOIN sales.items i ON o.id = i.order_id", AT);
        assertThat(sql).contains("wh_my_proj.sales__orders o").contains("JOIN wh_default.sales__items i").doesNotContain("`");
        assertThat(DuckDbTranslator.schemaAndName(new Target("p", "ds", "my table"))).isEqualTo("ds.\"my table\"");
    }

    @Test
    void stringLiteralFormsBecomeStandardLiterals() throws SQLException {
        assertThat(query("SELECT \"double\", r'raw\\d', '''tri\nple''', 'it\\'s', \"\"\"a \"quoted\" word\"\"\", 'tab\\there'"))
                .containsExactly(List.of("double", "raw\\d", "tri\nple", "it's", "a \"quoted\" word", "tab\there"));
    }

    @Test
    void trailingCommasAndCommentsAreAccepted() throws SQLException {
        assertThat(query("SELECT\n  1 AS a, -- first\n  2 AS b, # second\n  /* block */\nFROM UNNEST([1])"))
                .containsExactly(List.of(num("1"), num("2")));
    }

    @Test
    void bigQueryTypesMapToDuckDbTypes() {
        assertThat(TypeNames.toDuckDb("INT64")).isEqualTo("BIGINT");
        assertThat(TypeNames.toDuckDb("FLOAT64")).isEqualTo("DOUBLE");
        assertThat(TypeNames.toDuckDb("NUMERIC")).isEqualTo("DECIMAL(38, 9)");
        assertThat(TypeNames.toDuckDb("NUMERIC(10, 2)")).isEqualTo("DECIMAL(10, 2)");
        assertThat(TypeNames.toDuckDb("STRING")).isEqualTo("VARCHAR");
        assertThat(TypeNames.toDuckDb("BYTES")).isEqualTo("BLOB");
        assertThat(TypeNames.toDuckDb("BOOL")).isEqualTo("BOOLEAN");
        assertThat(TypeNames.toDuckDb("DATETIME")).isEqualTo("TIMESTAMP");
        assertThat(TypeNames.toDuckDb("TIMESTAMP")).isEqualTo("TIMESTAMPTZ");
        assertThat(TypeNames.toDuckDb("ARRAY<STRUCT<a INT64, b ARRAY<STRING>>>"))
                .isEqualTo("STRUCT(\"a\" BIGINT, \"b\" VARCHAR[])[]");
        assertThatThrownBy(() -> TypeNames.toDuckDb("BIGNUMERIC")).isInstanceOf(Untranslatable.class)
                .hasMessageContaining("BIGNUMERIC");
    }

    @Test
    void semanticsThatDifferByDefaultAreTranslated() throws SQLException {
        // integer division is FLOAT64, LOG is natural, GREATEST and CONCAT are NULL on NULL, weeks start Sunday
        assertThat(query("SELECT 7 / 2, LOG(EXP(1)), GREATEST(1, NULL), CONCAT('a', NULL), "
                + "DATE_TRUNC(DATE '2024-03-06', WEEK), EXTRACT(DAYOFWEEK FROM DATE '2024-03-03'), SAFE_DIVIDE(1, 0)"))
                .containsExactly(Arrays.asList(num("3.5"), num("1.0"), null, null, "2024-03-03", num("1"), null));
        // NULLs sort first ascending, as in BigQuery
        assertThat(query("SELECT ARRAY_AGG(x ORDER BY x) FROM UNNEST([2, NULL, 1]) AS x"))
                .containsExactly(List.of(Arrays.asList(null, num("1"), num("2"))));
    }

    @Test
    void concatWithANullConstantIsAStringNullNotAnIntegerColumn() throws SQLException {
        // DuckDB folds x || NULL to an untyped NULL, which a table stored as an INTEGER column: a later increment of
        // strings then failed to fit
        run("CREATE TABLE thelook.concat_null AS SELECT CONCAT('a', CAST(NULL AS STRING)) AS c, CONCAT(NULL, 'b') AS d,"
                + " CONCAT(CAST(NULL AS BYTES), b'x') AS e, CONCAT('a', 'b') AS f");
        assertThat(TranslationCorpus.rows(warehouse.connection(),
                "SELECT string_agg(column_type, ',' ORDER BY column_name) FROM (DESCRIBE thelook.concat_null)"))
                .containsExactly(List.of("VARCHAR,VARCHAR,BLOB,VARCHAR"));
        assertThat(query("SELECT CONCAT('a', CAST(NULL AS STRING)), CONCAT('a', 'b')")).containsExactly(Arrays.asList(null, "ab"));
    }

    @Test
    void concatOfANumberOrBoolLiteralWritesItAsBigQueryCastsItToString() throws SQLException {
        // BigQuery's own example: CONCAT takes any type it can cast to STRING; DuckDB's || would write 1.0 as '1.0'
        assertThat(query("SELECT CONCAT('Summer', ' ', 1923), CONCAT('a', 1.0), CONCAT(2.5, 'x'), CONCAT('x', TRUE), CONCAT('e', 1e20)"))
                .containsExactly(List.of("Summer 1923", "a1", "2.5x", "xtrue", "e1e+20"));
        assertThat(query("SELECT CONCAT('a', 1, NULL)")).containsExactly(Arrays.asList((Object) null));
    }

    @Test
    void structTypesInColumnDefinitionsCastsAndDeclarations() throws SQLException {
        run("CREATE TABLE thelook.baskets (\n  id INT64,\n  buyer STRUCT<name STRING, address STRUCT<city STRING, zip STRING(10)>>,\n"
                + "  items ARRAY<STRUCT<\n    sku STRING,\n    price NUMERIC(10, 2)\n  >>\n)");
        run("INSERT INTO thelook.baskets VALUES (1, STRUCT('Ann' AS name, STRUCT('Lyon' AS city, '69001' AS zip) AS address),"
                + " [STRUCT('a-1' AS sku, 2.5 AS price), STRUCT('b-2' AS sku, 10 AS price)])");
        assertThat(query("SELECT buyer.address.city, items[OFFSET(1)].price, CAST(NULL AS STRUCT<a INT64, b STRING>) IS NULL"
                + " FROM thelook.baskets"))
                .containsExactly(List.of("Lyon", num("10.00"), true));
        assertThat(translator.translate("DECLARE top STRUCT<sku STRING, n INT64> DEFAULT (SELECT AS STRUCT 'a-1' AS sku, 3 AS n)", AT))
                .contains("STRUCT(\"sku\" VARCHAR, \"n\" BIGINT)");
        // a type over several lines keeps the lines below it where they were
        assertThatThrownBy(() -> translator.translate("SELECT CAST(NULL AS STRUCT<\n  a INT64\n>) AS s,\n  FARM_FINGERPRINT(x) FROM t", AT))
                .isInstanceOf(PorygonException.class)
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(10));
        assertThatThrownBy(() -> translator.translate("SELECT CAST(NULL AS STRUCT<a GEOGRAPHY>)", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("GEOGRAPHY");
        // a typed constructor is a positional row cast to its type (and JSqlParser's own reading printed to standard output)
        assertThat(query("SELECT s.b, t.n.v FROM (SELECT STRUCT<a INT64, b STRING>(1, 'x') AS s,"
                + " STRUCT<n STRUCT<v STRING>, k INT64>(STRUCT<v STRING>('deep'), 2) AS t)"))
                .containsExactly(List.of("x", "deep"));
        // a syntax error next to one names it as written
        assertThatThrownBy(() -> translator.translate("SELECT CAST(x AS INT64 STRUCT<a INT64>)", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("near \"STRUCT<a INT64>\"");
    }

    @Test
    void clusteringOnSeveralColumnsIsLeftOutOfCreateTable() throws SQLException {
        run("CREATE TABLE thelook.clustered (a INT64, as_of DATE) PARTITION BY as_of CLUSTER BY a, as_of OPTIONS (description = 'x')");
        run("CREATE OR REPLACE TABLE thelook.clustered2 CLUSTER BY\n  a,\n  b AS SELECT 1 AS a, 2 AS b");
        assertThat(query("SELECT a, b FROM thelook.clustered2")).containsExactly(List.of(num("1"), num("2")));
        assertThatThrownBy(() -> translator.translate("CREATE TABLE t CLUSTER BY\n  a,\n  b AS SELECT FARM_FINGERPRINT(x) AS a FROM u", AT))
                .isInstanceOf(PorygonException.class)
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(9));
    }

    @Test
    void partitioningByANestedCallIsLeftOutOfCreateTable() throws SQLException {
        // integer-range partitioning, which JSqlParser could not read (a call inside the partitioning call)
        run("CREATE TABLE thelook.ranged (id INT64, ts TIMESTAMP)\n  PARTITION BY RANGE_BUCKET(id, GENERATE_ARRAY(0, 100, 10))"
                + "\n  CLUSTER BY id OPTIONS (description = 'a (b')");
        run("CREATE OR REPLACE TABLE thelook.ranged2 PARTITION BY DATE(TIMESTAMP_TRUNC(ts, DAY)) AS SELECT TIMESTAMP '2024-01-01' AS ts");
        assertThat(query("SELECT COUNT(*) FROM thelook.ranged UNION ALL SELECT COUNT(*) FROM thelook.ranged2"))
                .containsExactly(List.of(num("0")), List.of(num("1")));
        assertThatThrownBy(() -> translator.translate("CREATE TABLE t PARTITION BY\n  RANGE_BUCKET(a, GENERATE_ARRAY(0, 9, 1))\n"
                + "AS SELECT FARM_FINGERPRINT(x) AS a FROM u", AT))
                .isInstanceOf(PorygonException.class)
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(9));
    }

    @Test
    void aColumnListBesideAQueryNamesAndTypesItsColumnsByPosition() throws SQLException {
        run("CREATE TABLE thelook.listed (id INT64, amount NUMERIC, tags ARRAY<STRING>) AS SELECT 1 AS a, 2.5 AS b, ['x'] AS c");
        run("CREATE TABLE IF NOT EXISTS thelook.listed (id INT64, amount NUMERIC, tags ARRAY<STRING>) AS SELECT 9, 9.5, ['no']");
        assertThat(query("SELECT FORMAT('%d %t %s', id, amount, tags[OFFSET(0)]) FROM thelook.listed")).containsExactly(List.of("1 2.5 x"));
    }

    @Test
    void aColumnListOfAnotherCountThanTheQuerysColumnsFails() {
        // BigQuery: the number of columns in the column definition list does not match the query's
        assertThatThrownBy(() -> run("CREATE TABLE thelook.too_few_listed (id INT64) AS SELECT 1 AS a, 'dropped' AS b"))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> run("CREATE TABLE thelook.too_many_listed (id INT64, name STRING) AS SELECT 1 AS a"))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void formatPercentTWritesANumericAsBigQueryDoes() throws SQLException {
        // DuckDB's text of DECIMAL(38, 9) has nine decimals
        assertThat(query("SELECT FORMAT('%t|%t|%t|%t', NUMERIC '2.5', NUMERIC '3', CAST(NULL AS NUMERIC), 'a.50')"))
                .containsExactly(List.of("2.5|3|NULL|a.50"));
        assertThat(query("SELECT data_type FROM thelook.INFORMATION_SCHEMA.COLUMNS WHERE table_name = 'listed' ORDER BY ordinal_position"))
                .containsExactly(List.of("INT64"), List.of("NUMERIC"), List.of("ARRAY<STRING>"));
    }

    @Test
    void columnDefaultsAreTranslatedExpressions() throws SQLException {
        // an ingestion timestamp, as BigQuery DDL writes it: DuckDB has no CURRENT_TIMESTAMP() nor GENERATE_UUID()
        run("CREATE TABLE thelook.ingested (id INT64 NOT NULL DEFAULT 5, loaded_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP(),"
                + " run_id STRING DEFAULT GENERATE_UUID() NOT NULL, note STRING DEFAULT NULL)");
        run("ALTER TABLE thelook.ingested ADD COLUMN loaded_on DATE DEFAULT CURRENT_DATE('Europe/Paris')");
        run("ALTER TABLE thelook.ingested ALTER COLUMN note SET DEFAULT UPPER('n')");
        run("INSERT INTO thelook.ingested (id) VALUES (1)");
        assertThat(query("SELECT id, loaded_at IS NOT NULL, LENGTH(run_id), loaded_on IS NOT NULL, note FROM thelook.ingested"))
                .containsExactly(List.of(num("1"), true, num("36"), true, "N"));
        assertThatThrownBy(() -> translator.translate("CREATE TABLE t (u STRING DEFAULT SESSION_USER())", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("SESSION_USER");
    }

    @Test
    void keysDeclaredNotEnforcedInCreateTableAreLeftOutAsBigQueryDoesNotEnforceThem() throws SQLException {
        run("CREATE TABLE thelook.customers (id INT64 PRIMARY KEY NOT ENFORCED, name STRING)");
        run("CREATE TABLE thelook.carts (\n  id INT64,\n  customer_id INT64 REFERENCES thelook.customers(id) NOT ENFORCED,\n"
                + "  CONSTRAINT cart_key PRIMARY KEY (id, customer_id)\n    NOT ENFORCED\n)");
        // BigQuery accepts rows that break them, and so does the translation
        run("INSERT INTO thelook.customers VALUES (1, 'a'), (1, 'b')");
        run("INSERT INTO thelook.carts VALUES (7, 99), (7, 99)");
        assertThat(query("SELECT count(*) FROM thelook.carts JOIN thelook.customers ON TRUE")).containsExactly(List.of(num("4")));
        assertThatThrownBy(() -> translator.translate("CREATE TABLE t (\n  id INT64,\n  PRIMARY KEY (id) NOT ENFORCED\n);\n"
                + "SELECT FARM_FINGERPRINT(x) FROM t", AT))
                .isInstanceOf(PorygonException.class)
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(11));
    }

    @Test
    void aTimestampsDateAndDatetimeAreItsUtcWallTimeForEveryOperandType() throws SQLException {
        run("CREATE TABLE thelook.moments (ts TIMESTAMP, dt DATETIME, d DATE)");
        run("INSERT INTO thelook.moments VALUES (TIMESTAMP '2024-01-01 23:30:00-05', DATETIME '1969-12-31 23:59:59.999999', DATE '2024-02-29'),"
                + " (NULL, NULL, NULL)");
        assertThat(query("SELECT DATE(ts), DATETIME(ts), EXTRACT(DATE FROM ts), DATE(dt), DATETIME(dt), DATE(d), DATETIME(d)"
                + " FROM thelook.moments ORDER BY ts"))
                .containsExactly(
                        Arrays.asList(null, null, null, null, null, null, null),
                        List.of("2024-01-02", "2024-01-02 04:30:00", "2024-01-02", "1969-12-31", "1969-12-31 23:59:59.999999", "2024-02-29",
                                "2024-02-29 00:00:00"));
        // literals keep the cast, which parses a string and types NULL
        assertThat(query("SELECT DATE('2024-03-05'), DATE(NULL), DATETIME('2024-03-05 10:00:00')"))
                .containsExactly(Arrays.asList("2024-03-05", null, "2024-03-05 10:00:00"));
        assertThat(query("SELECT CAST(ts AS DATE), SAFE_CAST(ts AS DATE) FROM thelook.moments ORDER BY ts"))
                .containsExactly(Arrays.asList(null, null), List.of("2024-01-02", "2024-01-02"));
        // without ICU's per-row calendar: the plan converts through the epoch
        assertThat(translator.translate("SELECT DATE(ts) FROM thelook.moments", AT)).contains("epoch_us(ts)");
        assertThat(translator.translate("SELECT CAST(ts AS DATE) FROM thelook.moments", AT)).contains("epoch_us(");
    }
    @Test
    void unnestWithOffsetNumbersElementsFromZero() throws SQLException {
        assertThat(query("SELECT x, off FROM UNNEST(['a', 'b']) AS x WITH OFFSET AS off ORDER BY off"))
                .containsExactly(List.of("a", num("0")), List.of("b", num("1")));
        assertThat(query("WITH t AS (SELECT 1 AS id, [10, 20] AS arr) SELECT t.id, v, pos FROM t, UNNEST(t.arr) v WITH OFFSET pos"))
                .containsExactlyInAnyOrder(List.of(num("1"), num("10"), num("0")), List.of(num("1"), num("20"), num("1")));
    }

    @Test
    void aBacktickedTempFunctionNameIsCalledBare() throws SQLException {
        String sql = translator.translate("CREATE TEMP FUNCTION `plus_one`(x INT64) AS (x + 1);\nSELECT plus_one(41) AS n", AT);
        try (Statement st = warehouse.connection().createStatement()) {
            String[] parts = sql.split(";\n");
            st.execute(parts[0]);
            try (ResultSet rs = st.executeQuery(parts[1])) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void tempFunctionsBecomeMacros() throws SQLException {
        String sql = translator.translate("CREATE TEMP FUNCTION margin(price FLOAT64, cost FLOAT64) RETURNS FLOAT64 AS "
                + "(SAFE_DIVIDE(price - cost, price));\nSELECT margin(10, 4) AS m", AT);
        assertThat(sql).startsWith("CREATE OR REPLACE TEMP MACRO margin(price, cost) AS (CAST(CASE WHEN");
        try (Statement st = warehouse.connection().createStatement()) {
            String[] parts = sql.split(";\n");
            st.execute(parts[0]);
            try (ResultSet rs = st.executeQuery(parts[1])) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getDouble(1)).isEqualTo(0.6);
            }
        }
    }

    @Test
    void untranslatableConstructsNameTheConstructAndTheLine() {
        assertThatThrownBy(() -> translator.translate("SELECT\n  id,\n  FARM_FINGERPRINT(email) AS h\nFROM users", AT))
                .isInstanceOf(PorygonException.class)
                .hasMessageContaining("FARM_FINGERPRINT")
                .satisfies(e -> {
                    PorygonException p = (PorygonException) e;
                    assertThat(p.location().file()).isEqualTo("definitions/orders.sqlx");
                    // the statement starts on line 7 of the file; FARM_FINGERPRINT is on its third line
                    assertThat(p.location().line()).isEqualTo(9);
                    assertThat(p.location().column()).isEqualTo(3);
                    assertThat(p.hint()).isNotBlank();
                });
        assertThatThrownBy(() -> translator.translate("SELECT 1;\n\nSELECT a FROM t WHERE (", AT))
                .isInstanceOf(PorygonException.class)
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(9))
                .hasMessageContaining("a syntax error, or GoogleSQL");
        assertThatThrownBy(() -> translator.translate("CREATE TEMP FUNCTION f(x STRING) RETURNS STRING LANGUAGE js AS 'return x'", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("not a SQL function");
        assertThatThrownBy(() -> translator.translate("SELECT FORMAT_DATE('%J', d) FROM t", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("%J");
        // BigQuery's own function namespaces are not UDF datasets: reported here, not by the warehouse
        assertThatThrownBy(() -> translator.translate("SELECT\n  hll_count.extract(sketch) FROM t", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("HLL_COUNT.EXTRACT()")
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(8));
        assertThat(translator.translate("SELECT my_dataset.normalize(url) FROM t", AT)).contains("my_dataset.normalize(url)");
        // constructs DuckDB has but with other results, or not at all
        assertThatThrownBy(() -> translator.translate("SELECT *\nFROM t PIVOT(SUM(s) FOR q IN (UPPER('a')))", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("PIVOT")
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(8));
        // DuckDB's PIVOT replaces an aggregate's FILTER, which ARRAY_CONCAT_AGG's NULL skipping needs
        assertThatThrownBy(() -> translator.translate("SELECT *\nFROM t PIVOT(ARRAY_CONCAT_AGG(a) FOR q IN ('x'))", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("ARRAY_CONCAT_AGG() in PIVOT");
        assertThat(translator.translate("SELECT * FROM t PIVOT(ARRAY_AGG(s IGNORE NULLS) FOR q IN ('x'))", AT))
                .doesNotContain("FILTER");
        assertThatThrownBy(() -> translator.translate("EXECUTE IMMEDIATE 'SELECT 1'", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("EXECUTE IMMEDIATE");
        // its INTO and USING forms, which the parser does not read, say so too
        assertThatThrownBy(() -> translator.translate("EXECUTE IMMEDIATE 'SELECT ?' INTO y USING 1", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("EXECUTE IMMEDIATE (dynamic SQL)");
        // an error in BigQuery; DuckDB would read LAG(x, -1) as LEAD(x, 1)
        assertThatThrownBy(() -> translator.translate("SELECT LAG(x, -1) OVER (ORDER BY x) FROM t", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("negative or NULL offset");
        assertThatThrownBy(() -> translator.translate("SELECT LEAD(x, NULL) OVER (ORDER BY x) FROM t", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("negative or NULL offset");
        assertThat(translator.translate("SELECT LAG(x, 0) OVER (ORDER BY x) FROM t", AT)).contains("lag(x, 0)");
        assertThatThrownBy(() -> translator.translate("SELECT NTILE(NULL) OVER (ORDER BY x) FROM t", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("NTILE(NULL)");
        // DuckDB's quantiles always skip NULLs: IGNORE NULLS (BigQuery's default) is dropped, RESPECT NULLS refused
        assertThatThrownBy(() -> translator.translate("SELECT PERCENTILE_CONT(x, 0.5 RESPECT NULLS) OVER () FROM t", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("RESPECT NULLS");
        assertThat(translator.translate("SELECT PERCENTILE_CONT(x, 0.5 IGNORE NULLS) OVER () FROM t", AT)).doesNotContain("NULLS");
    }

    @Test
    void aFailureInsideTheTranslatorIsALocatedErrorNotACrash() {
        DuckDbTranslator failing = new DuckDbTranslator(t -> {
            throw new IllegalStateException("no mapping for " + t.name());
        });
        assertThatThrownBy(() -> failing.translate("SELECT 1;\nSELECT * FROM ds.orders", AT))
                .isInstanceOf(PorygonException.class)
                .hasMessageContaining("no mapping for orders")
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(8));
    }

    @Test
    void caretNextToATighterOperatorNeedsParentheses() {
        // BigQuery reads 1 + 5 ^ 3 as (1 + 5) ^ 3; the parser would read 1 + (5 ^ 3)
        assertThatThrownBy(() -> translator.translate("SELECT\n  1 + 5 ^ 3", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("^ next to +")
                .satisfies(e -> assertThat(((PorygonException) e).hint()).contains("parentheses"));
        assertThatThrownBy(() -> translator.translate("SELECT 5 ^ 3 & 1", AT)).hasMessageContaining("^ next to &");
        assertThat(translator.translate("SELECT (1 + 5) ^ 3, 5 | 2 ^ 3", AT)).isEqualTo("SELECT xor((1 + 5), 3), 5 | xor(2, 3)");
    }

    @Test
    void instrRejectsPositionZeroAndNonPositiveOccurrencesAsBigQueryDoes() {
        assertThatThrownBy(() -> query("SELECT INSTR('banana', 'an', 0)")).isInstanceOf(SQLException.class)
                .hasMessageContaining("position must not be 0");
        assertThatThrownBy(() -> query("SELECT INSTR('banana', 'an', 1, 0)")).isInstanceOf(SQLException.class)
                .hasMessageContaining("occurrence must be positive");
    }

    @Test
    void castToInt64RoundsOnlyFloatInputAndTheTypeTestIsGoneFromThePlan() throws SQLException {
        try (Statement st = warehouse.connection().createStatement()) {
            st.execute("CREATE OR REPLACE TABLE cast_input AS SELECT 5::BIGINT AS i, '12' AS s, 2.5::DOUBLE AS f");
        }
        // the plan prints unaliased expressions: the type tests are gone, an INT64 passes as it is, and
        // only STRING input is checked for text DuckDB would read ('1.5' as 2) but BigQuery refuses
        assertThat(plan("SELECT CAST(i AS INT64) FROM cast_input"))
                .doesNotContainIgnoringCase("round").doesNotContain("CASE").doesNotContainIgnoringCase("typeof");
        assertThat(plan("SELECT CAST(s AS INT64) FROM cast_input"))
                .contains("regexp_full_match").doesNotContainIgnoringCase("round").doesNotContainIgnoringCase("typeof");
        assertThat(plan("SELECT CAST(f AS INT64) FROM cast_input"))
                .containsIgnoringCase("round").doesNotContain("CASE").doesNotContainIgnoringCase("typeof");
    }

    @Test
    void numbersCastToStringAsBigQueryPrintsThem() throws SQLException {
        assertThat(query("SELECT CAST(1.0 AS STRING), CAST(0.1 AS STRING), CAST(1e20 AS STRING), CAST(1 / 3 AS STRING),"
                + " CAST(CAST('nan' AS FLOAT64) AS STRING), CAST(CAST('-inf' AS FLOAT64) AS STRING),"
                + " CAST(CAST('2.50' AS NUMERIC) AS STRING), CAST(CAST('3' AS NUMERIC) AS STRING), CAST(5 AS STRING)"))
                .containsExactly(List.of("1", "0.1", "1e+20", "0.33333333333333331", "nan", "-inf", "2.5", "3", "5"));
    }

    @Test
    void bytesCastToStringReadAsUtf8() throws SQLException {
        // BigQuery's conversion rules: b'\xc2\xa9' cast to STRING is "©"; invalid UTF-8 is an error, NULL for SAFE_CAST
        assertThat(query("SELECT CAST(b'\\xc2\\xa9' AS STRING), LENGTH(CAST(b'\\xc2\\xa9' AS STRING)), CAST(FROM_BASE64('aMOpbGxv') AS STRING),"
                + " SAFE_CAST(b'\\xff' AS STRING), CAST(CAST('日本' AS BYTES) AS STRING)"))
                .containsExactly(Arrays.asList("©", num("1"), "héllo", null, "日本"));
        assertThatThrownBy(() -> query("SELECT CAST(b'\\xff' AS STRING)")).hasMessageContaining("UTF8");
    }

    @Test
    void stringsCastToInt64BoolAndDateOnlyInTheFormsBigQueryReads() throws SQLException {
        try (Statement st = warehouse.connection().createStatement()) {
            st.execute("CREATE OR REPLACE TABLE thelook.raw_strings AS SELECT * FROM (VALUES ('12', 'TRUE', '2024-1-5'),"
                    + " (' -0x1F ', 'false', '2024-01-05'), ('2.5', '1', '2024/01/05'), ('1e3', 'yes', '2024-01-05 10:00'),"
                    + " ('1_000', 't', '5.1.2024')) AS v(i, b, d)");
        }
        assertThat(query("SELECT SAFE_CAST(i AS INT64), SAFE_CAST(b AS BOOL), SAFE_CAST(d AS DATE) FROM thelook.raw_strings"))
                .containsExactly(List.of(num("12"), true, "2024-01-05"), List.of(num("-31"), false, "2024-01-05"),
                        Arrays.asList(null, null, null), Arrays.asList(null, null, null), Arrays.asList(null, null, null));
        // CAST fails where SAFE_CAST gives NULL, with BigQuery's message
        assertThat(query("SELECT CAST('-0x1F' AS INT64), CAST(' 0x1f ' AS INT64)")).containsExactly(List.of(num("-31"), num("31")));
        assertThatThrownBy(() -> query("SELECT CAST('2.5' AS INT64)")).isInstanceOf(SQLException.class).hasMessageContaining("Bad int64 value: 2.5");
        assertThatThrownBy(() -> query("SELECT CAST('yes' AS BOOL)")).isInstanceOf(SQLException.class).hasMessageContaining("Bad bool value: yes");
    }

    @Test
    void textBeyondInt64IsNullUnderSafeCastAndTheSmallestInt64IsRead() throws SQLException {
        // BigQuery: SAFE_CAST gives NULL where CAST would fail, out-of-range text included; -0x8000000000000000 is INT64's minimum
        try (Statement st = warehouse.connection().createStatement()) {
            st.execute("CREATE OR REPLACE TABLE thelook.wide_strings AS SELECT * FROM (VALUES (1, '99999999999999999999'),"
                    + " (2, '0x8000000000000000'), (3, '-0x8000000000000000'), (4, ' 0x7fffffffffffffff ')) AS v(k, i)");
        }
        assertThat(query("SELECT SAFE_CAST(i AS INT64) FROM thelook.wide_strings ORDER BY k"))
                .containsExactly(Arrays.asList((Object) null), Arrays.asList((Object) null), List.of(num("-9223372036854775808")),
                        List.of(num("9223372036854775807")));
        assertThat(query("SELECT CAST('-0x8000000000000000' AS INT64)")).containsExactly(List.of(num("-9223372036854775808")));
        assertThatThrownBy(() -> query("SELECT CAST(i AS INT64) FROM thelook.wide_strings WHERE k = 2")).isInstanceOf(SQLException.class);
    }

    private String plan(String googleSql) throws SQLException {
        try (Statement st = warehouse.connection().createStatement(); ResultSet rs = st.executeQuery("EXPLAIN " + translator.translate(googleSql, AT))) {
            StringBuilder sb = new StringBuilder();
            while (rs.next()) sb.append(rs.getString(2));
            return sb.toString();
        }
    }

    @Test
    void statementsThatOnlySetBigQueryOptionsTranslateToNothing() {
        assertThat(translator.translateStatements(
                "ALTER TABLE `p.d.t` SET OPTIONS (description = 'Orders; one row each');\n"
                        + "alter table d.t alter column id set options (description = 'key');\n"
                        + "DELETE FROM d.t WHERE id IS NULL", AT))
                .containsExactly("DELETE FROM d.t WHERE id IS NULL");
        assertThat(translator.translate("ALTER SCHEMA d SET OPTIONS (default_table_expiration_days = 3)", AT)).isEmpty();
        // an ALTER that does more is translated (or rejected), never dropped
        assertThat(DuckDbTranslator.setsOptionsOnly("ALTER TABLE t RENAME COLUMN a TO b, ALTER COLUMN b SET OPTIONS (description = 'y')")).isFalse();
        assertThat(DuckDbTranslator.setsOptionsOnly("ALTER TABLE t ADD COLUMN b STRING, ALTER COLUMN a SET OPTIONS (description = 'x')")).isFalse();
        assertThat(DuckDbTranslator.setsOptionsOnly("ALTER TABLE t SET OPTIONS (description = 'a (b)'), ADD COLUMN c INT64")).isFalse();
        assertThat(DuckDbTranslator.setsOptionsOnly("ALTER TABLE t SET OPTIONS (labels = [('k', 'v')]) ")).isTrue();
    }

    @Test
    void aCallPrintedSeveralTimesByATemplateIsTheSameEachTime() {
        // CAST(... AS INT64) prints its argument three times; COUNTIF's rewrite must not pile up
        assertThat(translator.translate("SELECT CAST(COUNTIF(x > 5) AS INT64) FROM t", AT))
                .contains("count(NULLIF((x > 5), false))").doesNotContain("NULLIF(NULLIF");
        assertThat(translator.translate("SELECT CAST(COUNTIF(x > 5) OVER () AS INT64) FROM t", AT)).doesNotContain("NULLIF(NULLIF");
    }

    @Test
    void scriptsSplitOnTopLevelSemicolonsOnly() {
        assertThat(translator.translateStatements("SELECT ';' AS a; SELECT \"x;\\ny\" AS b;", AT))
                .containsExactly("SELECT ';' AS a", "SELECT 'x;\ny' AS b");
    }

    @Test
    void regexpExtractUsesTheFirstGroupOnlyWhenThereIsOne() {
        assertThat(FunctionCatalog.capturingGroups("a(b)c")).isEqualTo(1);
        assertThat(FunctionCatalog.capturingGroups("a(?:b)c\\(x\\)[(]")).isZero();
    }

    @Test
    void aViewKeepsNoSortThatOnlyOrdersItsRows() {
        ScriptScope none = ScriptScope.EMPTY;
        assertThat(translator.translateViewQuery("SELECT a, SUM(b) AS b FROM t GROUP BY a ORDER BY a", AT, none).sql())
                .isEqualTo("SELECT a, sum(b) AS b FROM t GROUP BY a");
        assertThat(translator.translateViewQuery("SELECT a FROM t UNION ALL SELECT a FROM u ORDER BY a", AT, none).sql())
                .doesNotContain("ORDER BY");
        // a LIMIT or OFFSET chooses the rows: the order is part of the result
        assertThat(translator.translateViewQuery("SELECT a FROM t ORDER BY a DESC LIMIT 10", AT, none).sql()).contains("ORDER BY a DESC LIMIT 10");
        assertThat(translator.translateViewQuery("SELECT a FROM t ORDER BY a LIMIT 5 OFFSET 5", AT, none).sql()).contains("ORDER BY a");
        // windows and aggregates keep their own ORDER BY
        assertThat(translator.translateViewQuery("SELECT ROW_NUMBER() OVER (ORDER BY a) AS n, STRING_AGG(b, ',' ORDER BY b) AS s FROM t "
                + "GROUP BY a ORDER BY n", AT, none).sql()).contains("OVER (ORDER BY a)").contains("ORDER BY b)").doesNotEndWith("ORDER BY n");
        assertThat(translator.translate("CREATE VIEW d.v AS SELECT a FROM t ORDER BY a", AT)).isEqualTo("CREATE VIEW d.v AS SELECT a FROM t");
        // a table, or a query run for its rows (a unit test), keeps the order it asked for
        assertThat(translator.translate("SELECT a FROM t ORDER BY a", AT)).isEqualTo("SELECT a FROM t ORDER BY a");
    }

    @Test
    void aZoneInAFormatIsRefusedForWhatItIs() {
        assertThatThrownBy(() -> translator.translate("SELECT FORMAT_DATETIME('%F %Z', DATETIME '2020-01-01 10:00:00')", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("has no time zone");
        assertThatThrownBy(() -> translator.translate("SELECT FORMAT_TIMESTAMP('%F %Z', TIMESTAMP '2020-01-01 10:00:00+00', 'Asia/Kolkata')", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("%Z in a time zone other than UTC");
        // parsing reads the zone from the text: nothing to refuse
        assertThat(translator.translate("SELECT PARSE_TIMESTAMP('%FT%T%Ez', s) FROM t", AT)).contains("%Y-%m-%dT%H:%M:%S%z");
        // an element strptime cannot read is named
        assertThatThrownBy(() -> translator.translate("SELECT PARSE_TIMESTAMP('%s', '1700000000')", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("format element %s cannot be parsed");
    }

    @Test
    void aZonesOffsetIsFormattedAsItIsAtThatInstant() throws SQLException {
        // BigQuery's format elements reference: %z -0500, %Ez -05:00 (daylight saving time, half-hour zones)
        assertThat(query("SELECT FORMAT_TIMESTAMP('%FT%T%Ez', TIMESTAMP '2024-07-01 12:00:00+00', 'America/New_York'),"
                + " FORMAT_TIMESTAMP('%z', TIMESTAMP '2024-01-01 12:00:00+00', 'America/New_York'),"
                + " FORMAT_TIMESTAMP('%z', TIMESTAMP '2024-01-01 12:00:00+00', 'Asia/Kolkata'),"
                + " FORMAT_TIMESTAMP('%Ez', TIMESTAMP '2024-01-01 12:00:00+00', 'America/St_Johns'),"
                + " FORMAT_TIMESTAMP('%T %z', TIMESTAMP '2024-01-01 12:00:00+00', '+05')"))
                .containsExactly(List.of("2024-07-01T08:00:00-04:00", "-0500", "+0530", "-03:30", "17:00:00 +0500"));
    }

    @Test
    void aWholeHourOffsetIsATimeZoneAndAnotherOffsetIsRefused() throws SQLException {
        assertThat(query("SELECT CAST(TIME(TIMESTAMP '2024-01-01 00:00:00+00', '+05:00') AS STRING), "
                + "CAST(DATETIME(TIMESTAMP '2024-01-01 00:00:00+00', '-08') AS STRING), "
                + "CAST(DATE(TIMESTAMP '2024-01-01 03:00:00+00', 'UTC-5') AS STRING), "
                + "CAST(TIMESTAMP(DATETIME '2024-01-01 05:00:00', '+05') AS STRING), "
                + "CAST(EXTRACT(HOUR FROM TIMESTAMP '2024-01-01 00:00:00+00' AT TIME ZONE '+05:00') AS STRING)"))
                .containsExactly(List.of("05:00:00", "2023-12-31 16:00:00", "2023-12-31", "2024-01-01 00:00:00+00", "5"));
        for (String sql : List.of("SELECT TIME(ts, '+05:30') FROM t", "SELECT EXTRACT(HOUR FROM ts AT TIME ZONE '+05:30') FROM t")) {
            assertThatThrownBy(() -> translator.translate(sql, AT))
                    .isInstanceOf(PorygonException.class).hasMessageContaining("+05:30")
                    .satisfies(e -> assertThat(((PorygonException) e).hint()).contains("Asia/Kolkata"));
        }
    }

    @Test
    void aWallTimeTheClocksShowTwiceIsTheEarlierInstantAsInBigQuery() throws SQLException {
        // ZetaSQL converts civil time with absl's TimeInfo.pre: 01:30 on the day New York falls back is 01:30 EDT
        // (05:30 UTC), where DuckDB's timezone() took 01:30 EST; a skipped wall time takes the offset before the change
        assertThat(query("SELECT CAST(TIMESTAMP(DATETIME '2024-11-03 01:30:00', 'America/New_York') AS STRING), "
                + "CAST(TIMESTAMP('2024-10-27 02:30:00', 'Europe/Paris') AS STRING), "
                + "CAST(PARSE_TIMESTAMP('%F %T', '2024-11-03 01:30:00', 'America/New_York') AS STRING), "
                + "CAST(TIMESTAMP(DATETIME '2024-11-03 02:30:00', 'America/New_York') AS STRING), "
                + "CAST(TIMESTAMP(DATETIME '2024-03-10 02:30:00', 'America/New_York') AS STRING), "
                + "CAST(TIMESTAMP_TRUNC(TIMESTAMP '2024-11-03 12:00:00+00', DAY, 'America/Havana') AS STRING)"))
                .containsExactly(List.of("2024-11-03 05:30:00+00", "2024-10-27 00:30:00+00", "2024-11-03 05:30:00+00",
                        "2024-11-03 07:30:00+00", "2024-03-10 07:30:00+00", "2024-11-03 04:00:00+00"));
    }

    @Test
    void truncatingToTheHourInAZoneKeepsAnInstantOfTheRepeatedHourInItsOwnHour() throws SQLException {
        // BigQuery subtracts the minutes and seconds the zone's clocks show; the wall time's instant was the later hour
        assertThat(query("SELECT CAST(TIMESTAMP_TRUNC(TIMESTAMP '2024-11-03 05:45:00+00', HOUR, 'America/New_York') AS STRING), "
                + "CAST(TIMESTAMP_TRUNC(TIMESTAMP '2024-11-03 06:45:00+00', HOUR, 'America/New_York') AS STRING), "
                + "CAST(TIMESTAMP_TRUNC(TIMESTAMP '2024-11-03 06:45:00+00', HOUR, 'Asia/Kolkata') AS STRING), "
                + "CAST(TIMESTAMP_TRUNC(TIMESTAMP '2024-11-03 05:45:30.5+00', SECOND, 'America/New_York') AS STRING), "
                + "CAST(TIMESTAMP_TRUNC(TIMESTAMP '2024-03-10 15:00:00+00', WEEK(MONDAY), 'Europe/Paris') AS STRING)"))
                .containsExactly(List.of("2024-11-03 05:00:00+00", "2024-11-03 06:00:00+00", "2024-11-03 06:30:00+00",
                        "2024-11-03 05:45:30+00", "2024-03-03 23:00:00+00"));
    }

    @Test
    void parsingSecondsWithAnyFractionReadsTheTextWithOrWithoutOne() throws SQLException {
        assertThat(query("SELECT CAST(PARSE_TIMESTAMP('%Y-%m-%dT%H:%M:%E*SZ', '2024-01-01T10:11:12.25Z') AS STRING), "
                + "CAST(PARSE_TIMESTAMP('%Y-%m-%dT%H:%M:%E*SZ', '2024-01-01T10:11:12Z') AS STRING), "
                + "CAST(PARSE_DATETIME('%F %H:%M:%E2S', '2024-01-01 10:11:12.12') AS STRING), "
                + "CAST(PARSE_DATETIME('%F %H:%M:%E*S', '2024-01-01 10:11:12.123456789') AS STRING)"))
                .containsExactly(List.of("2024-01-01 10:11:12.25+00", "2024-01-01 10:11:12+00", "2024-01-01 10:11:12.12",
                        "2024-01-01 10:11:12.123456"));
    }

    @Test
    void parsingReadsZAsTheOffsetOfEzAndHoursWithoutALeadingZero() throws SQLException {
        // DFE analytics' stringToTimestamp on Rails' UTC times: ZetaSQL's ParseTime reads Z for %Ez (not for
        // %z), and reads %l as %I and %k as %H; a Z is UTC whatever the zone argument
        assertThat(query("SELECT CAST(SAFE.PARSE_TIMESTAMP('%FT%H:%M:%E*S%Ez', '2024-03-05T10:11:12.345Z') AS STRING), "
                + "CAST(PARSE_TIMESTAMP('%FT%T%Ez', '2024-03-05T10:11:12Z', 'Europe/London') AS STRING), "
                + "CAST(PARSE_TIMESTAMP('%FT%T%Ez', '2024-03-05T10:11:12+01:00') AS STRING), "
                + "CAST(SAFE.PARSE_TIMESTAMP('%FT%T%z', '2024-03-05T10:11:12Z') AS STRING), "
                + "CAST(PARSE_TIMESTAMP('%e %B %Y %l:%M%p', '5 July 2024 2:30PM', 'Europe/London') AS STRING), "
                + "CAST(PARSE_DATETIME('%F %k:%M', '2024-07-05 9:05') AS STRING)"))
                .containsExactly(Arrays.asList("2024-03-05 10:11:12.345+00", "2024-03-05 10:11:12+00", "2024-03-05 09:11:12+00", null,
                        "2024-07-05 13:30:00+00", "2024-07-05 09:05:00"));
    }

    @Test
    void toJsonStringOfATableAliasEncodesTheRowAndHashesIt() throws SQLException {
        run("CREATE OR REPLACE TABLE `p.thelook.json_rows` AS SELECT * FROM UNNEST([STRUCT(1 AS id, 'a\"b' AS name, [1.5, 2.0] AS scores, "
                + "[3, 4] AS ids, DATE '2024-01-02' AS d), (1, 'a\"b', [1.5, 2.0], [3, 4], DATE '2024-01-02'), "
                + "(2, CAST(NULL AS STRING), CAST([] AS ARRAY<FLOAT64>), [], NULL)])");
        assertThat(query("SELECT DISTINCT TO_JSON_STRING(t) AS j FROM (SELECT id, name, ids, d FROM `p.thelook.json_rows`) AS t ORDER BY j"))
                .containsExactly(List.of("{\"id\":1,\"name\":\"a\\\"b\",\"ids\":[3,4],\"d\":\"2024-01-02\"}"),
                        List.of("{\"id\":2,\"name\":null,\"ids\":[],\"d\":null}"));
        // the usual row fingerprint for deduplication: equal rows, equal hashes
        assertThat(query("SELECT COUNT(DISTINCT TO_HEX(MD5(TO_JSON_STRING(t)))) FROM `p.thelook.json_rows` AS t"))
                .containsExactly(List.of(new BigDecimal(2)));
        // a top-level ARRAY<FLOAT64> is encoded element by element as BigQuery encodes FLOAT64
        assertThat(query("SELECT TO_JSON_STRING(scores), TO_JSON_STRING(scores[SAFE_OFFSET(1)]), TO_JSON_STRING(id) FROM `p.thelook.json_rows` ORDER BY id"))
                .containsExactly(List.of("[1.5,2]", "2", "1"), List.of("[1.5,2]", "2", "1"), List.of("[]", "null", "2"));
    }

    @Test
    void jsonArrayAndApproximateFunctionsRefuseWhatTheyCannotTranslateWithAHint() throws SQLException {
        assertThatThrownBy(() -> translator.translate("SELECT TO_JSON_STRING(STRUCT(1 AS a), TRUE)", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("pretty_print")
                .satisfies(e -> assertThat(((PorygonException) e).hint()).contains("compact"));
        assertThatThrownBy(() -> translator.translate("SELECT JSON_QUERY_ARRAY(j, 'a.b') FROM t", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("does not start with $");
        // DuckDB's JSONPath also has wildcards, recursive descent and indexes from the end, which would give a list or
        // the last element where BigQuery has no such path
        for (String call : List.of("JSON_QUERY(j, '$.lines[*].sku')", "JSON_VALUE(j, '$.a.*')", "JSON_QUERY_ARRAY(j, '$..items')",
                "JSON_QUERY(j, '$.a[-1]')", "JSON_VALUE_ARRAY(j, '$.a[#-1]')", "JSON_EXTRACT(j, \"$['a'].*\")")) {
            assertThatThrownBy(() -> translator.translate("SELECT " + call + " FROM t", AT)).as(call)
                    .isInstanceOf(PorygonException.class).hasMessageContaining("BigQuery's JSONPath does not have");
        }
        // the same characters inside a quoted key are the key's
        assertThat(query("SELECT JSON_VALUE('{\"a*b\": {\"c..d\": 1, \"[-1]\": 2}}', '$.\"a*b\".\"c..d\"'),"
                + " JSON_EXTRACT_SCALAR('{\"a*b\": {\"[-1]\": 2}}', \"$['a*b']['[-1]']\")")).containsExactly(List.of("1", "2"));
        assertThatThrownBy(() -> translator.translate("SELECT APPROX_QUANTILES(x, n) FROM t", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("integer literal");
        assertThatThrownBy(() -> translator.translate("SELECT APPROX_QUANTILES(x, 4 ORDER BY x) FROM t", AT))
                .isInstanceOf(PorygonException.class);
        assertThatThrownBy(() -> translator.translate("SELECT APPROX_TOP_COUNT(DISTINCT x, 4) FROM t", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("DISTINCT");
        assertThatThrownBy(() -> translator.translate("SELECT FARM_FINGERPRINT(TO_JSON_STRING(t)) FROM t", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("FarmHash")
                .satisfies(e -> assertThat(((PorygonException) e).hint()).contains("MD5"));
        // an INTERVAL has no DuckDB encoding as BigQuery's ISO 8601 duration: an error when the query runs
        assertThatThrownBy(() -> query("SELECT TO_JSON_STRING(INTERVAL 1 DAY)"))
                .isInstanceOf(SQLException.class).hasMessageContaining("INTERVAL");
        // the legacy functions' ['key'] escapes become double-quoted keys
        assertThat(query("SELECT JSON_EXTRACT_STRING_ARRAY('{\"k\": {\"a.b\": [1, 2]}}', \"$['k'][ 'a.b' ]\")"))
                .containsExactly(List.of(List.of("1", "2")));
    }
}
