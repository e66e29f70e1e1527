package io.porygon.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porygon.core.engine.Column;
import io.porygon.core.graph.OnSchemaChange;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaChangeTest {
    private static final List<Column> TABLE = List.of(new Column("id", "BIGINT"), new Column("Val", "VARCHAR"), new Column("old", "DATE"));

    @Test
    void theTableAfterASynchronizeLosesTheDroppedColumnsAndEndsWithTheAddedOnes() {
        List<Column> query = List.of(new Column("score", "DOUBLE"), new Column("val", "VARCHAR"), new Column("ID", "BIGINT"));
        SchemaChange change = SchemaChange.between(TABLE, query, OnSchemaChange.SYNCHRONIZE, List.of("id"), false);

        assertThat(change.dropped()).containsExactly("old");
        assertThat(change.applyTo(TABLE)).containsExactly(new Column("id", "BIGINT"), new Column("Val", "VARCHAR"), new Column("score", "DOUBLE"));
    }

    @Test
    void noChangeLeavesTheTableAsItIs() {
        SchemaChange change = SchemaChange.between(TABLE, TABLE, OnSchemaChange.IGNORE, List.of(), false);
        assertThat(change.applyTo(TABLE)).isEqualTo(TABLE);
    }

    @Test
    void aUniqueKeyTheQuerySelectsButTheTableLacksIsToldApartFromOneTheQueryLacks() {
        List<Column> withKey = List.of(new Column("id", "BIGINT"), new Column("Val", "VARCHAR"), new Column("old", "DATE"), new Column("k", "INTEGER"));
        assertThatThrownBy(() -> SchemaChange.between(TABLE, withKey, OnSchemaChange.IGNORE, List.of("k"), false))
                .hasMessageContaining("the unique key column k is new in the query, and onSchemaChange IGNORE adds no column").hasMessageContaining("onSchemaChange to EXTEND");
        assertThatThrownBy(() -> SchemaChange.between(TABLE, TABLE, OnSchemaChange.IGNORE, List.of("k"), false))
                .hasMessageContaining("the unique key column k is not among the columns the incremental query writes");
    }
}
