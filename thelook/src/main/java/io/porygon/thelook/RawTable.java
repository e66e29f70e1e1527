package io.porygon.thelook;

import io.porygon.core.engine.Column;
import io.porygon.core.graph.Target;
import java.util.List;

/** One of The Look's raw tables: its public name and columns, in the public order. */
public record RawTable(String name, List<RawColumn> columns) {

    /** A column with its BigQuery type. */
    public record RawColumn(String name, BigQueryType type) {}

    /** The BigQuery types The Look uses, with the DuckDB type each maps to. */
    public enum BigQueryType {
        INT64("BIGINT"),
        FLOAT64("DOUBLE"),
        STRING("VARCHAR"),
        // An instant, as BigQuery's TIMESTAMP is and as the SQL translator types it: comparing or
        // casting a naive TIMESTAMP against it would convert every row through the time zone library
        TIMESTAMP("TIMESTAMP WITH TIME ZONE");

        private final String duckDbType;

        BigQueryType(String duckDbType) {
            this.duckDbType = duckDbType;
        }

        public String duckDbType() {
            return duckDbType;
        }
    }

    public List<Column> engineColumns() {
        return columns.stream().map(c -> new Column(c.name(), c.type().duckDbType())).toList();
    }

    public Target target(String schema) {
        return new Target(null, schema, name);
    }

    public int width() {
        return columns.size();
    }
}
