package io.porygon.core.compile;

import static io.porygon.core.CacheFile.readString;
import static io.porygon.core.CacheFile.writeString;

import io.porygon.core.CacheFile;
import io.porygon.core.compile.project.Project;
import io.porygon.core.compile.project.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;

/**
 * What the JavaScript session made of a project, kept in a file between runs, so that compiling an
 * unchanged project skips its JavaScript (about 0.4 s in a fresh JVM, where the engine is still
 * interpreted). The key covers all the session can see: Porygon's build, the project config handed
 * to it (the settings with every override applied: --vars, --schema-suffix, ...), every include and
 * definition, and the JVM's time zone, locale and version. A compile whose JavaScript failed, read the
 * clock or drew a random number is never stored; errors in the graph (a missing ref, a cycle) come from
 * Java's checks, which run again on every compile.
 */
public final class SessionCache {
    private static final int FORMAT = 1;
    static final SessionCache NONE = new SessionCache(null, null);

    private final Path file;
    private final String build;

    private SessionCache(Path file, String build) {
        this.file = file;
        this.build = build;
    }

    /** A cache in {@code file} for the Porygon build named {@code build} (a rebuild must change the name). */
    public static SessionCache inFile(Path file, String build) {
        return new SessionCache(file, build);
    }

    String key(String projectConfigJson, Project project) {
        if (file == null) return null;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            // the Java runtime brings the time zone rules and locale data that Date methods use
            for (String part : new String[] {String.valueOf(FORMAT), build, projectConfigJson, TimeZone.getDefault().getID(),
                    Locale.getDefault().toLanguageTag(), System.getProperty("java.runtime.version", "")}) {
                update(sha, part);
            }
            for (SourceFile f : project.includes()) update(sha, "include", f.path(), f.content());
            for (SourceFile f : project.definitions()) update(sha, "definition", f.path(), f.content());
            for (SourceFile f : project.otherScripts()) update(sha, "script", f.path(), f.content());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each part with its length first, so that moving text from one part to the next changes the key. */
    private static void update(MessageDigest sha, String... parts) {
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            int n = bytes.length;
            sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
            sha.update(bytes);
        }
    }

    @SuppressWarnings("unchecked")
    Optional<Map<String, Object>> load(String key) {
        if (key == null) return Optional.empty();
        return CacheFile.read(file, in -> in.readInt() == FORMAT && readString(in).equals(key)
                ? (Map<String, Object>) PlainData.read(in) : null);
    }

    void store(String key, Map<String, Object> session) {
        if (key == null) return;
        CacheFile.write(file, out -> {
            out.writeInt(FORMAT);
            writeString(out, key);
            PlainData.write(out, session);
        });
    }
}
