package io.porygon.core.compile.js;

import io.porygon.core.compile.sqlx.SqlxParser;

/** SQLX files translated to JavaScript; translation is a pure function of the file's name and text. */
public final class TranslationCache {
    private static final FileCache<JsProgram> PROGRAMS = new FileCache<>();

    private TranslationCache() {}

    /** The program of a SQLX file; a syntax error is thrown (as PorygonException) every time, never cached. */
    public static JsProgram translate(String fileName, String content) {
        return PROGRAMS.get(fileName, content, text -> SqlxTranslator.translate(fileName, SqlxParser.parse(fileName, text)));
    }
}
