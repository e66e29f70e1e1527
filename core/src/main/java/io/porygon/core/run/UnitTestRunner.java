package io.porygon.core.run;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.engine.DuplicateColumnNames;
import io.porygon.core.engine.Engine;
import io.porygon.core.engine.QueryResult;
import io.porygon.core.graph.TableAction;
import io.porygon.core.graph.Target;
import io.porygon.core.graph.TestAction;
import java.math.BigDecimal;
import java.sql.Blob;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs Dataform unit tests ({@code type: "test"}). The compiler has already put each input's rows
 * in place of the table it names, so a test is two queries: the tested query and the expected
 * rows. They must return the same columns and the same rows, in any order.
 */
public final class UnitTestRunner {

    /** The outcome of one test; {@code diff} explains a failure row by row. */
    public record TestResult(String name, String fileName, boolean passed, String diff, Duration duration) {}

    private final Engine engine;
    private final BiFunction<TestAction, String, String> translate;
    private final Function<Target, TableAction> models;

    /**
     * {@code translate} turns a test's GoogleSQL into the engine's dialect; {@code models} gives the table or view a test
     * tests (null when unknown), where an error of its query is reported.
     */
    public UnitTestRunner(Engine engine, BiFunction<TestAction, String, String> translate, Function<Target, TableAction> models) {
        this.engine = engine;
        this.translate = translate;
        this.models = models;
    }

    public TestResult run(TestAction test) {
        Instant start = Instant.now();
        String failing = test.fileName() + ": the model's query failed on the test's inputs: ";
        String hint = "the input blocks stand in for the tables the model reads: give them the columns it selects";
        TableAction model = test.testedTarget() == null ? null : models.apply(test.testedTarget());
        try {
            QueryResult actual;
            try {
                actual = engine.query(translateTested(test, model), Integer.MAX_VALUE);
            } catch (RuntimeException e) {
                if (model == null || e instanceof PorygonException) throw e;
                // at the line of the model's query the error names (a column, the expression that raised), which the test's file has not
                String message = e.getMessage() == null ? "" : e.getMessage();
                // a name only an input block has (a column it selects from nowhere): the test's file, whose lines are not known here
                if (model.query() != null && EngineErrorLocation.lineIn(model.query(), message) < 0
                        && EngineErrorLocation.lineIn(test.testQuery(), message) > 0) {
                    throw e;
                }
                failing = EngineErrorLocation.ofQuery(model, message) + ": the model's query failed on the inputs of " + test.fileName() + ": ";
                if (!message.startsWith("Binder Error") && !message.startsWith("Catalog Error")) {
                    hint = "the model's query raised it on the rows the input blocks give: check those rows, or the model";
                }
                throw e;
            }
            failing = new SourceLocation(test.fileName(), test.sqlStartLine(), 0) + ": the test's expected rows failed: ";
            hint = "fix the SELECT of the expected rows";
            QueryResult expected = engine.query(translate.apply(test, test.expectedOutputQuery()), Integer.MAX_VALUE);
            String diff = diff(expected, actual);
            return new TestResult(test.name(), test.fileName(), diff == null, diff, Duration.between(start, Instant.now()));
        } catch (PorygonException e) {
            return new TestResult(test.name(), test.fileName(), false, e.render(), Duration.between(start, Instant.now()));
        } catch (RuntimeException e) {
            return new TestResult(test.name(), test.fileName(), false, failing + e.getMessage() + "\n  hint: " + hint,
                    Duration.between(start, Instant.now()));
        }
    }

    /**
     * The model's query on the test's inputs, translated. Its lines are the model's shifted by the input blocks', so a
     * translation error is located again: in the model's file, where a run reports it, when the model's own query fails
     * to translate; otherwise in the test's file, without a line (the input blocks' lines are not known here).
     */
    private String translateTested(TestAction test, TableAction model) {
        try {
            return translate.apply(test, test.testQuery());
        } catch (PorygonException e) {
            if (model == null || model.query() == null) throw e;
            TestAction asModel = new TestAction(test.name(), test.testedTarget(), model.query(), null, model.fileName(), model.sqlStartLine());
            translate.apply(asModel, model.query());
            throw new PorygonException(SourceLocation.of(test.fileName()), "the model's query on the test's input rows cannot be translated: "
                    + e.getMessage(), e.hint() == null ? "check the SQL of the input blocks" : "in the SQL of the input blocks, " + e.hint(), e);
        }
    }

