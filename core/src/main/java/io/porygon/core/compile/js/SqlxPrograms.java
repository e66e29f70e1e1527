package io.porygon.core.compile.js;

import io.porygon.core.compile.sqlx.SqlxParser;

/** The JavaScript programs of SQLX files, kept per file text: a program is a pure function of the file's name and text. */
public final class SqlxPrograms {
    private static final FileCache<JsProgram> PROGRAMS = new FileCache<>();

    private SqlxPrograms() {}

    /** The program of a SQLX file; a syntax error is thrown (as PorygonException) every time, never cached. */
    public static JsProgram of(String fileName, String content) {
        return PROGRAMS.get(fileName, content, text -> SqlxToJavaScript.translate(fileName, SqlxParser.parse(fileName, text)));
    }
}
