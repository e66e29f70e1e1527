package io.porygon.core.sql;

import static io.porygon.core.CacheFile.readString;
import static io.porygon.core.CacheFile.writeString;

import io.porygon.core.CacheFile;
import io.porygon.core.SourceLocation;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A translator that keeps its translations in a file between runs, so that running an unchanged
 * model again skips parsing it: in a fresh JVM the parser is still interpreted and costs about
 * 10 ms per statement. Entries are keyed by the exact SQL text and belong to one {@code
 * fingerprint} (the translator's build and the name mapping); a file with another fingerprint, or
 * one that cannot be read, is ignored. A statement read after an action's DECLAREs is keyed by
 * them too ({@link #translate(String, SourceLocation, ScriptScope)}). Failed translations are never stored. {@link #save()} keeps
 * only the statements this run asked for, so the file holds one project's statements at most.
 */
public final class CachedTranslator implements Translator {
    private static final int FORMAT = 1;

    private final Translator translator;
    private final Path file;
    private final String fingerprint;
    private final Map<String, String> stored;
    private final Map<String, String> used = new ConcurrentHashMap<>();

    private CachedTranslator(Translator translator, Path file, String fingerprint, Map<String, String> stored) {
        this.translator = translator;
        this.file = file;
        this.fingerprint = fingerprint;
        this.stored = stored;
    }

    /** Loads the translations stored in {@code file} for {@code fingerprint}, if any. */
    public static CachedTranslator open(Translator translator, Path file, String fingerprint) {
        return new CachedTranslator(translator, file, fingerprint, read(file, fingerprint));
    }

    @Override
    public String translate(String googleSql, SourceLocation location) {
        return translate(googleSql, location, ScriptScope.EMPTY).sql();
    }

    /**
     * The key is the SQL text, preceded by the declared variables when there are any: a name
     * translates to a variable read only where a DECLARE of the action precedes it. The scope after
     * the text is read from its DECLAREs, which takes no parsing.
     */
    @Override
    public ScriptTranslation translate(String googleSql, SourceLocation location, ScriptScope scope) {
        return cached(scope.isEmpty() ? googleSql : "\0" + scope.cacheKey() + "\n" + googleSql, googleSql, location, scope,
                () -> translator.translate(googleSql, location, scope));
    }

    /** As {@link #translate(String, SourceLocation, ScriptScope)}, keyed apart: a second statement is refused in a query. */
    @Override
    public ScriptTranslation translateQuery(String googleSql, SourceLocation location, ScriptScope scope) {
        return cached("\3" + scope.cacheKey() + "\n" + googleSql, googleSql, location, scope,
                () -> translator.translateQuery(googleSql, location, scope));
    }

    /** As {@link #translate(String, SourceLocation, ScriptScope)}, keyed apart: a view's query may translate differently. */
    @Override
    public ScriptTranslation translateViewQuery(String googleSql, SourceLocation location, ScriptScope scope) {
        return cached("\1" + scope.cacheKey() + "\n" + googleSql, googleSql, location, scope,
                () -> translator.translateViewQuery(googleSql, location, scope));
    }

    /** As {@link #translate(String, SourceLocation, ScriptScope)}, keyed apart: an operation's script may be procedural. */
    @Override
    public ScriptTranslation translateOperation(String googleSql, SourceLocation location, ScriptScope scope) {
        return cached("\2" + scope.cacheKey() + "\n" + googleSql, googleSql, location, scope,
                () -> translator.translateOperation(googleSql, location, scope));
    }

    private ScriptTranslation cached(String key, String googleSql, SourceLocation location, ScriptScope scope,
                                     Supplier<ScriptTranslation> translation) {
        String translated = stored.get(key);
        ScriptTranslation result;
        if (translated == null) {
            result = translation.get();
        } else {
            result = new ScriptTranslation(translated, scope.after(googleSql, location));
        }
        // a program (a procedural script, or an operation of several statements run one at a time) is no text to keep:
        // it is translated again on every run
        if (result.program() == null) used.put(key, result.sql());
        return result;
    }

    @Override
    public List<String> endOfScript(ScriptScope scope) {
        return translator.endOfScript(scope);
    }

    /** Writes this run's translations when they differ from the file's; a failure only costs speed. */
    public void save() {
        if (used.equals(stored)) return;
        CacheFile.write(file, out -> {
            out.writeInt(FORMAT);
            writeString(out, fingerprint);
            out.writeInt(used.size());
            for (Map.Entry<String, String> e : used.entrySet()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
        });
    }

    private static Map<String, String> read(Path file, String fingerprint) {
        return CacheFile.read(file, in -> {
            if (in.readInt() != FORMAT || !readString(in).equals(fingerprint)) return null;
            int n = CacheFile.readLength(in);
            Map<String, String> entries = new HashMap<>();
            for (int i = 0; i < n; i++) entries.put(readString(in), readString(in));
            return entries;
        }).orElse(Map.of());
    }
}
