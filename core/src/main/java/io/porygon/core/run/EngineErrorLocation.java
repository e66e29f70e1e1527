package io.porygon.core.run;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.graph.Action;
import io.porygon.core.graph.AssertionAction;
import io.porygon.core.graph.OperationAction;
import io.porygon.core.graph.StatementLines;
import io.porygon.core.graph.TableAction;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points an error back at the project file. The engine saw the translated SQL, whose lines are not
 * the file's, so a warehouse error's line is found by looking up the name it quotes (a column, a
 * function, a table) or the expression the translation's own checks name, in the action's own SQL;
 * when that fails, the line where the SQL starts. A translation error is moved to the file line its
 * compiled line came from ({@link #relocated}).
 */
final class EngineErrorLocation {
    /** DuckDB's way of naming what it could not bind: {@code ... with name foo does not exist}. */
    private static final Pattern NAMED = Pattern.compile("with name ([\\w.]+) does not exist");
    /** Porygon's check of a result's column names (DuplicateColumnNames) lists them: the first is looked for. */
    private static final Pattern REPEATED = Pattern.compile("Found duplicate\\(s\\): ([^,;]+)");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
    /**
     * DuckDB's messages whose name is not the last one quoted: an ambiguous column (then the qualified names to use instead),
     * a column a table lacks when a column has the table's name ({@code s.nmae}: "Cannot extract field 'nmae' from expression "s""),
     * a function given arguments of other types ("No function matches the given name and argument types 'starts_with(INTEGER, ...)'"),
     * an increment's column of another type than the table's (BigQuery's words, unquoted: "cannot be assigned to amount, which ...").
     */
    private static final Pattern NAMED_FIRST = Pattern.compile("Ambiguous reference to column name \"(\\w+)\""
            + "|" + ActionExecutor.NO_FIELD.pattern() + "|No function matches the given name and argument types '(\\w+)\\("
            + "|cannot be assigned to (\\w+), which has type");
    /** The translation's own errors name the expression that raised (DuckDbExpressionDeParser.errorMessage). */
    private static final Pattern RAISED = Pattern.compile("(?:division by zero|Bad \\w+ value|must match at most one source row for each"
            + " target row|Assertion failed): (.+?)(?:\\.\\.\\.)?$");

    private EngineErrorLocation() {}

    /** As {@link #of(PlannedAction, String, String, int)} for the action's own SQL. */
    static SourceLocation of(PlannedAction p, String message) {
        return of(p, message, null, -1);
    }

    /**
     * The place of {@code statement} (a pre- or post-operation or an operation's statement, as written;
     * null for the action's own SQL) where {@code message} points: {@code knownLine} of the statement when positive
     * (a RAISE's), else the line of the name it quotes, or the statement's first line.
     */
    static SourceLocation of(PlannedAction p, String message, String statement, int knownLine) {
        Action action = p.action();
        String sql = statement != null ? statement : sourceSql(p);
        if (sql == null) return new SourceLocation(action.fileName(), action.sqlStartLine(), 0);
        StatementLines lines = Planner.statementLines(action);
        int start = statement != null ? lines.lineOf(sql, action.sqlStartLine()) : action.sqlStartLine();
        return at(action, sql, lines, start, knownLine > 0 ? knownLine : lineIn(sql, message));
    }

    /** Where an error {@code message} of a table's or view's own query points in its file, as for a run of it. */
    static SourceLocation ofQuery(TableAction table, String message) {
        String sql = table.query();
        if (sql == null) return new SourceLocation(table.fileName(), table.sqlStartLine(), 0);
        return at(table, sql, table.statementLines(), table.sqlStartLine(), lineIn(sql, message));
    }

    /** The file line of {@code line} of {@code sql} (written from {@code start}), or {@code start} when the line is not known. */
    private static SourceLocation at(Action action, String sql, StatementLines lines, int start, int line) {
        // a SQLX file holds the SQL from its start line on; a .js file's query may be built anywhere (a template
        // in an include): without its text in the file, the line of the call that declared the action
        int unmapped = action.fileName().endsWith(".sqlx") ? start + line - firstStatementLine(sql) : start;
        return new SourceLocation(action.fileName(), line > 0 ? lines.lineOf(sql, line, unmapped) : start, 0);
    }

    /**
     * A translation error of {@code sql} (written from {@code startLine} of the action's file), moved to
     * the file line it is on when a {@code ${...}} above it compiled to more or fewer lines than it takes,
     * without a column when a {@code ${...}} on its line moved it.
     */
    static PorygonException relocated(PorygonException e, Action action, String sql, int startLine) {
        SourceLocation at = e.location();
        if (at == null || at.line() <= 0 || !at.file().equals(action.fileName())) return e;
        // a built-in assertion's SQL is generated, its lines are not the file's: the line of the key that asked for it
        if (action instanceof AssertionAction a && a.parentAction() != null) return atLine(e, startLine);
        StatementLines lines = Planner.statementLines(action);
        int compiledLine = at.line() - startLine + firstStatementLine(sql);
        int line = lines.lineOf(sql, compiledLine, -1);
        // a .js file's query built elsewhere (a template in an include) is not in the file: the line of the call, as in
        // of(), not that line counted on from the call
        if (line < 0 && startLine > 0 && !action.fileName().endsWith(".sqlx")) return atLine(e, startLine);
        if (line < 0) line = at.line();
        // a column counts in the compiled text: on a line with a ${...} it is not the file's; after a block's opening
        // brace on the same line it is shifted by that
        int shift = lines.shiftOf(sql, compiledLine, line);
        int column = shift >= 0 && at.column() > 0 ? at.column() + shift : 0;
        if (line == at.line() && column == at.column()) return e;
        return new PorygonException(new SourceLocation(at.file(), line, column), e.getMessage(), e.hint(), e);
    }

    /** {@code e} placed on {@code line} of its file, without a column. */
    private static PorygonException atLine(PorygonException e, int line) {
        SourceLocation at = e.location();
        return at.line() == line && at.column() == 0 ? e : new PorygonException(new SourceLocation(at.file(), line, 0), e.getMessage(), e.hint(), e);
    }

    /** The SQL as written in the action's file, or null when it is generated (built-in assertions). */
    private static String sourceSql(PlannedAction p) {
        Action action = p.action();
        if (action instanceof TableAction t) {
            return p.step().isIncrement() ? t.incrementalSelect() : t.query();
        }
        if (action instanceof AssertionAction a) return a.parentAction() == null ? a.query() : null;
        if (action instanceof OperationAction o) return o.queries().isEmpty() ? null : o.queries().get(0);
        return null;
    }

    /**
     * The line of the script an error of its statement {@code written} (first line {@code line} of the script, 1-based)
     * is about: that of the name it quotes within the statement, else the statement's first line; -1 when unknown.
     */
    static int lineIn(String written, int line, String message) {
        if (written == null || line <= 0) return -1;
        int within = lineIn(written, message == null ? "" : message);
        return within > 0 ? line + within - 1 : line;
    }

    /** 1-based line of {@code sql} that an error message is about, or -1. */
    static int lineIn(String sql, String message) {
        int line = lineOfRepeated(sql, message);
        // before a name the text may quote: the call with the whole text is the line, not the name's first use
        if (line <= 0) line = lineOfErrorCall(sql, message);
        if (line <= 0) line = lineOf(sql, quotedName(message));
        if (line <= 0) line = lineOfUnconverted(sql, message);
        return line > 0 ? line : lineOfRaised(sql, message);
    }

    /** DuckDB's message for a string it could not cast ({@code WHERE id = 'abc'} with an INT64 id). */
    private static final Pattern UNCONVERTED = Pattern.compile("^Conversion Error: Could not convert string '(.*)' to \\w+$");

    /**
     * The line of the string literal a conversion error quotes ({@code Could not convert string 'abc' to INT32}): the first
     * line holding it in quotes; -1 when none does (the string came from a table's rows).
     */
    static int lineOfUnconverted(String sql, String message) {
        Matcher m = UNCONVERTED.matcher(message.lines().findFirst().orElse(""));
        return m.find() ? lineQuoting(sql, m.group(1), null) : -1;
    }

    /** DuckDB's message for a failed {@code ERROR(text)} call: its text after the error's kind. */
    private static final Pattern ERROR_CALL_MESSAGE = Pattern.compile("^Invalid Input Error: (.+)$");
    private static final Pattern ERROR_CALL = Pattern.compile("(?i)\\bERROR\\s*\\(");

    /**
     * The line of the {@code ERROR('...')} call whose text the message is (a check the project wrote, such as
     * {@code IF(x < 0, ERROR('negative x'), x)}): the first line holding {@code ERROR(} and the text quoted; -1 when none does.
     */
    static int lineOfErrorCall(String sql, String message) {
        Matcher m = ERROR_CALL_MESSAGE.matcher(message.lines().findFirst().orElse(""));
        return m.find() ? lineQuoting(sql, m.group(1).strip(), ERROR_CALL) : -1;
    }

    /** The first line of {@code sql} that holds {@code text} in quotes, and a match of {@code alsoOnLine} if given; -1 when none does. */
    private static int lineQuoting(String sql, String text, Pattern alsoOnLine) {
        String[] lines = sql.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean quoted = line.contains("'" + text + "'") || line.contains("\"" + text + "\"");
            if (quoted && (alsoOnLine == null || alsoOnLine.matcher(line).find())) return i + 1;
        }
        return -1;
    }

    /**
     * The line of a repeated column name's second use: the first use is fine until another column takes the name
     * ({@code SELECT 1 AS a,} then {@code 2 AS a}); the first use when there is no second (a {@code *}); -1 for another error.
     */
    private static int lineOfRepeated(String sql, String message) {
        Matcher m = REPEATED.matcher(message.lines().findFirst().orElse(""));
        if (!m.find()) return -1;
        String name = m.group(1).strip();
        int second = lineOf(sql, name, 2);
        return second > 0 ? second : lineOf(sql, name);
    }

    /**
     * The line of an error the translation raises naming the expression ({@code division by zero: x / y},
     * {@code Bad int64 value: CAST(s AS INT64)}): the first line that holds it, spaces and case aside; -1
     * when none does.
     */
    static int lineOfRaised(String sql, String message) {
        Matcher m = RAISED.matcher(message.lines().findFirst().orElse(""));
        if (!m.find()) return -1;
        String expression = squeezed(m.group(1));
        String[] lines = sql.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (squeezed(lines[i]).contains(expression)) return i + 1;
        }
        // the statement's text names tables as the warehouse does (${self()} compiled to another name): the one
        // line that starts with its keyword (ASSERT for a failed assertion)
        String keyword = message.contains("Assertion failed") ? "ASSERT" : m.group(1).strip().split("\\s+")[0];
        int found = -1;
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].strip().toUpperCase(Locale.ROOT).startsWith(keyword.toUpperCase(Locale.ROOT) + " ")) continue;
            if (found >= 0) return -1;
            found = i + 1;
        }
        return found;
    }

    /** Without spaces, case and quotes of names (the translation's text has double quotes for backticks). */
    private static String squeezed(String text) {
        return text.replaceAll("[\\s`\"]+", "").toLowerCase(Locale.ROOT);
    }

    /** The name an error message is about: DuckDB quotes it last on the first line, or says "with name X". */
    static String quotedName(String message) {
        String first = message.lines().findFirst().orElse("");
        if (first.startsWith("Parser Error")) return null; // "at or near" a keyword: its first use says nothing
        Matcher named = NAMED.matcher(first);
        if (named.find()) return named.group(1).substring(named.group(1).lastIndexOf('.') + 1);
        Matcher firstNamed = NAMED_FIRST.matcher(first);
        if (firstNamed.find()) {
            for (int g = 1; g <= firstNamed.groupCount(); g++) if (firstNamed.group(g) != null) return firstNamed.group(g);
        }
        String name = null;
        for (Matcher m = QUOTED.matcher(first); m.find(); ) name = m.group(1);
        return name;
    }

    /** 1-based line of the first use of {@code name} as a whole word outside comments and string literals, or -1. */
    static int lineOf(String sql, String name) {
        return lineOf(sql, name, 1);
    }

    /** As {@link #lineOf(String, String)}, for the {@code nth} use (1 for the first). */
    private static int lineOf(String sql, String name, int nth) {
        if (name == null || name.isEmpty()) return -1;
        int uses = 0;
        int line = 1;
        for (int i = 0; i < sql.length(); ) {
            char c = sql.charAt(i);
            int skipped = SqlText.endOfLiteralOrComment(sql, i);
            if (skipped > i) {
                line += (int) sql.substring(i, skipped).chars().filter(ch -> ch == '\n').count();
                i = skipped;
            } else if (c == '\n') {
                line++;
                i++;
            } else if (isWordChar(c)) {
                int end = i;
                while (end < sql.length() && isWordChar(sql.charAt(end))) end++;
                if (sql.substring(i, end).equalsIgnoreCase(name) && ++uses == nth) return line;
                i = end;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** 1-based line of the SQL's first non-blank line, which {@link Action#sqlStartLine()} gives in the file. */
    private static int firstStatementLine(String sql) {
        int line = 1;
        for (int i = 0; i < sql.length() && Character.isWhitespace(sql.charAt(i)); i++) {
            if (sql.charAt(i) == '\n') line++;
        }
        return line;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
