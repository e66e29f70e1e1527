package io.porygon.core.graph;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which line of a SQLX file each line of a compiled statement was written on. From the statement's
 * first line on, the file is a template: literal text, which the statement repeats exactly, and
 * {@code ${...}} placeholders, which compiled to any text (several lines, or none at all). A
 * placeholder's text ends where the literal text after it starts again. Lines inside a placeholder's
 * text map line by line when it has as many lines as the placeholder (a template literal written in
 * place, as in {@code ${when(incremental(), `...`)}}), else to the placeholder's first line.
 */
final class TemplateLines {
    private final String compiled;
    private final String template;
    private final int[] out;
    private int c; // position in compiled
    private int compiledLine; // 0-based line of position c
    private int t; // position in template
    private int line; // file line of position t

    private TemplateLines(String compiled, String template, int startLine) {
        this.compiled = compiled;
        this.template = template;
        this.out = new int[(int) compiled.chars().filter(ch -> ch == '\n').count() + 1];
        this.line = startLine;
    }

    /**
     * File lines (1-based) of the lines of {@code compiled}, index 0 for its line 1, 0 where unknown;
     * null when the statement does not follow the file's text from {@code startLine} (the line of the
     * statement's first non-blank line), from {@code startColumn} (0-based) of that line on.
     */
    static int[] of(List<String> fileLines, int startLine, int startColumn, String compiled) {
        if (startLine <= 0 || startLine > fileLines.size() || startColumn > fileLines.get(startLine - 1).length()) return null;
        String template = withoutBlocks(String.join("\n", fileLines.subList(startLine - 1, fileLines.size())).substring(startColumn));
        TemplateLines lines = new TemplateLines(compiled, template, startLine);
        return lines.align() ? lines.out : null;
    }

    /** A SQLX block at the start of a line (config, js, pre/post_operations, incremental_where, input). */
    private static final Pattern BLOCK = Pattern.compile(
            "(?m)^[ \\t]*(config|js|pre_operations|post_operations|incremental_where|input(\\s+\"[^\"\\n]*\")+)\\s*\\{");

    /**
     * The template with each SQLX block that follows the statement's start (after a comment at the top
     * of the file, say) turned into a placeholder of as many lines: the compiled SQL leaves blocks out.
     */
    private static String withoutBlocks(String template) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Matcher m = BLOCK.matcher(template); m.find(at); ) {
            int close = closingBrace(template, m.end() - 1);
            if (close < 0) break;
            int lines = count(template, m.start(), close);
            out.append(template, at, m.start()).append("${").append("\n".repeat(lines)).append('}');
            at = close + 1;
        }
        return out.append(template.substring(at)).toString();
    }

    /** Walks the template, literal text and placeholders in turn; false when the two part ways. */
    private boolean align() {
        int firstNonBlank = 0;
        while (firstNonBlank < compiled.length() && Character.isWhitespace(compiled.charAt(firstNonBlank))) firstNonBlank++;
        c = compiled.lastIndexOf('\n', firstNonBlank - 1) + 1; // both start at the beginning of that line
        compiledLine = count(compiled, 0, c);
        while (c < compiled.length()) {
            int open = template.indexOf("${", t);
            int literalEnd = open < 0 ? template.length() : open;
            if (!literal(literalEnd)) return false;
            if (c == compiled.length()) return true;
            if (open < 0) return compiled.substring(c).isBlank(); // nothing but blank lines beyond the file's text
            int close = closingBrace(template, open + 1);
            if (close < 0) return false;
            int next = template.indexOf("${", close + 1);
            if (!placeholder(open, close + 1, template.substring(close + 1, next < 0 ? template.length() : next))) return false;
        }
        return true;
    }

    /** Compiled text equal to the template's up to {@code end} (or to its own end). */
    private boolean literal(int end) {
        for (; t < end && c < compiled.length(); t++, c++) {
            if (compiled.charAt(c) != template.charAt(t)) return false;
            mark(line);
            if (template.charAt(t) == '\n') {
                line++;
                compiledLine++;
            }
        }
        return true;
    }

    /** The placeholder at {@code [open, end)} of the template: its text runs until {@code following} starts in the compiled text. */
    private boolean placeholder(int open, int end, String following) {
        int textEnd = following.isEmpty() ? c : -1;
        for (int e = c; textEnd < 0 && e < compiled.length(); e++) {
            int n = Math.min(following.length(), compiled.length() - e);
            if (compiled.regionMatches(e, following, 0, n)) textEnd = e;
        }
        // the statement ends with the placeholder: a JavaScript template's closing backtick, or the end of its line, follows it
        if (textEnd < 0 && (following.startsWith("`") || following.startsWith("\n"))) textEnd = compiled.length();
        if (textEnd < 0) return false;
        int placeholderLines = count(template, open, end);
        boolean sameShape = count(compiled, c, textEnd) == placeholderLines;
        int k = 0;
        mark(line); // a line that starts with the placeholder's text, even an empty one
        for (; c < textEnd; c++) {
            mark(sameShape ? line + k : line);
            if (compiled.charAt(c) == '\n') {
                k++;
                compiledLine++;
            }
        }
        t = end;
        line += placeholderLines;
        return true;
    }

    /** Records {@code fileLine} for the compiled line that starts at the current position, if one does and has none yet. */
    private void mark(int fileLine) {
        if ((c == 0 || compiled.charAt(c - 1) == '\n') && out[compiledLine] == 0) out[compiledLine] = fileLine;
    }

    /** The index of the brace in {@code s} that closes the one at {@code open}, or -1. */
    static int closingBrace(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            if (s.charAt(i) == '{') depth++;
            else if (s.charAt(i) == '}' && --depth == 0) return i;
        }
        return -1;
    }

    private static int count(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) if (s.charAt(i) == '\n') n++;
        return n;
    }
}
