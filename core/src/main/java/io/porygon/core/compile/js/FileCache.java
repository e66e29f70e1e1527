package io.porygon.core.compile.js;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What a compile derives from one file's text alone (its translation, its parsed script, its loop
 * check), kept by file name and full text so that compiling an unchanged file again in the same JVM
 * (the library API, benchmarks) skips the work and an edit is never missed. Bounded, least recently
 * used first out; values must never be modified once made.
 */
final class FileCache<V> {
    private static final int MAX_ENTRIES = 2_000;
    private final Map<Key, V> entries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, V> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /**
     * Name and text, not joined into one string: a String keeps its hash, so the same text asked for again
     * is not hashed again. Equality written out, as the record's own is slow until the JIT compiles it.
     */
    private record Key(String fileName, String text) {
        @Override
        public int hashCode() {
            return 31 * fileName.hashCode() + text.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && fileName.equals(k.fileName) && text.equals(k.text);
        }
    }

    /** The value for this file and text, made by {@code make} (outside the lock) when not kept yet; what it throws is not kept. */
    V get(String fileName, String text, Function<String, V> make) {
        Key key = new Key(fileName, text);
        synchronized (entries) {
            V kept = entries.get(key);
            if (kept != null) return kept;
        }
        V value = make.apply(text);
        synchronized (entries) {
            entries.put(key, value);
        }
        return value;
    }
}
