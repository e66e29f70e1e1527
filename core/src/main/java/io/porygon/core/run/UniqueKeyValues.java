package io.porygon.core.run;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values of the one key column of a built-in uniqueKey assertion. Dataform writes the assertion as
 * {@code SELECT * FROM (SELECT key, COUNT(1) AS index_row_count FROM t GROUP BY key) AS data WHERE
 * index_row_count > 1}: when the key's values are distinct and none is NULL, it returns no row, which an
 * engine may show more cheaply than by grouping ({@link io.porygon.core.engine.Engine#valuesAreDistinct}).
 */
final class UniqueKeyValues {
    private static final Pattern ONE_KEY = Pattern.compile(
            "\nSELECT\n  \\*\nFROM \\(\n  SELECT\n    (\\w+),\n    COUNT\\(1\\) AS index_row_count\n  FROM ([^\n]+)\n  GROUP BY \\1\n"
                    + "  \\) AS data\nWHERE index_row_count > 1\n");

    private UniqueKeyValues() {}

    /** The GoogleSQL query of the key's values, when {@code query} is exactly Dataform's uniqueKey query of one column. */
    static Optional<String> of(String query) {
        Matcher m = ONE_KEY.matcher(query);
        return m.matches() ? Optional.of("SELECT " + m.group(1) + " FROM " + m.group(2)) : Optional.empty();
    }
}
