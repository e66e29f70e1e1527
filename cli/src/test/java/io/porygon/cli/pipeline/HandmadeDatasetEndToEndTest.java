package io.porygon.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.duckdb.DuckDbEngine;
import io.porygon.duckdb.DuckDbSettings;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loads the hand-made raw dataset of pipelines/thelook/test-data/handmade, runs the whole pipeline
 * with as_of pinned, and compares each model with the outputs worked out by hand in EXPECTED.md.
 * Each expected file holds a subset of the model's columns, keyed by its first column(s).
 */
class HandmadeDatasetEndToEndTest {
    static final Path DATA = PorygonCommand.PIPELINE.resolve("test-data/handmade");
    static final double TOLERANCE = 1e-9;
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir static Path dir;
    static DuckDbEngine engine;

    @BeforeAll
    static void loadAndRun() {
        Path warehouse = dir.resolve("warehouse.duckdb");
        PorygonCommand porygon = new PorygonCommand(warehouse);
        porygon.succeed("load", "thelook", "--from", DATA.toString());
        String run = porygon.succeed("run", "--vars", "as_of=2025-03-15");
        assertThat(run).doesNotContain("FAIL");
        porygon.succeed("test", "--vars", "as_of=2025-03-15");
        engine = new DuckDbEngine(DuckDbSettings.of(warehouse));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("thelook.users_dim", 1),
                Arguments.of("thelook.products_dim", 1),
                Arguments.of("thelook.orders_dim", 1),
                Arguments.of("thelook.inventory_dim", 1),
                Arguments.of("thelook.events_fct", 1),
                Arguments.of("thelook.trx_fct", 1),
                Arguments.of("looker_studio_views.profit_view", 4),
                Arguments.of("looker_studio_views.profit_matrix_view", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void modelMatchesTheHandComputedRows(String table, int keyColumns) throws Exception {
        String model = table.substring(table.indexOf('.') + 1);
        Map<String, Map<String, String>> expected = read(
                "SELECT * FROM read_csv('" + DATA.resolve("expected/" + model + ".csv") + "', all_varchar = true, header = true)",
                keyColumns);
        List<String> columns = new ArrayList<>(expected.values().iterator().next().keySet());
        Map<String, Map<String, String>> actual = read(
                "SELECT " + String.join(", ", columns.stream().map(DuckDbEngine::quoteIdent).toList()) + " FROM " + table, keyColumns);

        assertThat(actual.keySet()).as("rows of %s by key", table).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (var row : expected.entrySet()) {
            for (String column : columns) {
                String want = row.getValue().get(column);
                String got = actual.get(row.getKey()).get(column);
                assertThat(sameValue(want, got)).as("%s row %s column %s: expected %s, got %s", table, row.getKey(), column, want, got)
                        .isTrue();
            }
        }
    }

    /**
     * The config sources are kept as CSV files and reach every engine through a generated include;
     * what the warehouse holds must be exactly the CSV's rows.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"country_lookup", "user_segments"})
    void configSourceHoldsExactlyTheRowsOfItsCsvFile(String table) {
        String csv = "SELECT * FROM read_csv('" + PorygonCommand.PIPELINE.resolve("config/" + table + ".csv")
                + "', all_varchar = true, header = true)";
        String model = "SELECT * FROM thelook." + table;
        List<String> columns = engine.columns(new io.porygon.core.graph.Target(null, "thelook", table)).stream()
                .map(c -> "CAST(" + DuckDbEngine.quoteIdent(c.name()) + " AS VARCHAR)").toList();
        String modelAsText = "SELECT " + String.join(", ", columns) + " FROM thelook." + table;
        assertThat(count("(" + csv + ") EXCEPT ALL (" + modelAsText + ")")).as("CSV rows missing from %s", table).isZero();
        assertThat(count("(" + modelAsText + ") EXCEPT ALL (" + csv + ")")).as("rows of %s not in its CSV", table).isZero();
        assertThat(count(model)).isPositive();
    }

    private static long count(String select) {
        return ((Number) engine.queryRows("SELECT count(*) FROM (" + select + ")").get(0).get(0)).longValue();
    }

    /** Rows by key (the first columns joined), each a map column → value rendered as text, NULL as null. */
    private static Map<String, Map<String, String>> read(String sql, int keyColumns) throws Exception {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        try (Statement st = engine.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) row.put(md.getColumnName(i), render(rs.getObject(i)));
                String key = String.join("|", new ArrayList<>(row.values()).subList(0, keyColumns));
                assertThat(rows.put(key, row)).as("duplicate key %s in %s", key, sql).isNull();
            }
        }
        return rows;
    }

    private static String render(Object value) {
        if (value == null) return null;
        if (value instanceof java.sql.Timestamp ts) return TIMESTAMP.format(ts.toLocalDateTime());
        if (value instanceof LocalDateTime ldt) return TIMESTAMP.format(ldt);
        // the driver gives instants in the JVM's zone; the expectations are written in UTC
        if (value instanceof java.time.OffsetDateTime odt) return TIMESTAMP.format(odt.atZoneSameInstant(java.time.ZoneOffset.UTC).toLocalDateTime());
        return value.toString();
    }

    /** Empty means NULL; numbers within the tolerance; timestamps written with a " UTC" suffix. */
    static boolean sameValue(String expected, String actual) {
        if (expected == null || expected.isEmpty()) return actual == null;
        if (actual == null) return false;
        String want = expected.endsWith(" UTC") ? expected.substring(0, expected.length() - 4) : expected;
        if (want.equals(actual)) return true;
        try {
            return Math.abs(Double.parseDouble(want) - Double.parseDouble(actual)) <= TOLERANCE;
        } catch (NumberFormatException notNumbers) {
            return false;
        }
    }
}
