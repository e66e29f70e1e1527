package io.porygon.core.sql;

import static io.porygon.core.sql.TranslationCorpus.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porygon.core.SourceLocation;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MERGE and UPDATE as BigQuery's DML reference documents them, translated and run on DuckDB: the names
 * each MERGE clause sees, and the error when a target row matches more than one source row.
 */
class MergeAndUpdateTest {
    static final SourceLocation AT = new SourceLocation("definitions/dml.sqlx", 1, 1);
    final DuckDbTranslator translator = new DuckDbTranslator();

    @RegisterExtension
    static final TranslationWarehouse warehouse = new TranslationWarehouse("CREATE SCHEMA IF NOT EXISTS dataset");

    /** The reference's tables, as its INSERT examples fill them. */
    @BeforeEach
    void referenceTables() throws SQLException {
        run("CREATE OR REPLACE TABLE dataset.Inventory (product STRING, quantity INT64)");
        run("INSERT dataset.Inventory (product, quantity) VALUES ('top load washer', 10), ('front load washer', 20), ('dryer', 30),"
                + " ('refrigerator', 10), ('microwave', 20), ('dishwasher', 30), ('oven', 5)");
        run("CREATE OR REPLACE TABLE dataset.NewArrivals (product STRING, quantity INT64, warehouse STRING)");
        run("INSERT dataset.NewArrivals (product, quantity, warehouse) VALUES ('dryer', 200, 'warehouse #2'), ('oven', 300, 'warehouse #3'),"
                + " ('washer', 20, 'warehouse #1')");
        run("CREATE OR REPLACE TABLE dataset.DetailedInventory (product STRING, quantity INT64, supply_constrained BOOL,"
                + " comments ARRAY<STRUCT<created DATE, comment STRING>>)");
    }

    private void run(String googleSql) throws SQLException {
        try (Statement st = warehouse.connection().createStatement()) {
            for (String s : translator.translateStatements(googleSql, AT)) st.execute(s);
        }
    }

    /** As the runner runs an operation: the whole translation in one call. */
    private void runAsOneScript(String googleSql) throws SQLException {
        try (Statement st = warehouse.connection().createStatement()) {
            st.execute(translator.translate(googleSql, AT));
        }
    }

    private List<List<Object>> query(String googleSql) throws SQLException {
        return warehouse.query(translator, googleSql, AT);
    }

    @Test
    void notMatchedClausesReadTheSourcesColumnsUnqualified() throws SQLException {
        // the reference's MERGE example 2: quantity and product are the source's
        run("MERGE dataset.DetailedInventory T USING dataset.Inventory S ON T.product = S.product\n"
                + "WHEN NOT MATCHED AND quantity < 20 THEN\n"
                + "  INSERT(product, quantity, supply_constrained, comments)\n"
                + "  VALUES(product, quantity, true, ARRAY<STRUCT<created DATE, comment STRING>>[(DATE('2016-01-01'), 'comment1')])\n"
                + "WHEN NOT MATCHED THEN\n"
                + "  INSERT(product, quantity, supply_constrained)\n"
                + "  VALUES(product, quantity, false)");
        assertThat(query("SELECT product, quantity, supply_constrained, IFNULL(ARRAY_LENGTH(comments), 0), comments[SAFE_OFFSET(0)].created,"
                + " comments[SAFE_OFFSET(0)].comment FROM dataset.DetailedInventory ORDER BY product")).containsExactly(
                row("dishwasher", 30L, false, 0L, null, null),
                row("dryer", 30L, false, 0L, null, null),
                row("front load washer", 20L, false, 0L, null, null),
                row("microwave", 20L, false, 0L, null, null),
                row("oven", 5L, true, 1L, "2016-01-01", "comment1"),
                row("refrigerator", 10L, true, 1L, "2016-01-01", "comment1"),
                row("top load washer", 10L, true, 1L, "2016-01-01", "comment1"));
    }

