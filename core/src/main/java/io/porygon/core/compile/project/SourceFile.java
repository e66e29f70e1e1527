package io.porygon.core.compile.project;

/** A project file: its path relative to the project root (with '/' separators) and its text. */
public record SourceFile(String path, String content) {

    public boolean isSqlx() {
        return path.endsWith(".sqlx");
    }

    public boolean isJs() {
        return path.endsWith(".js");
    }

    /** Whether the file sits directly in {@code dir} (e.g. "includes"), not in a subfolder. */
    public boolean isDirectlyIn(String dir) {
        return path.startsWith(dir + "/") && path.indexOf('/', dir.length() + 1) < 0;
    }

    /** The file name without directory and extension: the default action name, or an include's global. */
    public String baseName() {
        String base = path.substring(path.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }
}
