package io.porygon.core.sql;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The translation corpus: documented examples from BigQuery's (GoogleSQL's) function reference,
 * one JSON file per function family, each case a query and its documented result rows. Running a
 * case translates the query, executes it on DuckDB and compares rows (as a multiset; numbers to the
 * precision the documentation shows).
 */
final class TranslationCorpus {

    /**
     * @param unordered the reference leaves the order of array elements unspecified (an aggregate
     *                  without ORDER BY): arrays are compared as multisets
     */
    /**
     * @param error     set when the reference says the query fails: the text DuckDB's error message must
     *                  contain (BigQuery's wording of the problem, e.g. "division by zero"); expected is then empty
     */
    record Case(String id, String file, String function, String source, String sql, JsonNode expected, boolean unordered,
                String nondeterministic, String error) {}

    record Outcome(Case testCase, boolean passed, String detail, String translated) {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private TranslationCorpus() {}

    static List<Case> load(Path dir) throws IOException {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = JSON.readTree(file.toFile());
                String family = file.getFileName().toString().replace(".json", "");
                String source = root.path("source").asText();
                Map<String, Integer> perFunction = new LinkedHashMap<>();
                for (JsonNode c : root.path("cases")) {
                    String fn = c.path("fn").asText();
                    int n = perFunction.merge(fn, 1, Integer::sum);
                    String id = family + "/" + fn + "#" + n;
                    cases.add(new Case(id, family, fn, c.has("source") ? c.get("source").asText() : source,
                            c.path("sql").asText(), c.path("expected"), c.path("unordered").asBoolean(false),
                            c.has("nondeterministic") ? c.get("nondeterministic").asText() : null,
                            c.has("error") ? c.get("error").asText() : null));
                }
            }
        }
        return cases;
    }

    static Outcome run(Case c, Connection connection, Translator translator) {
        String translated;
        try {
            translated = translator.translate(c.sql(), new SourceLocation(c.file() + ".json", 1, 0));
        } catch (PorygonException e) {
            return new Outcome(c, false, "untranslatable: " + e.getMessage(), null);
        } catch (RuntimeException e) {
            return new Outcome(c, false, "translator crashed: " + e, null);
        }
        List<List<Object>> rows = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(translated)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) row.add(canonical(rs, i));
                rows.add(row);
            }
        } catch (SQLException | RuntimeException e) {
            String msg = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            if (c.error() != null) {
                // a run-time error, as in BigQuery, not a statement DuckDB could not bind or parse
                boolean raised = msg.startsWith("Invalid Input Error: ") && msg.contains(c.error());
                return new Outcome(c, raised, raised ? "ok" : "expected the error \"" + c.error() + "\" but DuckDB said: " + msg, translated);
            }
            return new Outcome(c, false, "DuckDB error: " + msg, translated);
        }
        if (c.error() != null) {
            return new Outcome(c, false, "expected the error \"" + c.error() + "\" but got " + rows.size() + " row(s) " + rows, translated);
        }
        List<List<Object>> expected = new ArrayList<>();
        for (JsonNode row : c.expected()) {
            List<Object> r = new ArrayList<>();
            for (JsonNode v : row) r.add(expectedValue(v));
            expected.add(r);
        }
        if (c.unordered()) {
            expected = sortArrays(expected);
            rows = sortArrays(rows);
        }
        String mismatch = compareRows(expected, rows);
        return new Outcome(c, mismatch == null, mismatch == null ? "ok" : mismatch, translated);
    }

    // ---- canonical values --------------------------------------------------------------

    /** A DuckDB file opened as the runner opens a warehouse (its session settings), then {@code setup} run on it. */
    static Connection openWarehouse(Path file, String... setup) throws SQLException {
        Connection connection = java.sql.DriverManager.getConnection("jdbc:duckdb:" + file);
        try (Statement st = connection.createStatement()) {
            for (String s : DuckDbTranslator.SESSION_SETTINGS) st.execute(s);
            for (String s : setup) st.execute(s);
        }
        return connection;
    }

    /** A query's column names, then its rows in canonical form ({@link #canonical}), in the order DuckDB returns them. */
    static List<List<Object>> namesAndRows(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<List<Object>> table = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            List<Object> names = new ArrayList<>();
            for (int i = 1; i <= columns; i++) names.add(rs.getMetaData().getColumnName(i));
            table.add(names);
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) row.add(canonical(rs, i));
                table.add(row);
            }
            return table;
        }
    }

    /** A query's rows in canonical form ({@link #canonical}), without the column names. */
    static List<List<Object>> rows(Connection connection, String sql) throws SQLException {
        List<List<Object>> table = namesAndRows(connection, sql);
        return table.subList(1, table.size());
    }

    /** An expected row; numbers written as Java longs and doubles compare as the canonical form of DuckDB's. */
    static List<Object> row(Object... values) {
        return java.util.Arrays.stream(values)
                .map(v -> v instanceof Long n ? BigDecimal.valueOf(n) : v instanceof Double d ? doubleValue(d) : v).toList();
    }

    /** Column {@code i} of the current row in canonical form; an INTERVAL as BigQuery writes it ({@code 0-1 1 1:0:0}), as the reference shows it. */
    static Object canonical(ResultSet rs, int i) throws SQLException {
        Object v = rs.getObject(i);
        if (v != null && "INTERVAL".equals(rs.getMetaData().getColumnTypeName(i))) return bigQueryInterval(v.toString());
        return canonical(v);
    }

    private static final java.util.regex.Pattern DUCKDB_INTERVAL = java.util.regex.Pattern.compile(
            "(?:(-?\\d+) years? ?)?(?:(-?\\d+) mons? ?|(-?\\d+) months? ?)?(?:(-?\\d+) days? ?)?(?:(-)?(\\d+):(\\d+):(\\d+)(?:\\.(\\d+))?)?");

    /** DuckDB's text of an interval ({@code 1 year 2 months 3 days -04:05:06.5}) as BigQuery's ({@code 1-2 3 -4:5:6.500}). */
    static String bigQueryInterval(String duckDb) {
        java.util.regex.Matcher m = DUCKDB_INTERVAL.matcher(duckDb.strip());
        if (!m.matches()) throw new IllegalArgumentException("not DuckDB's interval text: " + duckDb);
        long months = 12 * parse(m.group(1)) + parse(m.group(2)) + parse(m.group(3));
        long days = parse(m.group(4));
        String fraction = m.group(9) == null ? "" : (m.group(9) + "000000").substring(0, 6);
        long micros = ((parse(m.group(6)) * 60 + parse(m.group(7))) * 60 + parse(m.group(8))) * 1_000_000L
                + (fraction.isEmpty() ? 0 : Long.parseLong(fraction));
        boolean negativeTime = m.group(5) != null;
        long f = micros % 1_000_000L;
        String frac = f == 0 ? "" : f % 1000 == 0 ? String.format(".%03d", f / 1000) : String.format(".%06d", f);
        return (months < 0 ? "-" : "") + Math.abs(months) / 12 + "-" + Math.abs(months) % 12 + " " + days + " "
                + (negativeTime && micros != 0 ? "-" : "") + micros / 3_600_000_000L + ":" + micros / 60_000_000L % 60 + ":"
                + micros / 1_000_000L % 60 + frac;
    }

    private static long parse(String n) {
        return n == null ? 0 : Long.parseLong(n);
    }

    static Object canonical(Object v) throws SQLException {
        if (v == null) return null;
        if (v instanceof Boolean || v instanceof String) return v instanceof String s ? s : v;
        if (v instanceof Double d) return doubleValue(d);
        if (v instanceof Float f) return doubleValue(f.doubleValue());
        if (v instanceof Number n) return new BigDecimal(n.toString());
        if (v instanceof LocalDate d) return d.toString();
        if (v instanceof OffsetDateTime t) return dateTime(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()) + "+00";
        if (v instanceof LocalDateTime t) return dateTime(t);
        if (v instanceof java.sql.Timestamp t) return dateTime(t.toLocalDateTime());
        if (v instanceof LocalTime t) return time(t);
        if (v instanceof java.sql.Time t) return time(t.toLocalTime());
        if (v instanceof java.sql.Date d) return d.toLocalDate().toString();
        if (v instanceof byte[] b) return bytesText(b);
        if (v instanceof java.sql.Blob b) return bytesText(b.getBytes(1, (int) b.length()));
        if (v instanceof Array a) {
            List<Object> out = new ArrayList<>();
            for (Object o : (Object[]) a.getArray()) out.add(canonical(o));
            return out;
        }
        if (v instanceof Struct s) {
            Object[] attrs = s.getAttributes();
            List<Object> out = new ArrayList<>();
            for (Object o : attrs) out.add(canonical(o));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            List<Object> out = new ArrayList<>();
            for (Object o : m.values()) out.add(canonical(o));
            return out;
        }
        return v.toString();
    }

    /** BYTES as BigQuery's documentation shows them: printable ASCII as is, \\n, \\r and \\t, other bytes as \\xhh. */
    private static String bytesText(byte[] bytes) {
        try {
            // valid, printable UTF-8 is shown as text, as the reference does (b"абвгд" shows as абвгд)
            String text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            if (text.chars().noneMatch(ch -> ch < 0x20 || ch == 0x7f)) return text;
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            // fall through to escapes
        }
        StringBuilder sb = new StringBuilder();
        for (byte x : bytes) {
            int v = x & 0xff;
            if (v == '\n') sb.append("\\n");
            else if (v == '\r') sb.append("\\r");
            else if (v == '\t') sb.append("\\t");
            else if (v >= 0x20 && v < 0x7f) sb.append((char) v);
            else sb.append(String.format("\\x%02x", v));
        }
        return sb.toString();
    }

    static Object doubleValue(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        return new BigDecimal(Double.toString(d));
    }

    private static String dateTime(LocalDateTime t) {
        return t.toLocalDate() + " " + time(t.toLocalTime());
    }

    private static String time(LocalTime t) {
        String s = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1000;
        if (micros == 0) return s;
        String frac = String.format("%06d", micros).replaceAll("0+$", "");
        return s + "." + frac;
    }

    /** Expected values as written in the corpus, normalized like {@link #canonical}. */
    static Object expectedValue(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isBoolean()) return v.booleanValue();
        if (v.isNumber()) return v.decimalValue();
        if (v.isArray()) {
            List<Object> out = new ArrayList<>();
            for (JsonNode e : v) out.add(expectedValue(e));
            return out;
        }
        if (v.isObject()) {
            List<Object> out = new ArrayList<>();
            Iterator<JsonNode> it = v.elements();
            while (it.hasNext()) out.add(expectedValue(it.next()));
            return out;
        }
        String s = v.asText();
        if (s.equals("+inf") || s.equals("Infinity")) return "inf";
        if (s.equals("-Infinity")) return "-inf";
        // BigQuery shows DATETIME with a 'T' and TIMESTAMP in UTC as "... UTC" or "+00"
        if (s.matches("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?( UTC|\\+00(:00)?)?")) {
            String zone = s.endsWith(" UTC") || s.endsWith("+00") || s.endsWith("+00:00") ? "+00" : "";
            String core = s.replaceFirst("( UTC|\\+00(:00)?)$", "").replace('T', ' ');
            return trimFraction(core) + zone;
        }
        if (s.matches("\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?")) return trimFraction(s);
        return s;
    }

    private static String trimFraction(String s) {
        if (!s.contains(".")) return s;
        String t = s.replaceAll("0+$", "");
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    // ---- comparison ---------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static List<List<Object>> sortArrays(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : rows) {
            List<Object> r = new ArrayList<>();
            for (Object v : row) {
                if (v instanceof List<?> l) {
                    List<Object> sorted = new ArrayList<>((List<Object>) l);
                    sorted.sort(java.util.Comparator.comparing(String::valueOf));
                    r.add(sorted);
                } else {
                    r.add(v);
                }
            }
            out.add(r);
        }
        return out;
    }

    static String compareRows(List<List<Object>> expected, List<List<Object>> actual) {
        if (expected.size() != actual.size()) {
            return "expected " + expected.size() + " rows " + expected + " but got " + actual.size() + " " + actual;
        }
        List<List<Object>> remaining = new ArrayList<>(actual);
        for (List<Object> e : expected) {
            int match = -1;
            for (int i = 0; i < remaining.size(); i++) {
                if (valueEquals(e, remaining.get(i))) {
                    match = i;
                    break;
                }
            }
            if (match < 0) return "expected row " + e + " not found in " + actual;
            remaining.remove(match);
        }
        return null;
    }

    static boolean valueEquals(Object expected, Object actual) {
        if (expected == null || actual == null) return expected == actual;
        if (expected instanceof List<?> el) {
            if (!(actual instanceof List<?> al) || el.size() != al.size()) return false;
            for (int i = 0; i < el.size(); i++) if (!valueEquals(el.get(i), al.get(i))) return false;
            return true;
        }
        if (expected instanceof BigDecimal e && actual instanceof BigDecimal a) {
            if (e.compareTo(a) == 0) return true;
            // documentation shows rounded numbers: accept what rounds to the shown digits
            BigDecimal tolerance = e.scale() <= 0 ? BigDecimal.ZERO
                    : BigDecimal.ONE.movePointLeft(e.scale()).multiply(new BigDecimal("0.5"));
            BigDecimal relative = e.abs().multiply(new BigDecimal("1e-12"));
            return e.subtract(a).abs().compareTo(tolerance.max(relative)) <= 0;
        }
        return expected.equals(actual);
    }
}
