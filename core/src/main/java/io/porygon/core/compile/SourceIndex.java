package io.porygon.core.compile;

import io.porygon.core.SourceLocation;
import java.util.HashMap;
import java.util.Map;

/** The text of the project's files, to turn a line (and a word on it) into a file:line:col location. */
final class SourceIndex {
    private final Map<String, String[]> lines = new HashMap<>();

    void add(String path, String content) {
        lines.put(path, content.split("\n", -1));
    }

    /** The location of {@code word} (preferably quoted) on {@code line}; column 1 when not found; line 1 when unknown. */
    SourceLocation locate(String file, int line, String word) {
        String[] text = lines.get(file);
        if (line <= 0) line = 1;
        int column = 1;
        if (text != null && line <= text.length && word != null) {
            String l = text[line - 1];
            int at = l.indexOf("\"" + word + "\"");
            if (at < 0) at = l.indexOf("'" + word + "'");
            if (at < 0) at = l.indexOf(word);
            if (at >= 0) column = at + 1;
        }
        return new SourceLocation(file, line, column);
    }

    /** The first line at or after {@code fromLine} that holds {@code word} in quotes (else plain), or null. */
    SourceLocation locateFrom(String file, int fromLine, String word) {
        String[] text = lines.get(file);
        if (text == null || word == null) return null;
        for (int i = Math.max(fromLine, 1) - 1; i < text.length; i++) {
            int at = text[i].indexOf("\"" + word + "\"");
            if (at < 0) at = text[i].indexOf("'" + word + "'");
            if (at >= 0) return new SourceLocation(file, i + 1, at + 1);
        }
        return null;
    }

    /** Where {@code key:} (an object literal property) first appears at or after {@code fromLine}, or null. */
    SourceLocation locateKey(String file, int fromLine, String key) {
        String[] text = lines.get(file);
        if (text == null) return null;
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("(?<![\\w$])[\"']?" + java.util.regex.Pattern.quote(key) + "[\"']?\\s*:");
        for (int i = Math.max(fromLine, 1) - 1; i < text.length; i++) {
            java.util.regex.Matcher m = p.matcher(text[i]);
            if (m.find()) return new SourceLocation(file, i + 1, m.start() + 1);
        }
        return null;
    }

    /** The column of the first non-blank character of a line (1 when unknown). */
    int firstColumn(String file, int line) {
        String[] text = lines.get(file);
        if (text == null || line <= 0 || line > text.length) return 1;
        String l = text[line - 1];
        for (int i = 0; i < l.length(); i++) if (!Character.isWhitespace(l.charAt(i))) return i + 1;
        return 1;
    }
}
