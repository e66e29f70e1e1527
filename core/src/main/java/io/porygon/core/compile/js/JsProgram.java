package io.porygon.core.compile.js;

import io.porygon.core.compile.json.JsonWriter;
import io.porygon.core.compile.sqlx.Fragment;
import java.util.Arrays;

/**
 * JavaScript generated from a project file, with a map from each generated line back to the line
 * of the file it came from, so that engine errors point into the user's file.
 */
public final class JsProgram {
    private final String fileName;
    private final StringBuilder text = new StringBuilder();
    private int[] lineMap = new int[64];
    private int lines = 1;
    /** The text once asked for, until the next append: a cached program gives the same String to every compile. */
    private String source;

    public JsProgram(String fileName) {
        this.fileName = fileName;
    }

    /** Source that maps line for line onto the file itself (plain .js files). */
    public static JsProgram verbatim(String fileName, String source) {
        JsProgram p = new JsProgram(fileName);
        p.append(new Fragment(source, 1, 1));
        return p;
    }

    public String fileName() {
        return fileName;
    }

    public String source() {
        if (source == null) source = text.toString();
        return source;
    }

    /** Generated glue code; its lines map to nothing in the file. */
    public JsProgram glue(String code) {
        appendText(code, 0);
        return this;
    }

    /** Code taken from the file; its lines map to the fragment's lines. */
    public JsProgram append(Fragment f) {
        appendText(f.text(), f.line());
        return this;
    }

    /** A JavaScript string literal. */
    public JsProgram string(String s) {
        return glue(JsonWriter.quote(s));
    }

    private void appendText(String s, int firstLine) {
        source = null;
        text.append(s);
        int current = firstLine;
        if (firstLine > 0) setLine(lines, firstLine);
        for (int at = s.indexOf('\n'); at >= 0; at = s.indexOf('\n', at + 1)) {
            lines++;
            if (firstLine > 0) setLine(lines, ++current);
        }
    }

    private void setLine(int generated, int original) {
        if (generated >= lineMap.length) lineMap = Arrays.copyOf(lineMap, Math.max(generated + 1, lineMap.length * 2));
        lineMap[generated] = original;
    }

    /** The file line of a generated line, or the nearest mapped line before it, or 0. */
    public int originalLine(int generatedLine) {
        for (int l = Math.min(generatedLine, lines); l >= 1; l--) {
            if (l < lineMap.length && lineMap[l] > 0) return lineMap[l];
        }
        return 0;
    }
}
