package io.porygon.core.compile.js;

import io.porygon.core.compile.sqlx.SqlxParser;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SQLX files translated to JavaScript, by file name and text, so that compiling an unchanged file
 * again in the same JVM skips lexing and translation. Translation is a pure function of the text;
 * the cache is bounded and programs are never modified after translation.
 */
public final class TranslationCache {
    private static final int MAX_ENTRIES = 2_000;
    private static final Map<String, JsProgram> CACHE = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JsProgram> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private TranslationCache() {}

    /** The program of a SQLX file; a syntax error is thrown (as PorygonException) every time, never cached. */
    public static JsProgram translate(String fileName, String content) {
        String key = fileName + '\0' + content;
        synchronized (CACHE) {
            JsProgram cached = CACHE.get(key);
            if (cached != null) return cached;
        }
        JsProgram program = SqlxTranslator.translate(fileName, SqlxParser.parse(fileName, content));
        synchronized (CACHE) {
            CACHE.put(key, program);
        }
        return program;
    }
}
