package io.porygon.core.sql;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * BigQuery type names to DuckDB ones, including parameterized and nested types such as
 * {@code ARRAY<STRUCT<a INT64, b STRING>>}. TIMESTAMP is an absolute instant in BigQuery, so it
 * maps to TIMESTAMPTZ (the engine runs its session in UTC); DATETIME is civil time, so TIMESTAMP.
 */
final class TypeNames {

    private static final Map<String, String> SIMPLE = Map.ofEntries(
            Map.entry("INT64", "BIGINT"), Map.entry("INT", "BIGINT"), Map.entry("INTEGER", "BIGINT"),
            Map.entry("SMALLINT", "BIGINT"), Map.entry("BIGINT", "BIGINT"), Map.entry("TINYINT", "BIGINT"),
            Map.entry("BYTEINT", "BIGINT"),
            Map.entry("FLOAT64", "DOUBLE"), Map.entry("FLOAT", "DOUBLE"), Map.entry("DOUBLE", "DOUBLE"),
            Map.entry("NUMERIC", "DECIMAL(38, 9)"), Map.entry("DECIMAL", "DECIMAL(38, 9)"),
            Map.entry("STRING", "VARCHAR"), Map.entry("BYTES", "BLOB"),
            Map.entry("BOOL", "BOOLEAN"), Map.entry("BOOLEAN", "BOOLEAN"),
            Map.entry("DATE", "DATE"), Map.entry("DATETIME", "TIMESTAMP"), Map.entry("TIME", "TIME"),
            Map.entry("TIMESTAMP", "TIMESTAMPTZ"), Map.entry("JSON", "JSON"), Map.entry("INTERVAL", "INTERVAL"));

    private final String text;
    private int pos;

    private TypeNames(String text) {
        this.text = text;
    }

    private static final String STRUCT_PLACEHOLDER = "PORYGON_STRUCT_TYPE_";

    /** A STRUCT type as one word JSqlParser reads as a type name: its text in hexadecimal, behind a prefix. */
    static String structPlaceholder(String structType) {
        return STRUCT_PLACEHOLDER + HexFormat.of().formatHex(structType.getBytes(StandardCharsets.UTF_8));
    }

    /** The STRUCT type a placeholder stands for; any other word as it is. */
    static String asWritten(String word) {
        return word.toUpperCase(Locale.ROOT).startsWith(STRUCT_PLACEHOLDER) ? fromPlaceholder(word) : word;
    }

    private static String fromPlaceholder(String word) {
        return new String(HexFormat.of().parseHex(word.substring(STRUCT_PLACEHOLDER.length()).toLowerCase(Locale.ROOT)),
                StandardCharsets.UTF_8);
    }

    /** Translates a GoogleSQL type; throws {@link Untranslatable} for types DuckDB cannot hold faithfully. */
    static String toDuckDb(String bigQueryType) {
        TypeNames p = new TypeNames(bigQueryType.trim());
        String result = p.type();
        p.skipSpace();
        if (p.pos != p.text.length()) throw unknown(bigQueryType);
        return result;
    }

    private String type() {
        skipSpace();
        String word = word().toUpperCase(Locale.ROOT);
        skipSpace();
        switch (word) {
            case "ARRAY" -> {
                expect('<');
                String element = type();
                skipSpace();
                expect('>');
                return element + "[]";
            }
            case "STRUCT" -> {
                expect('<');
                StringBuilder sb = new StringBuilder("STRUCT(");
                int field = 0;
                while (true) {
                    skipSpace();
                    int save = pos;
                    String name = word();
                    skipSpace();
                    // a field is "name TYPE" or just "TYPE" (anonymous)
                    if (pos < text.length() && (text.charAt(pos) == ',' || text.charAt(pos) == '>' || text.charAt(pos) == '<' || text.charAt(pos) == '(')) {
                        pos = save;
                        name = "_field_" + (field + 1);
                    }
                    if (field > 0) sb.append(", ");
                    sb.append('"').append(name.replace("\"", "")).append("\" ").append(type());
                    field++;
                    skipSpace();
                    if (pos < text.length() && text.charAt(pos) == ',') {
                        pos++;
                        continue;
                    }
                    expect('>');
                    return sb.append(')').toString();
                }
            }
            case "NUMERIC", "DECIMAL", "BIGNUMERIC", "BIGDECIMAL" -> {
                if (pos < text.length() && text.charAt(pos) == '(') {
                    int close = text.indexOf(')', pos);
                    String[] ps = text.substring(pos + 1, close).split(",");
                    pos = close + 1;
                    int precision = Integer.parseInt(ps[0].trim());
                    int scale = ps.length > 1 ? Integer.parseInt(ps[1].trim()) : 0;
                    if (precision > 38) throw new Untranslatable("type " + word + "(" + precision + ") is wider than DuckDB's DECIMAL(38)",
                            "use NUMERIC with precision up to 38");
                    return "DECIMAL(" + precision + ", " + scale + ")";
                }
                if (word.startsWith("BIG")) throw bigNumeric(word);
                return SIMPLE.get(word);
            }
            case "STRING", "BYTES" -> {
                skipLength();
                return SIMPLE.get(word);
            }
            default -> {
                if (word.startsWith(STRUCT_PLACEHOLDER)) return toDuckDb(fromPlaceholder(word));
                String mapped = SIMPLE.get(word);
                if (mapped == null) throw unknown(word);
                return mapped;
            }
        }
    }

    /** BIGNUMERIC (or BIGDECIMAL) without a precision: refused, located at the word (a cast's type, a literal's). */
    static Untranslatable bigNumeric(String word) {
        return new Untranslatable("type " + word + " (76 digits) has no faithful DuckDB type",
                "use NUMERIC or FLOAT64, or give it a precision of at most 38", word);
    }

    /**
     * A BIGNUMERIC (or BIGDECIMAL) literal, {@code value} its string as written: refused as the type is, the hint
     * for a literal (NUMERIC holds 38 digits, 9 after the point; BIGNUMERIC(P, S) up to 38 becomes DECIMAL(P, S)).
     */
    static Untranslatable bigNumericLiteral(String word, String value) {
        String shown = value.length() <= 40 ? value : "'...'";
        return new Untranslatable("type " + word + " (76 digits) has no faithful DuckDB type",
                "write NUMERIC " + shown + " (38 digits, 9 after the point) or CAST(" + shown + " AS " + word
                        + "(38, s)) with s its digits after the point", word);
    }

    /** STRING(10) / BYTES(10): DuckDB has no length limit to enforce; the values are the same. */
    private void skipLength() {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == '(') pos = text.indexOf(')', pos) + 1;
    }

    private String word() {
        int s = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_' || text.charAt(pos) == '"' || text.charAt(pos) == '`')) pos++;
        return text.substring(s, pos).replace("`", "");
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    private void expect(char c) {
        skipSpace();
        if (pos >= text.length() || text.charAt(pos) != c) throw unknown(text);
        pos++;
    }

    private static Untranslatable unknown(String type) {
        return new Untranslatable("type " + type + " is not a GoogleSQL type Porygon can map to DuckDB",
                "use INT64, FLOAT64, NUMERIC, STRING, BYTES, BOOL, DATE, DATETIME, TIME, TIMESTAMP, JSON, ARRAY<..> or STRUCT<..>");
    }
}