    /**
     * Null when both hold the same columns and rows, or when neither holds a row (Dataform compares no columns then, so a test
     * that expects no rows may select any); otherwise what is missing and what is extra. A side that repeats a column name
     * fails the test, rows or not, as BigQuery fails its query.
     */
    static String diff(QueryResult expected, QueryResult actual) {
        List<String> exp = lower(expected.columns());
        List<String> act = lower(actual.columns());
        // BigQuery refuses a result that repeats a column name, where DuckDB returns both; compared as sets, [a, a, b]
        // would also equal [a, b, b]
        String repeated = repeated("the model's query", actual.columns());
        if (repeated == null) repeated = repeated("the query of the expected rows", expected.columns());
        if (repeated != null) return repeated;
        if (expected.totalRows() == 0 && actual.totalRows() == 0) return null;
        if (!exp.containsAll(act) || !act.containsAll(exp) || exp.size() != act.size()) {
            return "columns differ:\n  expected: " + expected.columns() + "\n  actual:   " + actual.columns();
        }
        // Compare in the expected column order, whatever order the query returned them in.
        int[] order = exp.stream().mapToInt(act::indexOf).toArray();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (List<Object> row : expected.rows()) counts.merge(render(row, null), 1, Integer::sum);
        List<String> unexpected = new ArrayList<>();
        for (List<Object> row : actual.rows()) {
            String key = render(row, order);
            Integer left = counts.get(key);
            if (left == null) unexpected.add(key);
            else if (left == 1) counts.remove(key);
            else counts.put(key, left - 1);
        }
        if (counts.isEmpty() && unexpected.isEmpty()) return null;
        StringBuilder sb = new StringBuilder("rows differ (columns: " + String.join(", ", expected.columns()) + ")");
        counts.forEach((row, n) -> {
            for (int i = 0; i < n; i++) sb.append("\n  - ").append(row);
        });
        unexpected.forEach(row -> sb.append("\n  + ").append(row));
        sb.append("\n  (- expected but missing, + returned but not expected; ")
                .append(expected.totalRows()).append(" expected, ").append(actual.totalRows()).append(" returned)");
        return sb.toString();
    }

    private static String repeated(String side, List<String> names) {
        Set<String> repeated = DuplicateColumnNames.among(names);
        return repeated.isEmpty() ? null : side + " repeats a column name, which BigQuery refuses: " + String.join(", ", repeated)
                + " (columns: " + String.join(", ", names) + "); give the columns distinct aliases";
    }

    private static List<String> lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }

    private static String render(List<Object> row, int[] order) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) cells.add(normalize(row.get(order == null ? i : order[i])));
        return "(" + String.join(", ", cells) + ")";
    }

    /**
     * Numbers compare by value, whatever their type (1 = 1.0 = 1::BIGINT), inside arrays and structs
     * too (as Dataform's JSON text of them); the rest by their text.
     */
    static String normalize(Object value) {
        if (value == null) return "NULL";
        if (value instanceof List<?> items) return items.stream().map(UnitTestRunner::normalize).collect(Collectors.joining(", ", "[", "]"));
        if (value instanceof Map<?, ?> fields) {
            // keys rendered like values: {'a: 1, b': 2} must not read as {'a': 1, 'b': 2}
            return fields.entrySet().stream().map(f -> normalize(f.getKey()) + ": " + normalize(f.getValue())).collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof Number n && !(value instanceof Double d && (d.isNaN() || d.isInfinite()))) {
            try {
                BigDecimal bd = new BigDecimal(n.toString()).stripTrailingZeros();
                return bd.toPlainString();
            } catch (NumberFormatException e) {
                return n.toString();
            }
        }
        // quotes escaped: the row ("a', 'b", 'c') must not render as the row ('a', "b', 'c")
        if (value instanceof String s) return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
        // the driver's BLOB prints only its length, so b'abc' would equal b'abd'
        if (value instanceof Blob blob) {
            try {
                return bytes(blob.getBytes(1, (int) blob.length()));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read a BYTES value: " + e.getMessage(), e);
            }
        }
        if (value instanceof byte[] b) return bytes(b);
        return value.toString();
    }

    /** BYTES as a GoogleSQL literal: printable ASCII as is, other bytes as \xNN. */
    private static String bytes(byte[] value) {
        StringBuilder sb = new StringBuilder("b'");
        for (byte b : value) {
            int c = b & 0xff;
            if (c == '\'' || c == '\\') sb.append('\\').append((char) c);
            else if (c >= 0x20 && c < 0x7f) sb.append((char) c);
            else sb.append(String.format("\\x%02x", c));
        }
        return sb.append('\'').toString();
    }
}
