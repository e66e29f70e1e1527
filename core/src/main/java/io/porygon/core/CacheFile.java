package io.porygon.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A file in a project's {@code .porygon/cache}: written whole or not at all (to a temporary file,
 * synced, then moved), with a checksum of its content, and read as absent when missing, truncated,
 * damaged or of another format. A cache only ever saves time, so its failures are swallowed.
 */
public final class CacheFile {
    /** Counts and lengths above this mean the file is not what it claims to be. */
    private static final int MAX_LENGTH = 64 << 20;

    public interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    public interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private CacheFile() {}

    public static void write(Path file, Writer writer) {
        Path tmp = null;
        try {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(content);
            writer.write(out);
            out.flush();
            byte[] bytes = content.toByteArray();
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer header = ByteBuffer.allocate(12).putLong(checksum(bytes)).putInt(bytes.length).flip();
                channel.write(new ByteBuffer[] {header, ByteBuffer.wrap(bytes)});
                channel.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | RuntimeException e) {
            // the next run computes it again
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file only takes space
                }
            }
        }
    }

    /** What {@code reader} makes of the file; empty when it is missing, damaged or unreadable, or the reader returns null. */
    public static <T> Optional<T> read(Path file, Reader<T> reader) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file));
            if (all.remaining() < 12) return Optional.empty();
            long expected = all.getLong();
            int length = all.getInt();
            if (length != all.remaining()) return Optional.empty();
            byte[] bytes = new byte[length];
            all.get(bytes);
            if (checksum(bytes) != expected) return Optional.empty();
            return Optional.ofNullable(reader.read(new DataInputStream(new ByteArrayInputStream(bytes))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long checksum(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    /** Length and UTF-8 bytes: writeUTF stops at 64 KB, and a model's SQL can be longer. */
    public static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    public static String readString(DataInputStream in) throws IOException {
        byte[] bytes = in.readNBytes(readLength(in));
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A count or length written by the writer, checked to be plausible. */
    public static int readLength(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_LENGTH || length > in.available()) throw new EOFException("not a cache file");
        return length;
    }
}
