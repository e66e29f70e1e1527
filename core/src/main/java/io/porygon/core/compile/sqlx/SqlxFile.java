package io.porygon.core.compile.sqlx;

import java.util.List;

/**
 * A parsed SQLX file. SQL parts are JavaScript template-literal bodies (already escaped), so that
 * {@code ${...}} placeholders evaluate against the action's context.
 *
 * @param config the {@code config { }} object literal, or null when absent
 * @param js the {@code js { }} blocks' bodies, in file order
 * @param statements the main SQL, split on {@code ---} separator lines
 * @param preOperations statements of {@code pre_operations { }}
 * @param postOperations statements of {@code post_operations { }}
 * @param incrementalWhere the legacy {@code incremental_where { }} block, or null
 * @param inputs {@code input "name" { }} blocks of unit tests
 */
public record SqlxFile(
        Fragment config,
        List<Fragment> js,
        List<Fragment> statements,
        List<Fragment> preOperations,
        List<Fragment> postOperations,
        Fragment incrementalWhere,
        List<Input> inputs) {

    /** Whether {@code word} occurs anywhere in the file's code: config, js blocks, SQL and operations. */
    public boolean mentions(String word) {
        if (config != null && config.text().contains(word)) return true;
        if (incrementalWhere != null && incrementalWhere.text().contains(word)) return true;
        for (List<Fragment> part : List.of(js, statements, preOperations, postOperations)) {
            for (Fragment f : part) if (f.text().contains(word)) return true;
        }
        for (Input input : inputs) if (input.sql().text().contains(word)) return true;
        return false;
    }

    /** An {@code input "name" { sql }} block; a name may be "schema", "name" parts. */
    public record Input(List<String> nameParts, Fragment sql) {}
}
