package io.porygon.core.run;

import static org.assertj.core.api.Assertions.assertThat;

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
}
