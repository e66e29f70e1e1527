package io.porygon.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.porygon.core.engine.Engine;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit DuckDB refuses (a conflict with another session, a memory limit, a full disk) leaves the
 * connection ready for the next transaction, which is again all or nothing.
 */
class FailedCommitTest {
    @TempDir Path dir;

    @Test
    void afterACommitDuckDbRefusedTheNextTransactionIsAllOrNothingAgain() {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            engine.execute("CREATE TABLE t (k BIGINT PRIMARY KEY)");
            // another session commits the same key first: this transaction's commit is refused
            Engine other = engine.openSession(); // open before the transaction, as the runner's sessions are
            Throwable refused = catchThrowable(() -> engine.inTransaction(() -> {
                engine.execute("INSERT INTO t VALUES (1)");
                other.execute("INSERT INTO t VALUES (1)");
            }));
            other.close();
            assertThat(refused).as("the commit is refused").isNotNull().hasMessageContaining("could not commit the transaction");
            engine.execute("DELETE FROM t");

            Throwable failed = catchThrowable(() -> engine.inTransaction(() -> {
                engine.execute("INSERT INTO t VALUES (2)");
                engine.execute("SELECT error('the second statement fails')");
            }));
            assertThat(failed).hasMessageContaining("the second statement fails");
            // the first statement of the failed transaction is not kept
            assertThat(engine.queryRows("SELECT k FROM t ORDER BY k")).containsExactly();

            engine.inTransaction(() -> engine.execute("INSERT INTO t VALUES (3)"));
            assertThat(engine.queryRows("SELECT k FROM t ORDER BY k")).containsExactly(List.of(3L));
        }
    }
}