    @Test
    void aStructFieldPathInANotMatchedClauseReadsTheSource() throws SQLException {
        run("CREATE OR REPLACE TABLE dataset.Named (id INT64, info STRUCT<name STRING, n INT64>, note STRING)");
        run("CREATE OR REPLACE TABLE dataset.NewNamed (id INT64, info STRUCT<name STRING, n INT64>)");
        run("INSERT dataset.NewNamed VALUES (1, STRUCT('a', 5)), (2, STRUCT('b', 0))");
        run("MERGE dataset.Named T USING dataset.NewNamed S ON T.id = S.id\n"
                + "WHEN NOT MATCHED AND info.n > 0 THEN INSERT (id, info, note) VALUES (id, info, info.name)");
        assertThat(query("SELECT id, note FROM dataset.Named")).containsExactly(row(1L, "a"));
        // a field read through the table's name in a clause (DuckDB's MERGE failed to bind it: an internal error)
        run("MERGE dataset.Named T USING (SELECT * FROM dataset.NewNamed) S ON T.id = S.id\n"
                + "WHEN MATCHED AND S.info.n > 0 THEN UPDATE SET note = CONCAT(S.info.name, '!')");
        assertThat(query("SELECT id, note FROM dataset.Named")).containsExactly(row(1L, "a!"));
    }

    @Test
    void notMatchedBySourceReadsTheTargetsColumnsUnqualified() throws SQLException {
        // the reference's MERGE example 4: new washers inserted, the old ones deleted
        run("MERGE dataset.Inventory T USING dataset.NewArrivals S ON FALSE\n"
                + "WHEN NOT MATCHED AND product LIKE '%washer%' THEN\n"
                + "  INSERT (product, quantity) VALUES(product, quantity)\n"
                + "WHEN NOT MATCHED BY SOURCE AND product LIKE '%washer%' THEN\n"
                + "  DELETE");
        assertThat(query("SELECT product, quantity FROM dataset.Inventory ORDER BY product")).containsExactly(
                row("dryer", 30L), row("microwave", 20L), row("oven", 5L), row("refrigerator", 10L), row("washer", 20L));
    }

    @Test
    void insertRowInsertsTheSourceRowsColumnsByPosition() throws SQLException {
        // a staging table of the target's columns, the source's names need not match
        run("CREATE TABLE dataset.Arrived AS SELECT product AS name, quantity AS n FROM dataset.NewArrivals");
        run("MERGE dataset.Inventory T USING dataset.Arrived S ON T.product = S.name\n"
                + "WHEN MATCHED THEN UPDATE SET quantity = T.quantity + S.n\n"
                + "WHEN NOT MATCHED BY TARGET THEN INSERT ROW");
        assertThat(query("SELECT product, quantity FROM dataset.Inventory WHERE product IN ('dryer', 'oven', 'washer') ORDER BY product"))
                .containsExactly(row("dryer", 230L), row("oven", 305L), row("washer", 20L));
        // a source with another number of columns is an error, as on BigQuery
        assertThatThrownBy(() -> run("MERGE dataset.Inventory T USING dataset.NewArrivals S ON FALSE WHEN NOT MATCHED THEN INSERT ROW"))
                .hasMessageContaining("3 values");
    }

    @Test
    void aSubquerySourceAndABySourceUpdateReadTheirOwnTable() throws SQLException {
        run("MERGE dataset.Inventory AS T USING (SELECT product, quantity * 2 AS quantity FROM dataset.NewArrivals) AS S"
                + " ON T.product = S.product\n"
                + "WHEN MATCHED THEN UPDATE SET quantity = S.quantity\n"
                + "WHEN NOT MATCHED BY TARGET AND quantity > 30 THEN INSERT (product, quantity) VALUES (product, quantity + 1)\n"
                + "WHEN NOT MATCHED BY SOURCE AND quantity < 20 THEN UPDATE SET quantity = quantity + 100");
        assertThat(query("SELECT product, quantity FROM dataset.Inventory ORDER BY product")).containsExactly(
                row("dishwasher", 30L), row("dryer", 400L), row("front load washer", 20L), row("microwave", 20L), row("oven", 600L),
                row("refrigerator", 110L), row("top load washer", 110L), row("washer", 41L));
    }

