package io.porygon.core.sql;

import java.util.function.BiConsumer;

/**
 * GoogleSQL's NET functions over IPv4 addresses: IP_FROM_STRING, SAFE_IP_FROM_STRING, IP_TO_STRING,
 * IPV4_TO_INT64, IPV4_FROM_INT64, IP_NET_MASK and IP_TRUNC, on BYTES in network byte order (4 bytes
 * for IPv4, 16 for IPv6). DuckDB has no such functions, so the bytes are built from hex digits.
 * IPv6 text is not parsed or printed: an error that says so, never NULL or other text. NET.HOST reads a URL's
 * authority; NET.REG_DOMAIN and NET.PUBLIC_SUFFIX are not here (the public suffix list; see FunctionCatalog).
 */
final class NetFunctions {

    private NetFunctions() {}

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    /** A dotted quad without leading zeros (inet_pton's IPv4 form). */
    private static final String IPV4 = "'" + OCTET + ("\\." + OCTET).repeat(3) + "'"; // no {3}: it would read as a template hole
    /**
     * Text that is an IPv6 address or a dotted quad BigQuery might read otherwise (leading zeros): refused, not guessed.
     * A quad without leading zeros that is not an address (an octet above 255) is no address for any reading.
     */
    private static final String UNTRANSLATED = "(contains({0}, ':') AND regexp_full_match({0}, '[0-9A-Fa-f:.]+')) "
            + "OR (regexp_full_match({0}, '[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+') AND regexp_matches({0}, '(^|\\.)0[0-9]'))";
    private static final String FROM_DOTTED = "unhex(array_to_string(list_transform(string_split({0}, '.'), porygon_o -> "
            + "lpad(hex(CAST(porygon_o AS INTEGER)), 2, '0')), ''))";
    /** Byte {@code i} (0-based) of BYTES {0}, as an integer. */
    private static final String BYTE = "CAST('0x' || substr(hex({0}), porygon_i * 2 + 1, 2) AS INTEGER)";
    /** Byte {@code i} of a mask of {1} leading one bits. */
    private static final String MASK_BYTE = "CASE WHEN {1} >= (porygon_i + 1) * 8 THEN 255 WHEN {1} <= porygon_i * 8 THEN 0 "
            + "ELSE (255 << (8 - ({1} - porygon_i * 8))) & 255 END";

    /**
     * A URL's host, as BigQuery's best effort reads it: surrounding spaces, a scheme followed by {@code //}, user
     * information and the port are dropped, an IPv6 host keeps its brackets, case is kept, and nothing left is NULL
     * ({@code mailto:?to=} gives {@code mailto}, as BigQuery's reference shows).
     */
    private static final String HOST = "NULLIF(regexp_extract(trim({0}), '^(?:(?:[A-Za-z][A-Za-z0-9+.-]*:)?//)?(?:[^/?#@]*@)?"
            + "(\\[[^\\]]*\\]|[^/?#:]*)', 1), '')";

    static void register(BiConsumer<String, String> template) {
        template.accept("NET.HOST/1", HOST);
        template.accept("NET.IP_FROM_STRING/1", "CASE WHEN {0} IS NULL THEN NULL WHEN regexp_full_match({0}, " + IPV4 + ") THEN " + FROM_DOTTED
                + " WHEN " + UNTRANSLATED + " THEN error('NET.IP_FROM_STRING: Porygon translates IPv4 addresses without leading zeros only') "
                + "ELSE error('NET.IP_FROM_STRING: the text is not an IP address') END");
        template.accept("NET.SAFE_IP_FROM_STRING/1", "CASE WHEN {0} IS NULL THEN NULL WHEN regexp_full_match({0}, " + IPV4 + ") THEN " + FROM_DOTTED
                + " WHEN " + UNTRANSLATED + " THEN error('NET.SAFE_IP_FROM_STRING: Porygon translates IPv4 addresses without leading zeros only') "
                + "ELSE NULL END");
        template.accept("NET.IP_TO_STRING/1", "CASE WHEN {0} IS NULL THEN NULL WHEN octet_length({0}) = 4 THEN array_to_string(list_transform(range(0, 4), "
                + "porygon_i -> CAST(" + BYTE + " AS VARCHAR)), '.') WHEN octet_length({0}) = 16 "
                + "THEN error('NET.IP_TO_STRING: Porygon prints IPv4 addresses only') ELSE error('NET.IP_TO_STRING: the address must have 4 or 16 bytes') END");
        template.accept("NET.IPV4_TO_INT64/1", "CASE WHEN {0} IS NULL THEN NULL WHEN octet_length({0}) <> 4 "
                + "THEN error('NET.IPV4_TO_INT64: the address must have 4 bytes') ELSE CAST('0x' || hex({0}) AS BIGINT) END");
        // BigQuery takes -0x80000000..0xFFFFFFFF, a negative value as its 32-bit two's complement
        template.accept("NET.IPV4_FROM_INT64/1", "CASE WHEN {0} IS NULL THEN NULL WHEN {0} < -2147483648 OR {0} > 4294967295 "
                + "THEN error('NET.IPV4_FROM_INT64: the value is out of range') ELSE unhex(lpad(hex(CAST({0} AS BIGINT) & 4294967295), 8, '0')) END");
        template.accept("NET.IP_NET_MASK/2", "CASE WHEN {0} IS NULL OR {1} IS NULL THEN NULL WHEN {0} NOT IN (4, 16) "
                + "THEN error('NET.IP_NET_MASK: the number of output bytes must be 4 or 16') WHEN {1} < 0 OR {1} > {0} * 8 "
                + "THEN error('NET.IP_NET_MASK: the prefix length is out of range') ELSE unhex(array_to_string(list_transform(range(0, {0}), "
                + "porygon_i -> lpad(hex(" + MASK_BYTE + "), 2, '0')), '')) END");
        template.accept("NET.IP_TRUNC/2", "CASE WHEN {0} IS NULL OR {1} IS NULL THEN NULL WHEN octet_length({0}) NOT IN (4, 16) "
                + "THEN error('NET.IP_TRUNC: the address must have 4 or 16 bytes') WHEN {1} < 0 OR {1} > octet_length({0}) * 8 "
                + "THEN error('NET.IP_TRUNC: the prefix length is out of range') ELSE unhex(array_to_string(list_transform(range(0, octet_length({0})), "
                + "porygon_i -> lpad(hex(" + BYTE + " & " + MASK_BYTE + "), 2, '0')), '')) END");
    }
}
