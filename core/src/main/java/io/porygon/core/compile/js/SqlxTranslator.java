package io.porygon.core.compile.js;

import io.porygon.core.compile.sqlx.Fragment;
import io.porygon.core.compile.sqlx.SqlxFile;
import java.util.List;

/**
 * Turns a parsed SQLX file into a JavaScript program that registers its action with the session,
 * as Dataform does: the config object, and the SQL as functions of a context whose ref, self,
 * incremental, ... are in scope together with the file's js blocks.
 */
public final class SqlxTranslator {
    private static final String BINDINGS = "const self = ctx.self ? ctx.self.bind(ctx) : undefined; "
            + "const ref = ctx.ref ? ctx.ref.bind(ctx) : undefined; "
            + "const resolve = ctx.resolve ? ctx.resolve.bind(ctx) : undefined; "
            + "const name = ctx.name ? ctx.name.bind(ctx) : undefined; "
            + "const when = ctx.when ? ctx.when.bind(ctx) : undefined; "
            + "const incremental = ctx.incremental ? ctx.incremental.bind(ctx) : undefined; "
            + "const schema = ctx.schema ? ctx.schema.bind(ctx) : undefined; "
            + "const database = ctx.database ? ctx.database.bind(ctx) : undefined; ";

    private SqlxTranslator() {}

    public static JsProgram translate(String fileName, SqlxFile sqlx) {
        JsProgram p = new JsProgram(fileName);
        String baseName = baseName(fileName);
        p.glue("__porygon.sqlxAction({ fileName: ").string(fileName);
        Fragment config = sqlx.config();
        p.glue(", configLine: " + (config == null ? 1 : config.line()) + ", configColumn: " + (config == null ? 1 : config.column()));
        p.glue(", sqlStatementCount: " + sqlx.statements().size());
        p.glue(", sqlStartLine: " + sqlStartLine(sqlx.statements().get(0)));
        p.glue(",\nconfig: __porygonConfig(").string(baseName).glue(", ");
        if (config == null) p.glue("{}");
        else p.glue("(").append(config).glue(")");
        p.glue("),\nsql: ");
        contextable(p, sqlx.js(), sqlx.statements(), true);
        p.glue(",\nincrementalWhere: ");
        if (sqlx.incrementalWhere() == null) p.glue("undefined");
        else contextable(p, sqlx.js(), List.of(sqlx.incrementalWhere()), false);
        p.glue(",\npreOps: ");
        if (sqlx.preOperations().isEmpty()) p.glue("undefined");
        else contextable(p, sqlx.js(), sqlx.preOperations(), true);
        p.glue(",\npostOps: ");
        if (sqlx.postOperations().isEmpty()) p.glue("undefined");
        else contextable(p, sqlx.js(), sqlx.postOperations(), true);
        p.glue(",\ninputs: [");
        for (int i = 0; i < sqlx.inputs().size(); i++) {
            SqlxFile.Input input = sqlx.inputs().get(i);
            p.glue(i == 0 ? "{ names: [" : ", { names: [");
            for (int j = 0; j < input.nameParts().size(); j++) {
                if (j > 0) p.glue(", ");
                p.string(input.nameParts().get(j));
            }
            p.glue("], sql: ");
            contextable(p, sqlx.js(), List.of(input.sql()), false);
            p.glue(" }");
        }
        p.glue("]\n});\n");
        return p;
    }

    /** {@code (ctx) => { bindings; js; return [`sql`, ...]; }} (or a single string when !asArray). */
    private static void contextable(JsProgram p, List<Fragment> js, List<Fragment> sql, boolean asArray) {
        p.glue("function (ctx) { " + BINDINGS);
        for (Fragment f : js) p.append(f).glue(";\n");
        p.glue(asArray ? "return [" : "return ");
        for (int i = 0; i < sql.size(); i++) {
            if (i > 0) p.glue(", ");
            p.glue("`").append(sql.get(i)).glue("`");
        }
        p.glue(asArray ? "]; }" : "; }");
    }

    /** The line of the first non-blank character of the main SQL. */
    static int sqlStartLine(Fragment sql) {
        int line = sql.line();
        String t = sql.text();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\n') line++;
            else if (!Character.isWhitespace(c)) return line;
        }
        return sql.line();
    }

    static String baseName(String fileName) {
        String base = fileName.substring(fileName.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }
}
