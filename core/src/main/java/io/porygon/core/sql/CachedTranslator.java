package io.porygon.core.sql;

import io.porygon.core.SourceLocation;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A translator that keeps its translations in a file between runs, so that running an unchanged
 * model again skips parsing it: in a fresh JVM the parser is still interpreted and costs about
 * 10 ms per statement. Entries are keyed by the exact SQL text and belong to one {@code
 * fingerprint} (the translator's build and the name mapping); a file with another fingerprint, or
 * one that cannot be read, is ignored. Failed translations are never stored. {@link #save()} keeps
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
        String translated = stored.get(googleSql);
        if (translated == null) translated = translator.translate(googleSql, location);
        used.put(googleSql, translated);
        return translated;
    }

    /** Writes this run's translations when they differ from the file's; a failure only costs speed. */
    public void save() {
        if (used.equals(stored)) return;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(out);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // the next run translates again
        }
    }

    private void write(OutputStream target) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(target));
        out.writeInt(FORMAT);
        writeString(out, fingerprint);
        out.writeInt(used.size());
        for (Map.Entry<String, String> e : used.entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
        out.flush();
    }

    private static Map<String, String> read(Path file, String fingerprint) {
        if (!Files.isRegularFile(file)) return Map.of();
        try (InputStream raw = Files.newInputStream(file)) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(raw));
            if (in.readInt() != FORMAT || !readString(in).equals(fingerprint)) return Map.of();
            int n = in.readInt();
            Map<String, String> entries = new HashMap<>();
            for (int i = 0; i < n; i++) entries.put(readString(in), readString(in));
            return entries;
        } catch (IOException | RuntimeException e) {
            return Map.of(); // unreadable or truncated: start afresh
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 64 << 20) throw new IOException("not a translation cache");
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
