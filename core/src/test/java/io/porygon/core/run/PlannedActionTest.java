package io.porygon.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.core.graph.ActionDescriptor;
import io.porygon.core.graph.ActionType;
import io.porygon.core.graph.BigQueryOptions;
import io.porygon.core.graph.OnSchemaChange;
import io.porygon.core.graph.TableAction;
import io.porygon.core.graph.Target;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannedActionTest {
    static final Target TABLE = new Target("p", "s", "t");

    @Test
    void preOperationsThatOnlyDeclareOrSetScriptVariablesChangeNoTable() {
        assertThat(withPreOps("DECLARE since TIMESTAMP DEFAULT (SELECT MAX(at) FROM `p.s.t`);\n"
                + "SET since = TIMESTAMP_SUB(since, INTERVAL 1 DAY);", "-- a comment\nSET (a, b) = (1, 2)").runsProjectStatements()).isFalse();
        assertThat(withPreOps().runsProjectStatements()).isFalse();
    }

    @Test
    void anyOtherStatementMayChangeTablesAndViews() {
        assertThat(withPreOps("DECLARE x INT64 DEFAULT 1;\nDELETE FROM `p.s.t` WHERE at < '2020-01-01'").runsProjectStatements()).isTrue();
        assertThat(withPreOps("SET x = 1", "CREATE TEMP FUNCTION f() AS (1)").runsProjectStatements()).isTrue();
        assertThat(withPreOps("SELECT 'SET x = 1'").runsProjectStatements()).isTrue();
        assertThat(withPreOps("DECLARE x DEFAULT 'unterminated").runsProjectStatements()).isTrue();
    }

    @Test
    void postOperationsThatOnlyDeclareOrSetScriptVariablesStillRunInTheTablesTransaction() {
        // a failing check written as a DECLARE must not leave the table it follows built
        assertThat(withPostOps("DECLARE n INT64 DEFAULT (SELECT IF(COUNT(*) > 0, ERROR('dupes'), 0) FROM `p.s.t`)").buildsInTransaction()).isTrue();
        assertThat(withPreOps("DECLARE since TIMESTAMP DEFAULT (SELECT MAX(at) FROM `p.s.t`)").buildsInTransaction()).isFalse();
        assertThat(withPreOps("DELETE FROM `p.s.t` WHERE TRUE").buildsInTransaction()).isTrue();
        assertThat(withPostOps("").buildsInTransaction()).isFalse();
    }

    private static PlannedAction withPreOps(String... preOps) {
        return withOps(List.of(preOps), List.of());
    }

    private static PlannedAction withPostOps(String... postOps) {
        return withOps(List.of(), List.of(postOps));
    }

    /** A table with these pre- and post-operations, planned as written (SQL that needs no translation). */
    private static PlannedAction withOps(List<String> pre, List<String> post) {
        TableAction table = new TableAction(TABLE, ActionType.TABLE, "SELECT 1 AS at", null, pre, post, List.of(), List.of(),
                List.of(), List.of(), ActionDescriptor.EMPTY, BigQueryOptions.NONE, List.of(), false, false, false, "definitions/t.sqlx", 1,
                OnSchemaChange.IGNORE);
        return new PlannedAction("p.s.t", table, new Target(null, "s", "t"), Step.BUILD_TABLE, pre, "SELECT 1 AS at", List.of(),
                post, List.of(), Set.of(), null, List.of());
    }
}