    @Test
    void aSubqueryInAClauseKeepsItsOwnNames() throws SQLException {
        // inside the subquery, product is NewArrivals'; outside it, Inventory's (the source)
        String sql = translator.translate("MERGE dataset.DetailedInventory T USING dataset.Inventory S ON T.product = S.product\n"
                + "WHEN NOT MATCHED AND product NOT IN (SELECT product FROM dataset.NewArrivals) THEN\n"
                + "  INSERT (product, quantity) VALUES (product, quantity)", AT);
        assertThat(sql).contains("S.product NOT IN (SELECT product FROM dataset.NewArrivals)").contains("INSERT (product, quantity)");
        run("MERGE dataset.DetailedInventory T USING dataset.Inventory S ON T.product = S.product\n"
                + "WHEN NOT MATCHED AND product NOT IN (SELECT product FROM dataset.NewArrivals) THEN\n"
                + "  INSERT (product, quantity) VALUES (product, quantity)");
        assertThat(query("SELECT product FROM dataset.DetailedInventory ORDER BY product")).containsExactly(
                row("dishwasher"), row("front load washer"), row("microwave"), row("refrigerator"), row("top load washer"));
    }

    @Test
    void anUnaliasedSourceIsQualifiedByItsName() throws SQLException {
        run("MERGE dataset.DetailedInventory USING dataset.Inventory ON DetailedInventory.product = Inventory.product\n"
                + "WHEN NOT MATCHED AND quantity = 5 THEN INSERT (product, quantity) VALUES (product, quantity)");
        assertThat(query("SELECT product, quantity FROM dataset.DetailedInventory")).containsExactly(row("oven", 5L));
    }

    @Test
    void aScriptVariableInANotMatchedClauseStaysAVariable() throws SQLException {
        run("DECLARE min_quantity INT64 DEFAULT 20;\n"
                + "MERGE dataset.DetailedInventory T USING dataset.Inventory S ON T.product = S.product\n"
                + "WHEN NOT MATCHED AND quantity >= min_quantity THEN INSERT (product, quantity) VALUES (product, quantity + min_quantity)");
        assertThat(query("SELECT product, quantity FROM dataset.DetailedInventory ORDER BY product")).containsExactly(
                row("dishwasher", 50L), row("dryer", 50L), row("front load washer", 40L), row("microwave", 40L));
    }

    @Test
    void updateFromFailsWhenATargetRowMatchesTwoSourceRows() throws SQLException {
        run("CREATE OR REPLACE TABLE dataset.U1 (k STRING, v INT64); INSERT dataset.U1 VALUES ('dryer', 70), ('oven', 1);"
                + " CREATE OR REPLACE TABLE dataset.U2 (k STRING, v INT64); INSERT dataset.U2 VALUES ('dryer', 10), ('dryer', 20)");
        assertThatThrownBy(() -> runAsOneScript("UPDATE dataset.U1 t SET v = t.v + s.v FROM dataset.U2 s WHERE t.k = s.k"))
                .isInstanceOf(SQLException.class).hasMessageContaining(SingleMatchCheck.MESSAGE);
        assertThat(query("SELECT k, v FROM dataset.U1 ORDER BY k")).containsExactly(row("dryer", 70L), row("oven", 1L));
        // the same key twice with a condition that lets one of them match: no error, as in BigQuery
        runAsOneScript("UPDATE dataset.U1 t SET v = t.v + s.v FROM dataset.U2 s WHERE t.k = s.k AND s.v > 15");
        assertThat(query("SELECT k, v FROM dataset.U1 ORDER BY k")).containsExactly(row("dryer", 90L), row("oven", 1L));
    }

