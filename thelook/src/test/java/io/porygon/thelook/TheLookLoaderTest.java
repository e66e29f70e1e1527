package io.porygon.thelook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porygon.core.PorygonException;
import io.porygon.core.engine.Engine;
import io.porygon.core.engine.EngineException;
import io.porygon.duckdb.DuckDbEngine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips through exported files, BigQuery's CSV conventions, and the reports on bad files. */
class TheLookLoaderTest {
    private static final String S = Warehouses.SCHEMA;
    @TempDir Path dir;
    Map<String, String> original;

    @BeforeEach
    void exportAGeneratedWarehouse() {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("source.duckdb"))) {
            Warehouses.generate(engine, 21, 0.005, 1);
            original = Warehouses.digests(engine, S);
            FileExport.export(engine, S, dir.resolve("csv"), FileExport.Format.CSV);
            FileExport.export(engine, S, dir.resolve("parquet"), FileExport.Format.PARQUET);
        }
    }

    @Test
    void csvFilesLoadBackIntoIdenticalTables() {
        assertRoundTrip("csv");
    }

    @Test
    void parquetFilesLoadBackIntoIdenticalTables() {
        assertRoundTrip("parquet");
    }

    private void assertRoundTrip(String format) {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            GenerationSummary summary = new TheLookLoader().load(engine, dir.resolve(format), S);
            for (RawTable t : RawTables.ALL) {
                assertThat(engine.columns(t.target(S))).as(t.name()).isEqualTo(t.engineColumns());
                assertThat(Warehouses.digest(engine, S, t)).as(t.name()).isEqualTo(original.get(t.name()));
                assertThat(summary.rowsWritten().get(t.name())).isPositive();
            }
            assertThat(engine.exists(new io.porygon.core.graph.Target(null, TheLookLoader.STAGING, "users"))).isFalse();
        }
    }

    @Test
    void aStopThatComesOnceTheLoadCommittedLeavesItLoaded() {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            // the stop arrives with the COMMIT done and interrupts what follows, the drop of the staged tables
            AtomicBoolean committed = new AtomicBoolean();
            Engine interrupted = (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[] {Engine.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("execute") && committed.get()) throw new EngineException("INTERRUPT Error: Interrupted!", null);
                        try {
                            return method.invoke(engine, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        } finally {
                            if (method.getName().equals("execute") && "COMMIT".equals(args[0])) committed.set(true);
                        }
                    });
            GenerationSummary summary = new TheLookLoader().load(interrupted, dir.resolve("parquet"), S, committed::get);
            for (RawTable t : RawTables.ALL) {
                assertThat(Warehouses.digest(engine, S, t)).as(t.name()).isEqualTo(original.get(t.name()));
                assertThat(summary.rowsWritten().get(t.name())).isPositive();
            }
        }
    }

    @Test
    void bigQueryStyleShardsTimestampsAndColumnOrderAreAccepted() throws Exception {
        Path csv = dir.resolve("csv");
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("scratch.duckdb"))) {
            // BigQuery writes "2024-01-31 12:34:56.123456 UTC" and may split a table into numbered shards
            Path users = csv.resolve("users.csv").toAbsolutePath();
            engine.execute("COPY (SELECT * EXCLUDE (created_at), strftime(created_at, '%Y-%m-%d %H:%M:%S.%f') || ' UTC' AS created_at"
                    + " FROM read_csv('" + users + "') WHERE id % 2 = 0) TO '" + csv.resolve("users-000000000000.csv") + "' (HEADER)");
            engine.execute("COPY (SELECT * EXCLUDE (created_at), strftime(created_at, '%Y-%m-%d %H:%M:%S.%f') || ' UTC' AS created_at"
                    + " FROM read_csv('" + users + "') WHERE id % 2 = 1) TO '" + csv.resolve("users-000000000001.csv") + "' (HEADER)");
            Files.delete(users);
        }
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            new TheLookLoader().load(engine, csv, S);
            assertThat(engine.columns(RawTables.USERS.target(S))).isEqualTo(RawTables.USERS.engineColumns());
            assertThat(Warehouses.digest(engine, S, RawTables.USERS)).isEqualTo(original.get("users"));
        }
    }

    @Test
    void parquetTimestampsWithATimeZoneBecomeUtcTimestamps() {
        Path parquet = dir.resolve("parquet");
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("scratch.duckdb"))) {
            // BigQuery's Parquet export marks TIMESTAMP columns as UTC instants
            rewrite(engine, parquet.resolve("orders.parquet"), "SELECT * REPLACE (created_at::TIMESTAMPTZ AS created_at,"
                    + " shipped_at::TIMESTAMPTZ AS shipped_at) FROM t");
        }
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            new TheLookLoader().load(engine, parquet, S);
            assertThat(engine.columns(RawTables.ORDERS.target(S))).isEqualTo(RawTables.ORDERS.engineColumns());
            assertThat(Warehouses.digest(engine, S, RawTables.ORDERS)).isEqualTo(original.get("orders"));
        }
    }

    @Test
    void missingAndMistypedColumnsAndMissingFilesAreAllReported() throws Exception {
        Path csv = dir.resolve("csv");
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("scratch.duckdb"))) {
            rewrite(engine, csv.resolve("users.csv"), "SELECT * EXCLUDE (age) FROM t");
            rewrite(engine, csv.resolve("order_items.csv"),
                    "SELECT * REPLACE (CASE WHEN id = 3 THEN 'n/a' ELSE sale_price::VARCHAR END AS sale_price) FROM t");
        }
        Files.delete(csv.resolve("distribution_centers.csv"));
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            engine.execute("CREATE SCHEMA " + S);
            engine.execute("CREATE TABLE " + S + ".users AS SELECT 1 AS id");
            assertThatThrownBy(() -> new TheLookLoader().load(engine, csv, S))
                    .isInstanceOf(PorygonException.class)
                    .hasMessageContaining("users.csv: missing column age (INT64)")
                    .hasMessageContaining("order_items.csv: column sale_price holds values that are not FLOAT64: 1 value, e.g. 'n/a'")
                    // BigQuery's export writes Parquet shards as well as CSV ones: the message names both
                    .hasMessageContaining("distribution_centers: no file (expected distribution_centers.csv, distribution_centers.json,"
                            + " distribution_centers.parquet, gzipped .csv.gz or .json.gz, or shards such as"
                            + " distribution_centers-000000000000.csv or distribution_centers-000000000000.parquet)")
                    .satisfies(e -> assertThat(((PorygonException) e).render()).startsWith(csv.toString() + ": the files do not match"));
            // nothing was replaced, nothing staged is left behind
            assertThat(Warehouses.count(engine, "SELECT count(*) FROM " + S + ".users")).isEqualTo(1);
            assertThat(engine.exists(new io.porygon.core.graph.Target(null, TheLookLoader.STAGING, "orders"))).isFalse();
        }
    }

    @Test
    void csvIsReadInBigQuerysDialectNotGuessedFromASample() throws Exception {
        Path csv = dir.resolve("csv");
        Path events = csv.resolve("events.csv");
        // a quoted comma far below the rows DuckDB samples is one field, as in any CSV reader
        List<String> lines = new ArrayList<>(Files.readAllLines(events));
        int city = List.of(lines.get(0).split(",")).indexOf("city");
        String[] fields = lines.get(lines.size() - 1).split(",", -1);
        fields[city] = "\"" + fields[city] + ", France\"";
        lines.set(lines.size() - 1, String.join(",", fields));
        Files.write(events, lines);
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            new TheLookLoader().load(engine, csv, S);
            assertThat(engine.queryRows("SELECT count(*) FROM " + S + ".events WHERE city LIKE '%, France'").get(0).get(0)).isEqualTo(1L);
        }
        // a quote that never closes is an error naming the file, not a value with a quote in it
        Path users = csv.resolve("users.csv");
        List<String> userLines = new ArrayList<>(Files.readAllLines(users));
        userLines.set(3, userLines.get(3).replaceFirst(",", ",\""));
        Files.write(users, userLines);
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("other.duckdb"))) {
            assertThatThrownBy(() -> new TheLookLoader().load(engine, csv, S))
                    .isInstanceOf(PorygonException.class).hasMessageContaining("users.csv: cannot be read: ");
        }
    }

    @Test
    void anEmptyQuotedStringStaysAnEmptyStringAndAnEmptyFieldIsNull() throws Exception {
        // BigQuery's CSV export writes NULL as nothing and an empty STRING as ""; embedded quotes,
        // commas, newlines and non-ASCII text are quoted as RFC 4180 has it
        Files.writeString(dir.resolve("csv").resolve("distribution_centers.csv"), """
                id,name,latitude,longitude
                1,"",35.1,-89.9
                2,,41.8,-87.6
                3,"São Paulo, ""SP""
                Brasil",-23.5,-46.6
                """);
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            new TheLookLoader().load(engine, dir.resolve("csv"), S);
            assertThat(engine.queryRows("SELECT id, name, name IS NULL FROM " + S + ".distribution_centers ORDER BY id"))
                    .containsExactly(List.of(1L, "", false), java.util.Arrays.asList(2L, null, true),
                            List.of(3L, "São Paulo, \"SP\"\nBrasil", false));
        }
    }

    @Test
    void aValueThatDoesNotConvertIsPlacedAtItsShardAndRow() throws Exception {
        Path csv = dir.resolve("csv");
        Path events = csv.resolve("events.csv").toAbsolutePath();
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("scratch.duckdb"))) {
            engine.execute("CREATE TABLE e AS SELECT * FROM read_csv('" + events + "', all_varchar = true)");
            engine.execute("COPY (SELECT * FROM e ORDER BY id::BIGINT) TO '" + csv.resolve("events-000000000000.csv") + "' (HEADER)");
            // a second shard of 12,400 rows whose row 12,345 has a word for a number
            engine.execute("COPY (SELECT * EXCLUDE (n) REPLACE (CASE WHEN n = 12345 THEN 'seven' ELSE sequence_number END AS sequence_number)"
                    + " FROM (SELECT e.* REPLACE ((e.id::BIGINT + 1000000 * k)::VARCHAR AS id), row_number() OVER (ORDER BY k, e.id::BIGINT) AS n"
                    + " FROM e, range(1, 100) r(k)) WHERE n <= 12400 ORDER BY n) TO '" + csv.resolve("events-000000000001.csv") + "' (HEADER)");
        }
        Files.delete(events);
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            assertThatThrownBy(() -> new TheLookLoader().load(engine, csv, S))
                    .isInstanceOf(PorygonException.class)
                    .hasMessageContaining("events-*.csv: column sequence_number holds values that are not INT64: 1 value, e.g. 'seven'"
                            + " at events-000000000001.csv row 12,345 after the header (an INT64 is a whole number such as 42)");
        }
    }

    @Test
    void anInt64WithAFractionOrAnExponentIsNotRoundedButReported() throws Exception {
        // DuckDB's cast from text rounds '5.6' to 6 and reads '1e3' as 1000; BigQuery writes an INT64 in digits
        Path csv = dir.resolve("csv");
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("scratch.duckdb"))) {
            rewrite(engine, csv.resolve("users.csv"), "SELECT * REPLACE (CASE WHEN id = 5 THEN '5.6' ELSE age::VARCHAR END AS age) FROM t");
            rewrite(engine, csv.resolve("orders.csv"), "SELECT * REPLACE (CASE WHEN order_id = 2 THEN '1e3' ELSE user_id::VARCHAR END AS user_id) FROM t");
        }
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            assertThatThrownBy(() -> new TheLookLoader().load(engine, csv, S))
                    .isInstanceOf(PorygonException.class)
                    .hasMessageContaining("users.csv: column age holds values that are not INT64: 1 value, e.g. '5.6' at row 5 after the header")
                    .hasMessageContaining("orders.csv: column user_id holds values that are not INT64: 1 value, e.g. '1e3' at row 2 after the header");
        }
    }

    @Test
    void aKeyOnTwoRowsIsReported() throws Exception {
        // a row exported twice, and a Parquet file with ids the CSV shards already had
        Path csv = dir.resolve("csv");
        List<String> users = new ArrayList<>(Files.readAllLines(csv.resolve("users.csv")));
        users.add(users.get(7));
        Files.write(csv.resolve("users.csv"), users);
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            assertThatThrownBy(() -> new TheLookLoader().load(engine, csv, S))
                    .isInstanceOf(PorygonException.class)
                    .hasMessageContaining("users.csv: column id holds 1 value on more than one row, e.g. 7 on 2 rows;"
                            + " a key of The Look is on one row only: was a row or a file exported twice?");
        }
        Path parquet = dir.resolve("parquet");
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("scratch.duckdb"))) {
            rewrite(engine, parquet.resolve("orders.parquet"), "SELECT * FROM t UNION ALL SELECT * FROM t WHERE order_id <= 3");
        }
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            assertThatThrownBy(() -> new TheLookLoader().load(engine, parquet, S))
                    .isInstanceOf(PorygonException.class)
                    .hasMessageContaining("orders.parquet: column order_id holds 3 values on more than one row, e.g. 1 on 2 rows");
        }
    }

    @Test
    void anEmptyFileIsReportedAsEmpty() throws Exception {
        Files.write(dir.resolve("csv").resolve("users.csv"), new byte[0]);
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            assertThatThrownBy(() -> new TheLookLoader().load(engine, dir.resolve("csv"), S))
                    .isInstanceOf(PorygonException.class)
                    .hasMessageContaining("users.csv: empty file (0 bytes); export users again, with its header line")
                    .message().doesNotContain("missing column");
        }
    }

    @Test
    void gzippedCsvNamedCsvIsRead() throws Exception {
        // EXPORT DATA (uri = '.../products-*.csv', compression = 'GZIP') keeps the name it is given
        Path csv = dir.resolve("csv");
        byte[] plain = Files.readAllBytes(csv.resolve("products.csv"));
        Files.delete(csv.resolve("products.csv"));
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(csv.resolve("products-000000000000.csv")))) {
            out.write(plain);
        }
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            new TheLookLoader().load(engine, csv, S);
            assertThat(Warehouses.digest(engine, S, RawTables.PRODUCTS)).isEqualTo(original.get("products"));
        }
    }

    @Test
    void aFileTheShardsGlobWouldReadThatIsNoShardIsReported() throws Exception {
        // a shard downloaded twice: the browser names the copy "events-000000000000 (1).csv", which events-*.csv reads too
        Path csv = dir.resolve("csv");
        Files.move(csv.resolve("events.csv"), csv.resolve("events-000000000000.csv"));
        Files.writeString(csv.resolve("events-000000000001.csv"), Files.readAllLines(csv.resolve("events-000000000000.csv")).get(0) + "\n");
        Files.copy(csv.resolve("events-000000000000.csv"), csv.resolve("events-000000000000 (1).csv"));
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            assertThatThrownBy(() -> new TheLookLoader().load(engine, csv, S))
                    .isInstanceOf(PorygonException.class)
                    .hasMessageContaining("events-000000000000 (1).csv: not named as a shard of events (events-000000000000.csv, ...),"
                            + " but events-*.csv would read it with the shards; remove or rename it");
            assertThat(engine.exists(RawTables.EVENTS.target(S))).isFalse();
        }
    }

    @Test
    void shardsNamedWithTwoSeparatorsAreReportedNotHalfLoaded() throws Exception {
        // users-*.csv reads the first kind only: the shard named with _ was left out without a word
        Path csv = dir.resolve("csv");
        List<String> lines = Files.readAllLines(csv.resolve("users.csv"));
        Files.write(csv.resolve("users-000000000000.csv"), lines.subList(0, 2));
        Files.write(csv.resolve("users_000000000001.csv"), List.of(lines.get(0), lines.get(2)));
        Files.delete(csv.resolve("users.csv"));
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            assertThatThrownBy(() -> new TheLookLoader().load(engine, csv, S))
                    .isInstanceOf(PorygonException.class)
                    .hasMessageContaining("users: several files (users-000000000000.csv, users_000000000001.csv); keep one file or one set of shards");
            assertThat(engine.exists(RawTables.USERS.target(S))).isFalse();
        }
    }

    @Test
    void aGzippedFileCutShortIsReportedNotLoadedUpToTheCut() throws Exception {
        // a download that ended where the compressor had written whole lines: DuckDB read them as the whole table
        Path csv = dir.resolve("csv");
        Path gz = csv.resolve("products.csv.gz");
        List<String> lines = Files.readAllLines(csv.resolve("products.csv"));
        long cut = 0;
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz), true)) {
            for (int i = 0; i < lines.size(); i++) {
                out.write((lines.get(i) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (i == lines.size() / 2) {
                    out.flush();
                    cut = Files.size(gz);
                }
            }
        }
        Files.delete(csv.resolve("products.csv"));
        try (var file = java.nio.channels.FileChannel.open(gz, java.nio.file.StandardOpenOption.WRITE)) {
            file.truncate(cut);
        }
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            assertThatThrownBy(() -> new TheLookLoader().load(engine, csv, S))
                    .isInstanceOf(PorygonException.class)
                    .hasMessageContaining("products.csv.gz: cannot be read: gzip data cut short or corrupt in products.csv.gz"
                            + " (Unexpected end of ZLIB input stream); download or export the file again");
        }
    }

    /**
     * Writes the generated tables as BigQuery's NEWLINE_DELIMITED_JSON export does: INT64 as strings,
     * TIMESTAMP as "2024-01-31 12:34:56.123456 UTC", NULL values left out; users gzipped, and events
     * as gzipped shards named .json, as a GZIP export to a .json URI leaves them.
     */
    private Path bigQueryJsonExport() throws Exception {
        Path json = Files.createDirectories(dir.resolve("json"));
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("source.duckdb"))) {
            for (RawTable t : RawTables.ALL) {
                String select = t.columns().stream().map(c -> switch (c.type()) {
                    case INT64 -> c.name() + "::VARCHAR AS " + c.name();
                    case TIMESTAMP -> "strftime(" + c.name() + ", '%Y-%m-%d %H:%M:%S.%f UTC') AS " + c.name();
                    default -> c.name();
                }).collect(java.util.stream.Collectors.joining(", "));
                String from = " FROM " + S + "." + t.name();
                if (t == RawTables.EVENTS) {
                    for (int shard = 0; shard < 2; shard++) {
                        engine.execute("COPY (SELECT " + select + from + " WHERE id % 2 = " + shard + ") TO '"
                                + json.resolve("events-00000000000" + shard + ".json") + "' (FORMAT json, COMPRESSION gzip)");
                    }
                } else if (t == RawTables.USERS) {
                    engine.execute("COPY (SELECT " + select + from + ") TO '" + json.resolve("users.json.gz") + "' (FORMAT json, COMPRESSION gzip)");
                } else {
                    engine.execute("COPY (SELECT " + select + from + ") TO '" + json.resolve(t.name() + ".json") + "' (FORMAT json)");
                }
            }
        }
        for (RawTable t : RawTables.ALL) {
            if (t == RawTables.EVENTS || t == RawTables.USERS) continue;
            Path file = json.resolve(t.name() + ".json");
            List<String> lines = Files.readAllLines(file).stream()
                    .map(l -> l.replaceAll("\"[a-z_]+\":null,?", "").replace(",}", "}")).toList();
            Files.write(file, lines);
        }
        return json;
    }

    @Test
    void bigQueryJsonExportsLoadBackIntoIdenticalTables() throws Exception {
        Path json = bigQueryJsonExport();
        assertThat(Files.readString(json.resolve("orders.json"))).contains("\"order_id\":\"1\"").doesNotContain("null");
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            new TheLookLoader().load(engine, json, S);
            for (RawTable t : RawTables.ALL) {
                assertThat(engine.columns(t.target(S))).as(t.name()).isEqualTo(t.engineColumns());
                assertThat(Warehouses.digest(engine, S, t)).as(t.name()).isEqualTo(original.get(t.name()));
            }
        }
    }

    @Test
    void jsonBadValuesAreReportedByLineAndAFileOfAnotherTableByItsMissingColumns() throws Exception {
        Path json = bigQueryJsonExport();
        List<String> lines = new ArrayList<>(Files.readAllLines(json.resolve("order_items.json")));
        lines.set(2, lines.get(2).replaceFirst("\"product_id\":\"[0-9]+\"", "\"product_id\":\"old\""));
        Files.write(json.resolve("order_items.json"), lines);
        Files.copy(json.resolve("distribution_centers.json"), json.resolve("products.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(json.resolve("orders.avro"), "Obj");
        Files.delete(json.resolve("orders.json"));
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            assertThatThrownBy(() -> new TheLookLoader().load(engine, json, S))
                    .isInstanceOf(PorygonException.class)
                    .hasMessageContaining("order_items.json: column product_id holds values that are not INT64: 1 value, e.g. 'old' at line 3")
                    .hasMessageContaining("products.json: missing column category (STRING)")
                    .hasMessageContaining("orders: no file (expected orders.csv, orders.json, orders.parquet")
                    .hasMessageContaining("orders.avro cannot be read: export as CSV, JSON or Parquet (Avro is not read)");
        }
    }

    @Test
    void aParquetColumnOfTheWrongTypeIsReported() {
        Path parquet = dir.resolve("parquet");
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("scratch.duckdb"))) {
            rewrite(engine, parquet.resolve("products.parquet"), "SELECT * REPLACE (id::DOUBLE AS id, sku || '' AS sku) FROM t");
            rewrite(engine, parquet.resolve("orders.parquet"), "SELECT * REPLACE (CASE WHEN order_id = 1 THEN 'soon' ELSE created_at::VARCHAR END AS created_at) FROM t");
        }
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            assertThatThrownBy(() -> new TheLookLoader().load(engine, parquet, S))
                    .isInstanceOf(PorygonException.class)
                    .hasMessageContaining("products.parquet: column id is DOUBLE, expected INT64")
                    .hasMessageContaining("orders.parquet: column created_at holds values that are not TIMESTAMP: 1 value, e.g. 'soon'")
                    .message().doesNotContain("sku");
        }
    }

    @Test
    void shardsThatDisagreeOnAColumnsTypeNameTheShardWithoutDuckDbsReaderAdvice() {
        Path parquet = dir.resolve("parquet");
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("scratch.duckdb"))) {
            String orders = parquet.resolve("orders.parquet").toAbsolutePath().toString();
            engine.execute("COPY (SELECT * FROM read_parquet('" + orders + "') WHERE order_id % 2 = 0) TO '"
                    + parquet.resolve("orders-000000000000.parquet") + "' (FORMAT parquet)");
            engine.execute("COPY (SELECT * REPLACE (created_at::VARCHAR || 'x' AS created_at) FROM read_parquet('" + orders
                    + "') WHERE order_id % 2 = 1) TO '" + parquet.resolve("orders-000000000001.parquet") + "' (FORMAT parquet)");
        }
        try {
            Files.delete(parquet.resolve("orders.parquet"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            assertThatThrownBy(() -> new TheLookLoader().load(engine, parquet, S))
                    .isInstanceOf(PorygonException.class)
                    .hasMessageContaining("orders-*.parquet: cannot be read: ")
                    .hasMessageContaining("orders-000000000001.parquet")
                    .hasMessageContaining("created_at")
                    .message().doesNotContain("union_by_name").doesNotContain("Possible");
        }
    }

    @Test
    void theStagingSchemaIsRefusedAsTheTarget() {
        // the staging schema is dropped at the end, and the tables loaded into it with it
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            assertThatThrownBy(() -> new TheLookLoader().load(engine, dir.resolve("csv"), "Porygon_Staging"))
                    .isInstanceOf(PorygonException.class)
                    .hasMessageContaining("schema Porygon_Staging is where load stages the files, and it is dropped when the load ends");
        }
    }

    @Test
    void aFileDuckDbCannotReadIsReportedInAFewShortLines() throws Exception {
        // DuckDB quotes a line too long to read (a 3 MB field, or a corrupt file's bytes) in full, and a Parquet
        // file cut short with the statement that read it
        Path csv = dir.resolve("csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(csv.resolve("events.csv")));
        lines.set(5, lines.get(5) + "x".repeat(3_000_000));
        Files.write(csv.resolve("events.csv"), lines);
        byte[] orders = Files.readAllBytes(dir.resolve("parquet").resolve("orders.parquet"));
        Files.delete(csv.resolve("orders.csv"));
        Files.write(csv.resolve("orders.parquet"), java.util.Arrays.copyOf(orders, orders.length / 2));
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            assertThatThrownBy(() -> new TheLookLoader().load(engine, csv, S))
                    .isInstanceOf(PorygonException.class)
                    .hasMessageContaining("events.csv: cannot be read: ")
                    .hasMessageContaining("Maximum line size of 2000000 bytes exceeded")
                    .hasMessageContaining("orders.parquet: cannot be read: ")
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(2_000)
                            .doesNotContain("LINE 1").doesNotContain("CREATE"));
        }
    }

    @Test
    void aSmallFileCutMidRowIsReportedAsARowCutShort() throws Exception {
        // DuckDB's sniffer, which reads a small file whole, said only that it could not detect the CSV dialect
        Path csv = dir.resolve("csv");
        String centers = Files.readString(csv.resolve("distribution_centers.csv"));
        Files.writeString(csv.resolve("distribution_centers.csv"), centers.substring(0, centers.length() - 12));
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            assertThatThrownBy(() -> new TheLookLoader().load(engine, csv, S))
                    .isInstanceOf(PorygonException.class)
                    .hasMessageContaining("distribution_centers.csv: cannot be read: its first rows do not all have as many fields"
                            + " as its header (a row cut short, a field too many, or a quote that does not close)");
        }
    }

    @Test
    void aMissingDirectoryIsAUserError() {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            assertThatThrownBy(() -> new TheLookLoader().load(engine, dir.resolve("nope"), S))
                    .isInstanceOf(PorygonException.class).hasMessageContaining("no such directory");
        }
    }

    @Test
    void aFileGivenAsTheFolderIsCalledAFile() {
        Path file = dir.resolve("csv").resolve("users.csv");
        assertThatThrownBy(() -> TheLookLoader.checkFolder(file))
                .isInstanceOf(PorygonException.class).hasMessageContaining("is a file, not a directory")
                .message().doesNotContain("no such directory");
    }

    @Test
    void aFolderWithoutAnyTableFailsBeforeAWarehouseIsNeeded() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThatThrownBy(() -> TheLookLoader.checkFolder(empty))
                .isInstanceOf(PorygonException.class).hasMessageContaining("users: no file");
        // one table's file is enough to go on: its columns are checked with the others' missing files
        TheLookLoader.checkFolder(dir.resolve("csv"));
    }

    @Test
    void anEmptyJsonFileIsNotAskedForAHeaderLine() throws Exception {
        Path json = Files.createDirectory(dir.resolve("json"));
        Files.write(json.resolve("users.json"), new byte[0]);
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("target.duckdb"))) {
            assertThatThrownBy(() -> new TheLookLoader().load(engine, json, S))
                    .isInstanceOf(PorygonException.class)
                    .hasMessageContaining("users.json: empty file (0 bytes); export users again")
                    .message().doesNotContain("header line");
        }
    }

    /** Rewrites a CSV or Parquet file through a query over it (as {@code t}). */
    private static void rewrite(DuckDbEngine engine, Path file, String query) {
        String path = file.toAbsolutePath().toString();
        boolean parquet = path.endsWith(".parquet");
        engine.execute("CREATE OR REPLACE TABLE t AS SELECT * FROM " + (parquet ? "read_parquet" : "read_csv") + "('" + path + "')");
        engine.execute("COPY (" + query + ") TO '" + path + "' " + (parquet ? "(FORMAT parquet)" : "(HEADER)"));
    }
}
