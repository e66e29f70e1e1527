package io.porygon.core.compile.sqlx;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a SQLX file into its blocks the way Dataform's lexer does: {@code config { }} and
 * {@code js { }} are JavaScript; {@code pre_operations}, {@code post_operations},
 * {@code incremental_where} and {@code input "x"} blocks and the rest of the file are SQL, where
 * {@code ${...}} is a JavaScript placeholder and comments and string literals may hold braces,
 * backticks or {@code ${} without closing anything. SQL comes out escaped as template-literal bodies.
 */
public final class SqlxParser {
    /** An empty placeholder whose comment holds the newlines of a block cut out of the SQL. */
    public static final String LINE_KEEPER_START = "${/*";
    public static final String LINE_KEEPER_END = "*/''}";
    private static final Pattern INPUT = Pattern.compile("input \"[a-zA-Z0-9_-]+\"(?:,\\s*\"[a-zA-Z0-9_-]+\")* \\{");

    private final String file;
    private final String src;
    private final int[] lineStarts;
    private int pos;

    private SqlxParser(String file, String src) {
        this.file = file;
        this.src = src;
        this.lineStarts = lineStarts(src);
    }

    public static SqlxFile parse(String file, String src) {
        return new SqlxParser(file, src).parseFile();
    }

    private SqlxFile parseFile() {
        Fragment config = null;
        List<Fragment> js = new ArrayList<>();
        List<Fragment> pre = new ArrayList<>();
        List<Fragment> post = new ArrayList<>();
        Fragment incrementalWhere = null;
        List<SqlxFile.Input> inputs = new ArrayList<>();
        Statements sql = new Statements();
        while (pos < src.length()) {
            if (src.startsWith("config {", pos)) {
                int open = pos + 7;
                pos = skipJsBlock(open, "config");
                config = fragment(src.substring(open, pos), open);
            } else if (src.startsWith("js {", pos)) {
                int open = pos + 3;
                pos = skipJsBlock(open, "js");
                js.add(fragment(src.substring(open + 1, pos - 1), open + 1));
            } else if (src.startsWith("pre_operations {", pos)) {
                pre.addAll(innerSqlBlock(pos, "pre_operations".length() + 2));
            } else if (src.startsWith("post_operations {", pos)) {
                post.addAll(innerSqlBlock(pos, "post_operations".length() + 2));
            } else if (src.startsWith("incremental_where {", pos)) {
                int start = pos;
                List<Fragment> where = innerSqlBlock(pos, "incremental_where".length() + 2);
                if (where.size() > 1) throw error(start, "'incremental_where' code blocks may only contain a single SQL statement", "remove the --- separator");
                incrementalWhere = where.get(0);
            } else if (src.startsWith("input \"", pos) && lookingAt(INPUT)) {
                int start = pos;
                Matcher m = INPUT.matcher(src).region(pos, src.length());
                m.lookingAt();
                String head = m.group();
                List<String> names = new ArrayList<>();
                for (String part : head.substring(head.indexOf('"'), head.lastIndexOf('"') + 1).split(",")) {
                    String t = part.trim();
                    names.add(t.substring(1, t.length() - 1));
                }
                List<Fragment> body = innerSqlBlock(pos, head.length());
                if (body.size() > 1) throw error(start, "'input' code blocks may only contain a single SQL statement", "remove the --- separator");
                inputs.add(new SqlxFile.Input(List.copyOf(names), body.get(0)));
            } else if (!sqlToken(sql)) {
                break;
            }
        }
        return new SqlxFile(config, List.copyOf(js), sql.finish(), List.copyOf(pre), List.copyOf(post), incrementalWhere, List.copyOf(inputs));
    }

    /** Parses {@code keyword { sql }} starting at {@code start}; {@code headLength} covers "keyword {". */
    private List<Fragment> innerSqlBlock(int start, int headLength) {
        pos = start + headLength;
        Statements sql = new Statements();
        while (true) {
            if (pos >= src.length()) {
                String keyword = src.substring(start, start + headLength - 2);
                throw error(start, "unterminated " + keyword + " { block", "add the closing } of the block opened here");
            }
            if (src.charAt(pos) == '}') {
                pos++;
                return sql.finish();
            }
            sqlToken(sql);
        }
    }

    /** Consumes one SQL token at pos into {@code sql}; false at end of input. */
    private boolean sqlToken(Statements sql) {
        if (pos >= src.length()) return false;
        char c = src.charAt(pos);
        int separatorEnd = (c == '-' || c == ' ' || c == '\t') ? separatorEnd(pos) : -1;
        if (separatorEnd >= 0) {
            pos = separatorEnd;
            sql.next(pos);
        } else if (src.startsWith("--", pos)) {
            int end = endOfLine(pos);
            sql.append(pos, end, escapeComment(src.substring(pos, end)));
            pos = end;
        } else if (src.startsWith("/*", pos) && src.indexOf("*/", pos + 2) >= 0) {
            int end = src.indexOf("*/", pos + 2) + 2;
            sql.append(pos, end, escapeComment(src.substring(pos, end)));
            pos = end;
        } else if (src.startsWith("${", pos)) {
            int start = pos;
            pos = skipJsBlock(pos + 1, "${");
            sql.append(start, pos, placeholder(start, pos));
        } else if (src.startsWith("'''", pos) || src.startsWith("\"\"\"", pos)) {
            quoted(sql, src.substring(pos, pos + 3));
        } else if (c == '\'' || c == '"') {
            quoted(sql, String.valueOf(c));
        } else {
            sql.append(pos, pos + 1, c == '\\' || c == '`' ? escapeLiteral(String.valueOf(c)) : String.valueOf(c));
            pos++;
        }
        return true;
    }

    /** A SQL string literal: backslashes and backticks escaped, ${} placeholders kept. */
    private void quoted(Statements sql, String quote) {
        int start = pos;
        StringBuilder out = new StringBuilder(escapeLiteral(quote));
        pos += quote.length();
        while (pos < src.length()) {
            if (src.startsWith("\\\\", pos) || (quote.length() == 1 && src.startsWith("\\" + quote, pos))) {
                out.append(escapeLiteral(src.substring(pos, pos + 2)));
                pos += 2;
            } else if (src.startsWith("${", pos)) {
                int s = pos;
                pos = skipJsBlock(pos + 1, "${");
                out.append(placeholder(s, pos));
            } else if (src.startsWith(quote, pos)) {
                out.append(escapeLiteral(quote));
                pos += quote.length();
                break;
            } else {
                out.append(escapeLiteral(String.valueOf(src.charAt(pos))));
                pos++;
            }
        }
        sql.append(start, pos, out.toString());
    }

    /**
     * A {@code ${expr}} placeholder spanning [start, end), prefixed with a call that tells the session
     * where it is: the engine only tracks lines per statement, and the whole SQL is one statement.
     */
    private String placeholder(int start, int end) {
        return "${__porygonAt(" + lineOf(start) + ", " + columnOf(start) + "), " + src.substring(start + 2, end - 1) + "}";
    }

    /**
     * Skips a JavaScript block whose '{' is at {@code open}; returns the position after its '}'.
     * Strings, comments and template literals (with nested placeholders) may contain braces.
     */
    private int skipJsBlock(int open, String what) {
        int p = open + 1;
        int depth = 1;
        int n = src.length();
        while (p < n) {
            char c = src.charAt(p);
            if (c == '/' && p + 1 < n && src.charAt(p + 1) == '/') {
                p = endOfLine(p);
            } else if (c == '/' && p + 1 < n && src.charAt(p + 1) == '*') {
                int end = src.indexOf("*/", p + 2);
                p = end < 0 ? n : end + 2;
            } else if (c == '\'' || c == '"') {
                p = skipJsString(p, c);
            } else if (c == '`') {
                p = skipTemplate(p, what, open);
            } else if (c == '{') {
                depth++;
                p++;
            } else if (c == '}') {
                depth--;
                p++;
                if (depth == 0) return p;
            } else {
                p++;
            }
        }
        throw error(open, "unterminated " + (what.equals("${") ? "${ placeholder" : what + " { block"),
                "add the closing } of the block opened here");
    }

    private int skipJsString(int p, char quote) {
        int n = src.length();
        p++;
        while (p < n) {
            char c = src.charAt(p);
            if (c == '\\') p += 2;
            else if (c == quote || c == '\n') return p + 1;
            else p++;
        }
        return n;
    }

    private int skipTemplate(int p, String what, int open) {
        int n = src.length();
        p++;
        while (p < n) {
            char c = src.charAt(p);
            if (c == '\\') p += 2;
            else if (c == '`') return p + 1;
            else if (c == '$' && p + 1 < n && src.charAt(p + 1) == '{') p = skipJsBlock(p + 1, "${");
            else p++;
        }
        throw error(open, "unterminated template literal in " + what + " block", "close the ` string");
    }

    /** The end of a "---" statement separator (alone on the rest of its line) at p, or -1. */
    private int separatorEnd(int p) {
        int n = src.length();
        while (p < n && (src.charAt(p) == ' ' || src.charAt(p) == '\t')) p++;
        if (!src.startsWith("---", p)) return -1;
        p += 3;
        while (p < n && (src.charAt(p) == ' ' || src.charAt(p) == '\t')) p++;
        return p == n || src.charAt(p) == '\n' || src.charAt(p) == '\r' ? p : -1;
    }

    private int endOfLine(int p) {
        int nl = src.indexOf('\n', p);
        if (nl < 0) return src.length();
        return nl > p && src.charAt(nl - 1) == '\r' ? nl - 1 : nl;
    }

    private boolean lookingAt(Pattern p) {
        return p.matcher(src).region(pos, src.length()).lookingAt();
    }

    private static int newlines(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == '\n') n++;
        return n;
    }

    private static String escapeLiteral(String s) {
        return s.replace("\\", "\\\\").replace("`", "\\`");
    }

    private static String escapeComment(String s) {
        return s.replace("`", "\\`").replace("${", "\\${");
    }

    private Fragment fragment(String text, int offset) {
        return new Fragment(text, lineOf(offset), columnOf(offset));
    }

    private PorygonException error(int offset, String message, String hint) {
        return new PorygonException(new SourceLocation(file, lineOf(offset), columnOf(offset)), message, hint);
    }

    int lineOf(int offset) {
        int lo = 0, hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) lo = mid;
            else hi = mid - 1;
        }
        return lo + 1;
    }

    int columnOf(int offset) {
        return offset - lineStarts[lineOf(offset) - 1] + 1;
    }

    private static int[] lineStarts(String s) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == '\n') starts.add(i + 1);
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Statements being collected; a separator starts the next one. */
    private final class Statements {
        private final List<Fragment> done = new ArrayList<>();
        private StringBuilder current = new StringBuilder();
        private int start = -1;
        private int nextStart = pos;
        private int lines;
        private int lastEnd = -1;

        void append(int offset, int end, String text) {
            if (start < 0) start = offset;
            if (offset != lastEnd) {
                // Blocks cut out of the SQL shift later lines; an empty placeholder holding newlines in a
                // comment realigns the generated JavaScript with the file without changing the SQL.
                int behind = lineOf(offset) - (lineOf(start) + lines);
                if (behind > 0) current.append(LINE_KEEPER_START).append("\n".repeat(behind)).append(LINE_KEEPER_END);
                lines += Math.max(behind, 0);
            }
            current.append(text);
            lines += newlines(text);
            lastEnd = end;
        }

        void next(int offset) {
            done.add(fragment(current.toString(), start < 0 ? nextStart : start));
            current = new StringBuilder();
            start = -1;
            lines = 0;
            nextStart = offset;
        }

        List<Fragment> finish() {
            done.add(fragment(current.toString(), start < 0 ? Math.min(nextStart, src.length()) : start));
            return List.copyOf(done);
        }
    }
}