    @Test
    void updateFromWithOneMatchPerRowUpdates() throws SQLException {
        run("UPDATE dataset.Inventory i SET quantity = i.quantity + n.quantity FROM dataset.NewArrivals n WHERE i.product = n.product");
        assertThat(query("SELECT product, quantity FROM dataset.Inventory WHERE product IN ('dryer', 'oven', 'microwave') ORDER BY product"))
                .containsExactly(row("dryer", 230L), row("microwave", 20L), row("oven", 305L));
        // repeated source keys that match no target row are no error
        run("INSERT dataset.NewArrivals VALUES ('blender', 1, 'warehouse #1'), ('blender', 2, 'warehouse #2')");
        run("UPDATE dataset.Inventory i SET quantity = n.quantity FROM dataset.NewArrivals n WHERE i.product = n.product AND n.product = 'oven'");
        assertThat(query("SELECT quantity FROM dataset.Inventory WHERE product = 'oven'")).containsExactly(row(300L));
    }

    @Test
    void updateFromASubqueryOrAJoinIsCheckedToo() throws SQLException {
        assertThatThrownBy(() -> runAsOneScript("UPDATE dataset.Inventory i SET quantity = a.q"
                + " FROM (SELECT 'oven' AS p, 1 AS q UNION ALL SELECT 'oven', 2) AS a WHERE i.product = a.p"))
                .isInstanceOf(SQLException.class).hasMessageContaining(SingleMatchCheck.MESSAGE);
        runAsOneScript("UPDATE dataset.Inventory i SET quantity = a.q FROM (SELECT 'oven' AS p, 1 AS q UNION ALL SELECT 'dryer', 2) AS a"
                + " WHERE i.product = a.p");
        assertThat(query("SELECT product, quantity FROM dataset.Inventory WHERE product IN ('dryer', 'oven') ORDER BY product"))
                .containsExactly(row("dryer", 2L), row("oven", 1L));
        // a FROM with a join: each (n, w) pair is one source row
        run("CREATE OR REPLACE TABLE dataset.Warehouse AS SELECT 'warehouse #1' AS warehouse, 'WA' AS state UNION ALL"
                + " SELECT 'warehouse #2', 'CA' UNION ALL SELECT 'warehouse #3', 'WA'");
        runAsOneScript("UPDATE dataset.Inventory i SET quantity = n.quantity FROM dataset.NewArrivals n JOIN dataset.Warehouse w"
                + " ON n.warehouse = w.warehouse WHERE i.product = n.product AND w.state = 'WA'");
        assertThat(query("SELECT product, quantity FROM dataset.Inventory WHERE product IN ('dryer', 'oven') ORDER BY product"))
                .containsExactly(row("dryer", 2L), row("oven", 300L));
        assertThatThrownBy(() -> runAsOneScript("UPDATE dataset.Inventory i SET quantity = n.quantity FROM dataset.NewArrivals n"
                + " JOIN dataset.Warehouse w ON TRUE WHERE i.product = n.product"))
                .isInstanceOf(SQLException.class).hasMessageContaining(SingleMatchCheck.MESSAGE);
    }

    @Test
    void anUpdateWithoutFromNeedsNoCheck() {
        assertThat(translator.translateStatements("UPDATE dataset.Inventory SET quantity = quantity - 10 WHERE product LIKE '%washer%'", AT))
                .hasSize(1);
    }

    @Test
    void anUpdatesFromClauseIsTranslatedAndItsUnnestAliasesRead() throws SQLException {
        // JSqlParser's printer wrote the FROM clause as written: SAFE_DIVIDE and STRUCT(... AS p) reached DuckDB
        run("UPDATE dataset.Inventory t SET quantity = s.q FROM (SELECT 'oven' AS p, CAST(SAFE_DIVIDE(4, 2) AS INT64) AS q) s"
                + " WHERE t.product = s.p");
        run("UPDATE dataset.Inventory SET quantity = a.q FROM UNNEST([STRUCT('dryer' AS p, 7 AS q), ('x', 2)]) AS a"
                + " WHERE product = a.p");
        assertThat(query("SELECT product, quantity FROM dataset.Inventory WHERE product IN ('oven', 'dryer') ORDER BY product"))
                .containsExactly(row("dryer", 7L), row("oven", 2L));
    }

