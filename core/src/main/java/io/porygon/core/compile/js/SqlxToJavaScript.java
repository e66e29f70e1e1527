package io.porygon.core.compile.js;

import io.porygon.core.compile.sqlx.Fragment;
import io.porygon.core.compile.sqlx.SqlxFile;
import io.porygon.core.compile.sqlx.SqlxParser;
import java.util.List;

/**
 * Turns a parsed SQLX file into a JavaScript program that registers its action with the session,
 * as Dataform does: the config object, and the SQL as functions of a context whose ref, self,
 * incremental, ... are in scope together with the file's js blocks.
 */
public final class SqlxToJavaScript {
    /** The context functions a SQLX file sees as plain names, each bound to the context. */
    private static final List<String> BINDINGS = List.of("self", "ref", "resolve", "name", "when", "incremental", "schema", "database");

    private SqlxToJavaScript() {}

    public static JsProgram translate(String fileName, SqlxFile sqlx) {
        JsProgram p = new JsProgram(fileName);
        String baseName = baseName(fileName);
        // as in Dataform, a SQLX file's code may require() project .js files (paths from the project root, or ./ from the file)
        boolean requires = sqlx.mentions("require");
        if (requires) p.glue("(function (require) { ");
        p.glue("__porygon.sqlxAction({ fileName: ").string(fileName);
        Fragment config = sqlx.config();
        p.glue(", configLine: " + (config == null ? 1 : config.line()) + ", configColumn: " + (config == null ? 1 : config.column()));
        p.glue(", sqlStatementCount: " + sqlx.statements().size());
        p.glue(", sqlStartLine: " + sqlStartLine(sqlx.statements().get(0)));
        p.glue(",\nconfig: __porygonConfig(").string(baseName).glue(", ");
        if (config == null) p.glue("{}");
        else p.glue("(\n" + " ".repeat(Math.max(config.column() - 1, 0))).append(config).glue(")"); // engine columns are the file's
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
        p.glue("]\n});");
        // the require function is the session's: a failing require is then placed at its call, not at this glue
        if (requires) p.glue(" })(__porygon.requireFrom(").string(fileName).glue("));");
        p.glue("\n");
        return p;
    }

    /** {@code (ctx) => { bindings; js; return [`sql`, ...]; }} (or a single string when !asArray). */
    private static void contextable(JsProgram p, List<Fragment> js, List<Fragment> sql, boolean asArray) {
        p.glue("function (ctx) { " + bindings(js, sql));
        for (Fragment f : js) {
            // Each js block starts a line, indented to its column, so that engine columns are the file's.
            p.glue("\n" + " ".repeat(Math.max(f.column() - 1, 0))).append(f).glue(";\n");
        }
        p.glue(asArray ? "return [" : "return ");
        for (int i = 0; i < sql.size(); i++) {
            if (i > 0) p.glue(", ");
            p.glue("`").append(sql.get(i)).glue("`");
        }
        p.glue(asArray ? "]; }" : "; }");
    }

    /**
     * {@code const ref = ctx.ref ? ctx.ref.bind(ctx) : undefined; ...} for each context function whose
     * name occurs anywhere in the code (even in a comment or a string): one that does not occur
     * cannot be referred to, and skipping it spares a bound function per call on every compile.
     */
    public static String bindings(List<Fragment> js, List<Fragment> sql) {
        StringBuilder out = new StringBuilder();
        for (String name : BINDINGS) {
            if (occurs(name, js) || occurs(name, sql)) {
                out.append("const ").append(name).append(" = ctx.").append(name).append(" ? ctx.").append(name)
                        .append(".bind(ctx) : undefined; ");
            }
        }
        return out.toString();
    }

    private static boolean occurs(String name, List<Fragment> code) {
        for (Fragment f : code) if (f.text().contains(name)) return true;
        return false;
    }

    /**
     * The line of the first non-blank character of the main SQL. The parser's line-keeping
     * placeholders for blocks cut out before the SQL ({@code ${/*\n\n*\/''}}) count as blank lines.
     */
    static int sqlStartLine(Fragment sql) {
        int line = sql.line();
        String t = sql.text();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (t.startsWith(SqlxParser.LINE_KEEPER_START, i)) {
                int end = t.indexOf(SqlxParser.LINE_KEEPER_END, i);
                if (end < 0) return line;
                line += (int) t.substring(i, end).chars().filter(ch -> ch == '\n').count();
                i = end + SqlxParser.LINE_KEEPER_END.length() - 1;
            } else if (c == '\n') {
                line++;
            } else if (!Character.isWhitespace(c)) {
                return line;
            }
        }
        return sql.line();
    }

    static String baseName(String fileName) {
        String base = fileName.substring(fileName.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }
}
