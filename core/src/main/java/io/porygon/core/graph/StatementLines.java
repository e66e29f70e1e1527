package io.porygon.core.graph;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the statements of an action (its query, pre- and post-operations, an operation's statements)
 * start in the project file, keyed by the statement's text, and the file's lines, so that an error
 * is reported at the line it is on, even below a {@code ${...}} that compiled to several lines or to
 * none. A statement not found in the file (written by JavaScript) has no line.
 *
 * <p>Only an error at run time reads these lines, so {@link #locate} leaves the search to the first
 * read: a compile makes one per table and operation and reads none. Two are equal when their
 * statements start at the same lines of the same file lines.
 */
public final class StatementLines {
    public static final StatementLines UNKNOWN = new StatementLines(Map.of(), List.of());

    /** A pre- or post-operations block opening on a line: its statement may start on the same line, after the brace. */
    private static final Pattern OPERATIONS_BLOCK = Pattern.compile("\\b(?:pre|post)_operations \\{");
    /** The opening of a pre- or post-operations block, however spaced. */
    private static final Pattern OPERATIONS_BLOCK_ANYWHERE = Pattern.compile("\\b(?:pre|post)_operations\\s*\\{");

    private final List<String> fileLines;
    /** What {@link #locate} was asked for, until the first read searches it; null once searched, or when given the lines. */
    private Search search;
    private Map<String, Start> byText;

    private record Search(int sqlStartLine, List<String> queries, List<String> statements) {}

    /** Where a statement's text starts: a 1-based line, and a 0-based column, past a block's brace on the same line, else 0. */
    private record Start(int line, int column) {}

    public StatementLines(Map<String, Integer> byText, List<String> fileLines) {
        Map<String, Start> starts = new HashMap<>();
        byText.forEach((statement, line) -> starts.put(statement, new Start(line, 0)));
        this.byText = Map.copyOf(starts);
        this.fileLines = List.copyOf(fileLines);
    }

    private StatementLines(List<String> fileLines, Search search) {
        this.fileLines = List.copyOf(fileLines);
        this.search = search;
    }

    /** Where each statement starts, by its text; searched on the first call. */
    private synchronized Map<String, Start> byText() {
        if (byText == null) {
            byText = Map.copyOf(search(fileLines, search.sqlStartLine(), search.queries(), search.statements()));
            search = null;
        }
        return byText;
    }

    /**
     * Where each statement starts in a file of {@code fileLines}: {@code queries} at the first line from
     * {@code sqlStartLine} (when known) that compiles to their first non-blank line, else there; the others at the first line, searched after the statement before and then from the
     * top, that compiles to the statement's first non-blank line (a placeholder {@code ${...}} matching
     * any text). A statement written by JavaScript gets none.
     */
    public static StatementLines locate(List<String> fileLines, int sqlStartLine, List<String> queries, List<String> statements) {
        if (statements.isEmpty() && (queries.isEmpty() || sqlStartLine <= 0)) return UNKNOWN;
        return new StatementLines(fileLines, new Search(sqlStartLine, List.copyOf(queries), List.copyOf(statements)));
    }

    private static Map<String, Start> search(List<String> fileLines, int sqlStartLine, List<String> queries, List<String> statements) {
        Map<String, Start> out = new HashMap<>();
        // a query JavaScript passes as a string starts where its first line is written, at or below the call
        // (sqlStartLine); one built otherwise, at the call
        if (sqlStartLine > 0) {
            for (String q : queries) {
                String first = q.strip().lines().findFirst().orElse("").strip();
                int found = first.isEmpty() ? -1 : find(fileLines, first, sqlStartLine - 1, null);
                out.put(q, new Start(found >= 0 ? found + 1 : sqlStartLine, 0));
            }
        }
        boolean[] inBlock = operationsBlockLines(fileLines);
        int from = 0;
        for (String statement : statements) {
            String first = statement.strip().lines().findFirst().orElse("").strip();
            if (first.isEmpty() || out.containsKey(statement)) continue;
            // a statement written on the line that opens its block (post_operations { SELECT ... }) starts after the brace
            Start start = findAfterBlockBrace(fileLines, statement, first);
            if (start == null) {
                // in a pre- or post-operations block first: a line of the query may compile to the same text
                int found = find(fileLines, first, from, inBlock);
                if (found < 0) found = find(fileLines, first, 0, inBlock);
                if (found < 0) found = find(fileLines, first, from, null);
                if (found < 0) found = find(fileLines, first, 0, null);
                if (found >= 0) start = new Start(found + 1, 0);
            }
            if (start != null) {
                out.put(statement, start);
                from = start.line();
            }
        }
        return out;
    }

    /**
     * The start of {@code statement} when its first line is on the line that opens a pre- or post-operations block:
     * there the text after the brace, up to a brace that closes the block on that line, writes {@code first}.
     */
    private static Start findAfterBlockBrace(List<String> fileLines, String statement, String first) {
        if (statement.substring(0, statement.indexOf(first)).contains("\n")) return null; // it starts on a line of its own
        for (int i = 0; i < fileLines.size(); i++) {
            String line = fileLines.get(i);
            Matcher m = OPERATIONS_BLOCK.matcher(line);
            if (!m.find()) continue;
            int close = TemplateLines.closingBrace(line, m.end() - 1);
            if (writes(line.substring(m.end(), close < 0 ? line.length() : close).strip(), first)) return new Start(i + 1, m.end());
        }
        return null;
    }

    /** The first line from {@code from} (among those {@code only} marks, when given) that writes {@code line}, or -1. */
    private static int find(List<String> text, String line, int from, boolean[] only) {
        for (int i = from; i < text.size(); i++) {
            if ((only == null || only[i]) && writesOrClosesWith(text.get(i).strip(), line)) return i;
        }
        return -1;
    }

    /** Which lines of the file a pre- or post-operations block spans, from its opening line to its closing brace's; null when there is none. */
    private static boolean[] operationsBlockLines(List<String> fileLines) {
        String text = String.join("\n", fileLines);
        int[] lineStarts = new int[fileLines.size()];
        for (int i = 1; i < lineStarts.length; i++) lineStarts[i] = lineStarts[i - 1] + fileLines.get(i - 1).length() + 1;
        boolean[] out = null;
        for (int i = 0; i < fileLines.size(); i++) {
            Matcher m = OPERATIONS_BLOCK_ANYWHERE.matcher(fileLines.get(i));
            if (!m.find()) continue;
            int close = TemplateLines.closingBrace(text, lineStarts[i] + m.end() - 1);
            int last = close < 0 ? fileLines.size() - 1 : lineOfOffset(lineStarts, close);
            if (out == null) out = new boolean[fileLines.size()];
            for (int j = i; j <= last; j++) out[j] = true;
        }
        return out;
    }

    private static int lineOfOffset(int[] lineStarts, int offset) {
        int line = 0;
        while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) line++;
        return line;
    }

    /** As {@link #writes}, also for the last line of a block, which the block's closing brace ends. */
    private static boolean writesOrClosesWith(String source, String compiled) {
        return writes(source, compiled) || source.endsWith("}") && writes(source.substring(0, source.length() - 1).strip(), compiled);
    }

    /** Whether a line of the file compiles to {@code compiled}: the same text, any {@code ${...}} standing for anything. */
    private static boolean writes(String source, String compiled) {
        if (!source.contains("${")) return source.equals(compiled);
        StringBuilder regex = new StringBuilder();
        int at = 0;
        for (int open = source.indexOf("${"); open >= 0; open = source.indexOf("${", at)) {
            int close = TemplateLines.closingBrace(source, open + 1);
            if (close < 0) break;
            regex.append(Pattern.quote(source.substring(at, open))).append(".*?");
            at = close + 1;
        }
        regex.append(Pattern.quote(source.substring(at)));
        return compiled.matches(regex.toString());
    }

    /** The first file line from {@code fromLine} and before {@code beforeLine} (1-based) on which {@code pattern} is found, or -1. */
    public int firstLineMatching(Pattern pattern, int fromLine, int beforeLine) {
        for (int i = Math.max(fromLine - 1, 0); i < Math.min(beforeLine - 1, fileLines.size()); i++) {
            if (pattern.matcher(fileLines.get(i)).find()) return i + 1;
        }
        return -1;
    }

    /** How many lines the file has (0 when unknown). */
    public int lineCount() {
        return fileLines.size();
    }

    /** The last file line before {@code beforeLine} (1-based) on which {@code pattern} is found, or -1. */
    public int lastLineMatching(Pattern pattern, int beforeLine) {
        for (int i = Math.min(beforeLine - 1, fileLines.size()) - 1; i >= 0; i--) {
            if (pattern.matcher(fileLines.get(i)).find()) return i + 1;
        }
        return -1;
    }

    /** The line where {@code statement} starts, or {@code fallback} when unknown. */
    public int lineOf(String statement, int fallback) {
        Start start = byText().get(statement);
        return start == null ? fallback : start.line();
    }

    /**
     * How many characters of file line {@code fileLine} come before line {@code line} of {@code statement} when that line is
     * written there as is (no {@code ${...}} on it): the block's opening on the statement's first line, else 0; -1 when it is
     * not written as is. The closing brace of the block may follow the statement's last line.
     */
    public int shiftOf(String statement, int line, int fileLine) {
        String[] lines = statement.split("\n", -1);
        if (line < 1 || line > lines.length || fileLine < 1 || fileLine > fileLines.size()) return -1;
        Start start = byText().get(statement);
        int shift = start != null && line == 1 && fileLine == start.line() ? start.column() : 0;
        String text = fileLines.get(fileLine - 1).substring(shift);
        boolean same = text.equals(lines[line - 1])
                || line == lines.length && text.startsWith(lines[line - 1]) && text.substring(lines[line - 1].length()).strip().equals("}");
        return same ? shift : -1;
    }

    /** The file line of line {@code line} (1-based) of {@code statement}, or {@code fallback} when unknown. */
    public int lineOf(String statement, int line, int fallback) {
        Start start = byText().get(statement);
        if (start == null || line <= 0) return fallback;
        int[] lines = TemplateLines.of(fileLines, start.line(), start.column(), statement);
        return lines != null && line <= lines.length && lines[line - 1] > 0 ? lines[line - 1] : fallback;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatementLines other && byText().equals(other.byText()) && fileLines.equals(other.fileLines);
    }

    @Override
    public int hashCode() {
        return 31 * byText().hashCode() + fileLines.hashCode();
    }

    @Override
    public String toString() {
        return "StatementLines[byText=" + byText() + ", fileLines=" + fileLines + "]";
    }
}
