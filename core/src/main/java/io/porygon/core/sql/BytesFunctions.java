package io.porygon.core.sql;

import java.util.function.BiConsumer;

/**
 * GoogleSQL functions over BYTES, or over STRING and BYTES alike: REVERSE, TO_CODE_POINTS,
 * CODE_POINTS_TO_BYTES, TO_BASE32, FROM_BASE32, SAFE_CONVERT_BYTES_TO_STRING. DuckDB has no base32
 * and its reverse and string_split take VARCHAR only, so these are spelled out over hex digits and
 * bit strings. A STRING-or-BYTES argument picks its branch with typeof, which DuckDB folds at bind
 * time; the branch not taken is still folded for a constant, hence TRY_CAST there.
 */
final class BytesFunctions {

    private BytesFunctions() {}

    private static final String BASE32_ALPHABET = "'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'";

    /** The length in characters of a STRING, in bytes of BYTES. */
    private static final String LENGTH = "CASE WHEN typeof({0}) = 'BLOB' THEN octet_length(TRY_CAST({0} AS BLOB)) "
            + "ELSE length(TRY_CAST({0} AS VARCHAR)) END";

    static void register(BiConsumer<String, String> template) {
        // array_slice and || keep the argument's type (VARCHAR or BLOB), so one expression serves both;
        // a STRING is reversed by code point, as BigQuery does (DuckDB's reverse keeps a letter and its
        // combining accent together). It is about 60 times slower than DuckDB's reverse (docs/BENCHMARKS.md): a faster
        // VARCHAR-only branch cannot share a CASE with the BLOB one, DuckDB refusing to mix the two types
        template.accept("REVERSE/1", "list_reduce(list_transform(range(" + LENGTH + ", 0, -1), porygon_i -> array_slice({0}, porygon_i, porygon_i)), "
                + "(porygon_a, porygon_b) -> porygon_a || porygon_b, array_slice({0}, 1, 0))");
        // BYTES: each byte's value; STRING: each code point (DuckDB splits '' into [''], BigQuery gives [])
        template.accept("TO_CODE_POINTS/1", "CASE WHEN typeof({0}) = 'BLOB' THEN list_transform(regexp_extract_all(hex(TRY_CAST({0} AS BLOB)), '..'), "
                + "porygon_h -> CAST('0x' || porygon_h AS BIGINT)) WHEN TRY_CAST({0} AS VARCHAR) = '' THEN CAST([] AS BIGINT[]) "
                + "ELSE list_transform(string_split(TRY_CAST({0} AS VARCHAR), ''), porygon_c -> CAST(unicode(porygon_c) AS BIGINT)) END");
        // a NULL array or element gives NULL, as CODE_POINTS_TO_STRING does; a value outside a byte is an error
        template.accept("CODE_POINTS_TO_BYTES/1", "CASE WHEN {0} IS NULL OR len(list_filter({0}, porygon_c -> porygon_c IS NULL)) > 0 THEN NULL "
                + "WHEN len(list_filter({0}, porygon_c -> porygon_c < 0 OR porygon_c > 255)) > 0 "
                + "THEN error('CODE_POINTS_TO_BYTES: a code point is not between 0 and 255') "
                + "ELSE unhex(coalesce(array_to_string(list_transform({0}, porygon_c -> lpad(hex(CAST(porygon_c AS BIGINT)), 2, '0')), ''), '')) END");
        template.accept("TO_BASE32/1", "CASE WHEN {0} IS NULL THEN NULL ELSE list_transform([" + bits("hex({0})", "'.'", 4, "CAST('0x' || porygon_d AS INTEGER)")
                + "], porygon_s -> rpad(coalesce(array_to_string(list_transform(range(0, length(porygon_s), 5), porygon_i -> substr(" + BASE32_ALPHABET
                + ", CAST('0b' || rpad(substr(porygon_s, porygon_i + 1, 5), 5, '0') AS INTEGER) + 1, 1)), ''), ''), "
                + "CAST(ceil(length(porygon_s) / 40) * 8 AS INTEGER), '='))[1] END");
        // RFC 4648 with its padding: upper-case letters and 2-7, '=' up to a multiple of 8 characters;
        // other text is an error (BigQuery: an error too), not a guess
        template.accept("FROM_BASE32/1", "CASE WHEN {0} IS NULL THEN NULL WHEN NOT regexp_full_match({0}, '[A-Z2-7]*=*') OR length({0}) % 8 <> 0 "
                + "OR length(rtrim({0}, '=')) % 8 NOT IN (0, 2, 4, 5, 7) OR length({0}) - length(rtrim({0}, '=')) >= 8 "
                + "THEN error('FROM_BASE32: the text is not base32') ELSE list_transform([" + bits("rtrim({0}, '=')", "'.'", 5,
                "strpos(" + BASE32_ALPHABET + ", porygon_d) - 1") + "], porygon_s -> unhex(coalesce(array_to_string(list_transform("
                + "range(0, length(porygon_s) // 8), porygon_k -> lpad(hex(CAST('0b' || substr(porygon_s, porygon_k * 8 + 1, 8) AS INTEGER)), 2, '0')), ''), '')))[1] END");
        // invalid UTF-8 becomes U+FFFD in BigQuery; DuckDB cannot replace it sequence by sequence, so such
        // bytes are an error rather than other text (valid UTF-8, the usual case, converts exactly)
        template.accept("SAFE_CONVERT_BYTES_TO_STRING/1", "CASE WHEN {0} IS NULL THEN NULL WHEN TRY(decode({0})) IS NULL "
                + "THEN error('SAFE_CONVERT_BYTES_TO_STRING: the bytes are not valid UTF-8, which Porygon cannot replace with U+FFFD as BigQuery does') "
                + "ELSE decode({0}) END");
    }

    /** The bit string of the digits of {@code text} (each matching {@code digit}, valued by {@code value}), {@code width} bits each. */
    private static String bits(String text, String digit, int width, String value) {
        return "coalesce(array_to_string(list_transform(regexp_extract_all(" + text + ", " + digit + "), porygon_d -> lpad(bin(" + value + "), "
                + width + ", '0')), ''), '')";
    }
}