    @Test
    void anInsertThatLeavesOutAnArrayColumnStoresAnEmptyArrayThatALaterUpdateAppendsTo() throws SQLException {
        // the reference's sequence: comments is [] after the INSERT, then holds the appended comment
        run("INSERT dataset.DetailedInventory (product, quantity, supply_constrained) VALUES ('washer', 10, false)");
        run("UPDATE dataset.DetailedInventory SET comments = ARRAY_CONCAT(comments, ARRAY<STRUCT<created DATE, comment STRING>>"
                + "[(CAST('2016-01-01' AS DATE), 'comment1')]) WHERE product LIKE '%washer%'");
        assertThat(query("SELECT ARRAY_LENGTH(comments), comments[OFFSET(0)].comment FROM dataset.DetailedInventory"))
                .containsExactly(row(1L, "comment1"));
        // a column added later too, for the rows there and those inserted after
        run("ALTER TABLE dataset.DetailedInventory ADD COLUMN tags ARRAY<STRING>");
        run("INSERT dataset.DetailedInventory (product) VALUES ('dryer')");
        assertThat(query("SELECT ARRAY_LENGTH(tags) FROM dataset.DetailedInventory")).containsExactly(row(0L), row(0L));
    }

    @Test
    void anUpdateSetsFieldsOfAStruct() throws SQLException {
        // the reference's "UPDATE nested fields" (DuckDB: qualified column names in UPDATE .. SET not supported)
        run("CREATE OR REPLACE TABLE dataset.Specs (product STRING, specifications STRUCT<color STRING, warranty STRING,"
                + " dimensions STRUCT<depth FLOAT64, height FLOAT64>>)");
        run("INSERT dataset.Specs VALUES ('washer', STRUCT('red', NULL, STRUCT(1.0, 2.0))), ('dryer', STRUCT('blue', '2 years', NULL))");
        run("UPDATE dataset.Specs s SET specifications.color = 'white', specifications.warranty = '1 year',"
                + " s.specifications.dimensions.height = 9, product = UPPER(product) WHERE product LIKE '%washer%'");
        assertThat(query("SELECT product, TO_JSON_STRING(specifications) FROM dataset.Specs ORDER BY product")).containsExactly(
                row("WASHER", "{\"color\":\"white\",\"warranty\":\"1 year\",\"dimensions\":{\"depth\":1.0,\"height\":9.0}}"),
                row("dryer", "{\"color\":\"blue\",\"warranty\":\"2 years\",\"dimensions\":null}"));
    }

    @Test
    void mergeFailsWhenATargetRowMatchesTwoSourceRows() throws SQLException {
        run("INSERT dataset.NewArrivals VALUES ('oven', 1, 'warehouse #1')");
        for (String clause : List.of("WHEN MATCHED THEN UPDATE SET quantity = T.quantity + S.quantity", "WHEN MATCHED THEN DELETE")) {
            assertThatThrownBy(() -> runAsOneScript("MERGE dataset.Inventory T USING dataset.NewArrivals S ON T.product = S.product " + clause))
                    .as(clause).isInstanceOf(SQLException.class).hasMessageContaining(SingleMatchCheck.MESSAGE);
        }
        // an equality of a target and a source column: only source rows whose product repeats are joined
        assertThat(translator.translateStatements("MERGE dataset.Inventory AS T USING dataset.NewArrivals AS S ON T.product = S.product"
                + " WHEN MATCHED THEN DELETE", AT).get(0))
                .contains("JOIN (SELECT * FROM dataset.NewArrivals AS S WHERE (S.product) IN (SELECT S.product FROM dataset.NewArrivals AS S"
                        + " GROUP BY ALL HAVING count(*) > 1)) AS S ON T.product = S.product GROUP BY T.rowid HAVING count(*) > 1");
        // a condition with no equality between the tables gets the full check
        assertThat(translator.translateStatements("MERGE dataset.Inventory T USING dataset.NewArrivals S ON T.product LIKE S.product || '%'"
                + " WHEN MATCHED THEN DELETE", AT).get(0)).contains("JOIN dataset.NewArrivals S ON").doesNotContain("GROUP BY ALL");
        assertThatThrownBy(() -> runAsOneScript("MERGE dataset.Inventory T USING dataset.NewArrivals S ON T.product LIKE S.product || '%'"
                + " WHEN MATCHED THEN DELETE")).isInstanceOf(SQLException.class).hasMessageContaining(SingleMatchCheck.MESSAGE);
        assertThat(query("SELECT COUNT(*) FROM dataset.Inventory")).containsExactly(row(7L));
        // NOT MATCHED clauses insert every unmatched source row, however often its key repeats
        runAsOneScript("MERGE dataset.DetailedInventory T USING dataset.NewArrivals S ON T.product = S.product"
                + " WHEN NOT MATCHED THEN INSERT (product, quantity) VALUES (product, quantity)");
        assertThat(query("SELECT product, quantity FROM dataset.DetailedInventory ORDER BY product, quantity"))
                .containsExactly(row("dryer", 200L), row("oven", 1L), row("oven", 300L), row("washer", 20L));
        assertThat(translator.translateStatements("MERGE dataset.DetailedInventory T USING dataset.NewArrivals S ON T.product = S.product"
                + " WHEN NOT MATCHED THEN INSERT (product, quantity) VALUES (product, quantity)"
                + " WHEN NOT MATCHED BY SOURCE THEN DELETE", AT)).hasSize(1);
    }

