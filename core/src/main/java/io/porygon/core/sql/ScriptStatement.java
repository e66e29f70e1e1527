package io.porygon.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BigQuery's variable statements, read from the lexer's normalized text (JSqlParser parses neither
 * BigQuery's DECLARE nor its multi-variable SET): {@code DECLARE x[, y] [type] [DEFAULT expr]} and
 * {@code SET x = expr} or {@code SET (x, y) = (expr, expr)}.
 */
sealed interface ScriptStatement {

    /**
     * @param type the GoogleSQL type as written, or null (then the variables take the DEFAULT's type)
     * @param defaultExpression the DEFAULT expression as written, or null (then they start NULL)
     */
    record Declare(List<String> names, String type, String defaultExpression) implements ScriptStatement {}

    /** {@code names.get(i)} is set to {@code expressions.get(i)}. */
    record Assign(List<String> names, List<String> expressions) implements ScriptStatement {}

    /** Statements of BigQuery's procedural language (no SQL statement starts with one of these words), which DuckDB has not. */
    List<String> CONTROL_FLOW = List.of("IF", "LOOP", "WHILE", "REPEAT", "FOR", "BREAK", "LEAVE", "CONTINUE", "ITERATE",
            "RETURN", "RAISE", "CALL", "END", "EXCEPTION", "CASE");

    Pattern TRANSACTION = Pattern.compile("(?is)(BEGIN|COMMIT|ROLLBACK)(?:\\s+TRANSACTION)?");

    static boolean isDeclare(GoogleSqlLexer.LexedStatement statement) {
        return statement.firstWord().equals("DECLARE");
    }

    static boolean isAssignment(GoogleSqlLexer.LexedStatement statement) {
        return statement.firstWord().equals("SET");
    }

    /** IF, LOOP, a BEGIN ... END block and the like, which cannot be translated; BEGIN TRANSACTION is not one. */
    static boolean isControlFlow(GoogleSqlLexer.LexedStatement statement) {
        String first = statement.firstWord();
        if (first.equals("BEGIN")) {
            Reader r = new Reader(statement.text());
            r.word();
            String next = r.word().toUpperCase(Locale.ROOT);
            return !(next.equals("TRANSACTION") || next.isEmpty());
        }
        return CONTROL_FLOW.contains(first);
    }

    /**
     * DuckDB's statement for a transaction statement ({@code BEGIN [TRANSACTION]}, {@code COMMIT [TRANSACTION]},
     * {@code ROLLBACK [TRANSACTION]}), else null.
     */
    static String transaction(String text) {
        Matcher m = TRANSACTION.matcher(text.strip());
        if (!m.matches()) return null;
        return switch (m.group(1).toUpperCase(Locale.ROOT)) {
            case "BEGIN" -> "BEGIN TRANSACTION";
            case "COMMIT" -> "COMMIT";
            default -> "ROLLBACK";
        };
    }

    static Declare parseDeclare(String text) {
        Reader r = new Reader(text);
        r.word(); // DECLARE
        List<String> names = r.names();
        if (names.isEmpty()) throw new Untranslatable("DECLARE without a variable name", "write DECLARE name TYPE [DEFAULT expression]");
        String rest = r.rest().trim();
        int at = TopLevel.word(rest, "DEFAULT", "(<", ")>");
        String type = (at < 0 ? rest : rest.substring(0, at)).trim();
        String defaultExpression = at < 0 ? null : rest.substring(at + "DEFAULT".length()).trim();
        if (type.isEmpty()) type = null;
        if (defaultExpression != null && defaultExpression.isEmpty()) {
            throw new Untranslatable("DECLARE " + String.join(", ", names) + " DEFAULT has no expression", "write DEFAULT expression");
        }
        if (type == null && defaultExpression == null) {
            throw new Untranslatable("DECLARE " + String.join(", ", names) + " has neither a type nor a DEFAULT",
                    "write DECLARE name TYPE, or DECLARE name DEFAULT expression");
        }
        return new Declare(List.copyOf(names), type, defaultExpression);
    }

    static Assign parseAssign(String text) {
        Reader r = new Reader(text);
        r.word(); // SET
        r.skipSpace();
        if (r.peek() == '@') {
            throw new Untranslatable("SET of a system variable (" + r.rest().trim().split("\\s*=", 2)[0] + ")",
                    "system variables (@@...) have no DuckDB counterpart; leave the statement out");
        }
        boolean tuple = r.peek() == '(';
        if (tuple) r.next();
        List<String> names = r.names();
        if (tuple && !r.take(')')) throw new Untranslatable("SET (...) with a malformed list of variables", "write SET (x, y) = (expr, expr)");
        if (names.isEmpty() || !r.take('=')) throw new Untranslatable("SET without a variable and '='", "write SET name = expression");
        String value = r.rest().trim();
        if (value.isEmpty()) throw new Untranslatable("SET " + String.join(", ", names) + " = has no expression", "write SET name = expression");
        if (!tuple) {
            if (names.size() != 1) throw new Untranslatable("SET of several variables without parentheses", "write SET (x, y) = (expr, expr)");
            return new Assign(List.copyOf(names), List.of(value));
        }
        boolean parenthesized = value.startsWith("(") && TopLevel.closing(value, 0) == value.length() - 1;
        String inner = parenthesized ? value.substring(1, value.length() - 1).trim() : value;
        String first = new Reader(inner).word().toUpperCase(Locale.ROOT);
        boolean query = first.equals("SELECT") || first.equals("WITH");
        List<String> values = parenthesized && !query ? TopLevel.split(inner, "([", ")]") : List.of(value);
        if (values.size() == 1 && names.size() > 1) {
            throw new Untranslatable("SET (" + String.join(", ", names) + ") = (SELECT AS STRUCT ...) is not translated to DuckDB",
                    "set each variable on its own: SET x = (SELECT ...)");
        }
        if (values.size() != names.size()) {
            throw new Untranslatable("SET (" + String.join(", ", names) + ") has " + values.size() + " value(s) for "
                    + names.size() + " variable(s)", "give one expression per variable");
        }
        return new Assign(List.copyOf(names), values.stream().map(String::trim).toList());
    }

    /** A cursor over normalized GoogleSQL text: strings are '...' and quoted identifiers "...". */
    final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        char peek() {
            return pos < text.length() ? text.charAt(pos) : 0;
        }

        void next() {
            pos++;
        }

        void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
        }

        boolean take(char c) {
            skipSpace();
            if (peek() != c) return false;
            pos++;
            return true;
        }

        /** The next plain word, or "" when none follows. */
        String word() {
            skipSpace();
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) pos++;
            return text.substring(start, pos);
        }

        /** The next identifier, plain or "quoted", or "" when none follows. */
        String identifier() {
            skipSpace();
            if (peek() != '"') return word();
            int start = pos++;
            while (pos < text.length()) {
                if (text.charAt(pos) == '"') {
                    if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                        pos += 2;
                        continue;
                    }
                    pos++;
                    return text.substring(start, pos);
                }
                pos++;
            }
            throw new Untranslatable("unterminated quoted name", "close the name with a backtick");
        }

        /** A comma-separated list of identifiers. */
        List<String> names() {
            List<String> names = new ArrayList<>();
            while (true) {
                String name = identifier();
                if (name.isEmpty()) return names;
                names.add(name);
                if (!take(',')) return names;
            }
        }

        String rest() {
            return text.substring(pos);
        }
    }
}
