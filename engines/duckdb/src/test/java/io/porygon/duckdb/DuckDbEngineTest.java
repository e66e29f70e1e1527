package io.porygon.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.core.engine.BulkWriter;
import io.porygon.core.engine.Column;
import io.porygon.core.graph.Target;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbEngineTest {
    @TempDir Path dir;

    @Test
    void bulkWriterLoadsRowsIntoANewTableInItsSchema() throws Exception {
        Target users = new Target("any-project", "raw", "users");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            try (BulkWriter w = engine.createAndOpenWriter(users,
                    List.of(new Column("id", "BIGINT"), new Column("name", "VARCHAR"), new Column("created_at", "TIMESTAMP")))) {
                w.append(1L).append("Ann").appendTimestampMicros(86_400_000_000L).endRow();
                w.append(2L).appendNull().appendTimestampMicros(0L).endRow();
            }
            assertThat(engine.exists(users)).isTrue();
            assertThat(engine.columns(users)).extracting(Column::name).containsExactly("id", "name", "created_at");
            try (Statement st = engine.connection().createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*), count(name), max(created_at)::VARCHAR FROM raw.users")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
                assertThat(rs.getLong(2)).isEqualTo(1);
                assertThat(rs.getString(3)).isEqualTo("1970-01-02 00:00:00");
            }
        }
    }

    @Test
    void missingTableDoesNotExist() {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            assertThat(engine.exists(new Target(null, "raw", "nope"))).isFalse();
        }
    }
}