    @Test
    void mergeWithOneMatchPerRowUpdates() throws SQLException {
        // the reference's MERGE example 1
        runAsOneScript("MERGE dataset.Inventory T USING dataset.NewArrivals S ON T.product = S.product\n"
                + "WHEN MATCHED THEN UPDATE SET quantity = T.quantity + S.quantity\n"
                + "WHEN NOT MATCHED THEN INSERT (product, quantity) VALUES(product, quantity)");
        assertThat(query("SELECT product, quantity FROM dataset.Inventory ORDER BY product")).containsExactly(
                row("dishwasher", 30L), row("dryer", 230L), row("front load washer", 20L), row("microwave", 20L), row("oven", 305L),
                row("refrigerator", 10L), row("top load washer", 10L), row("washer", 20L));
        // the reference's MERGE example 3: a table merged with a subquery of itself
        runAsOneScript("MERGE dataset.NewArrivals T\n"
                + "USING (SELECT * FROM dataset.NewArrivals WHERE warehouse <> 'warehouse #2') S\n"
                + "ON T.product = S.product\n"
                + "WHEN MATCHED AND T.warehouse = 'warehouse #1' THEN UPDATE SET quantity = T.quantity + 20\n"
                + "WHEN MATCHED THEN DELETE");
        assertThat(query("SELECT product, quantity, warehouse FROM dataset.NewArrivals ORDER BY product")).containsExactly(
                row("dryer", 200L, "warehouse #2"), row("washer", 40L, "warehouse #1"));
    }

    @Test
    void theCheckFailsTheTransactionItRunsIn() throws SQLException {
        run("INSERT dataset.NewArrivals VALUES ('oven', 1, 'warehouse #1')");
        try (Statement st = warehouse.connection().createStatement()) {
            st.execute("BEGIN TRANSACTION");
            st.execute("DELETE FROM dataset.Inventory WHERE product = 'dryer'");
        }
        try (Statement st = warehouse.connection().createStatement()) {
            assertThatThrownBy(() -> st.execute(translator.translate(
                    "MERGE dataset.Inventory T USING dataset.NewArrivals S ON T.product = S.product WHEN MATCHED THEN DELETE", AT)))
                    .hasMessageContaining(SingleMatchCheck.MESSAGE);
        }
        try (Statement st = warehouse.connection().createStatement()) {
            // the transaction cannot go on: the runner rolls it back, and with it the statements before
            assertThatThrownBy(() -> st.execute("SELECT 1")).hasMessageContaining("transaction is aborted");
        }
        try (Statement st = warehouse.connection().createStatement()) {
            st.execute("ROLLBACK");
        }
        assertThat(query("SELECT COUNT(*) FROM dataset.Inventory")).containsExactly(row(7L));
    }
}
