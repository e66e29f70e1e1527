package io.porygon.core;

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
import java.util.Optional;

/**
 * A file in a project's {@code .porygon/cache}: written whole or not at all (to a temporary file,
 * then moved), and read as absent when missing, damaged or of another format. A cache only ever
 * saves time, so its failures are swallowed.
 */
public final class CacheFile {
    /** Strings longer than this mean the file is not what it claims to be. */
    private static final int MAX_STRING_BYTES = 64 << 20;

    public interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    public interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private CacheFile() {}

    public static void write(Path file, Writer writer) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (OutputStream raw = Files.newOutputStream(tmp)) {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw));
                writer.write(out);
                out.flush();
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // the next run computes it again
        }
    }

    /** What {@code reader} makes of the file; empty when it is missing or unreadable, or the reader returns null. */
    public static <T> Optional<T> read(Path file, Reader<T> reader) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try (InputStream raw = Files.newInputStream(file)) {
            return Optional.ofNullable(reader.read(new DataInputStream(new BufferedInputStream(raw))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Length and UTF-8 bytes: writeUTF stops at 64 KB, and a model's SQL can be longer. */
    public static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    public static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_STRING_BYTES) throw new IOException("not a cache file");
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
