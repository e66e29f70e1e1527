package io.porygon.cli;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory a command writes into (docs --out, generate --out): made ready before the work starts,
 * and any I/O error with it told as the user's to fix, with the option that chose it.
 */
final class OutputDirectory {
    private OutputDirectory() {}

    /** Creates {@code dir} and its parents when missing; an error when it is a file or cannot be written. */
    static Path prepare(String option, Path dir) {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing != null && !Files.isDirectory(existing)) throw notADirectory(option, dir, existing);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw error(option, dir, e);
        }
        if (!Files.isWritable(dir)) throw error(option, dir, new AccessDeniedException(dir.toString()));
        return dir;
    }

    /** The user's view of an I/O error writing into {@code dir}. */
    static PorygonException error(String option, Path dir, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new PorygonException(SourceLocation.of(dir.toString()), "cannot write here: permission denied",
                    "pass " + option + " a directory you can write to, or change its permissions");
        }
        if (e instanceof FileAlreadyExistsException f && f.getFile() != null) {
            // createDirectories met a file where a directory had to be (the directory itself or a parent)
            return notADirectory(option, dir, Path.of(f.getFile()));
        }
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return new PorygonException(SourceLocation.of(dir.toString()), "cannot write here: " + reason,
                "pass " + option + " a directory you can write to");
    }

    private static PorygonException notADirectory(String option, Path dir, Path file) {
        String what = file.equals(dir) ? "is a file, not a directory" : "is below " + file + ", a file, not a directory";
        return new PorygonException(SourceLocation.of(dir.toString()), what,
                "pass " + option + " a directory (it is created when missing), or move the file away");
    }
}
