package io.porygon.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the procedural statements of a BigQuery script into a {@link ScriptProgram}: IF / ELSEIF /
 * ELSE, CASE [subject] WHEN ... [ELSE] END CASE, FOR ... IN (query) DO ... END FOR, LOOP, WHILE,
 * REPEAT, BEGIN ... [EXCEPTION WHEN ERROR THEN] ... END, BREAK (LEAVE), CONTINUE (ITERATE), RETURN
 * and RAISE. The lexer splits a script at every semicolon, so a piece may start
 * with block headers before its first statement ({@code IF c THEN SELECT 1}): they are peeled off
 * in order. Statements and conditions are translated as they are met, in the script's order, so a
 * condition reads the variables declared before it.
 */
final class ScriptBlocks {
    /** How the pieces of the script become the engine's SQL. */
    interface Translation {
        /** The engine's statements for one statement of the script. */
        List<String> statement(GoogleSqlLexer.LexedStatement statement);

        /** A query of the one value of a GoogleSQL expression written in {@code at}. */
        String value(String expression, GoogleSqlLexer.LexedStatement at);

        /** Starts a BEGIN block; the returned action ends it, and the variables it declared go out of scope. */
        Runnable block();

        /**
         * A FOR loop over the rows of {@code query} (GoogleSQL), without its body: the query is translated in the
         * scope so far, then {@code variable} is declared for the body.
         */
        ScriptProgram.For forRows(String variable, String query, GoogleSqlLexer.LexedStatement at);

        /**
         * Sets a variable the script itself cannot name to the value of {@code expression} (GoogleSQL), once,
         * and declares it for the statements after it.
         */
        ScriptProgram.Run keep(String name, String expression, GoogleSqlLexer.LexedStatement at);

        /** Starts an exception handler, where {@code @@error.message} is read; the returned action ends it. */
        Runnable handler();

        /** The statement that sets {@code @@error.message}, with {@code %s} for the message as a SQL string literal. */
        String setErrorMessage();
    }

    private enum Kind { STATEMENT, IF, ELSEIF, ELSE, END_IF, CASE, WHEN, END_CASE, FOR, END_FOR, WHILE, END_WHILE, LOOP, END_LOOP, REPEAT, UNTIL, BEGIN, EXCEPTION, END, BREAK, CONTINUE, RETURN, RAISE }

    /** A statement, or a block keyword with its condition (or RAISE's message), in the piece it was written in. */
    private record Token(Kind kind, String text, GoogleSqlLexer.LexedStatement piece) {}

    private static final Pattern EXCEPTION = Pattern.compile("(?is)EXCEPTION\\s+WHEN\\s+ERROR\\s+THEN\\b");
    private static final Pattern UNTIL = Pattern.compile("(?is)UNTIL\\b(.*)\\bEND\\s+REPEAT\\s*");
    private static final Pattern RAISE = Pattern.compile("(?is)RAISE(?:\\s+USING\\s+MESSAGE\\s*=(.*))?");
    private static final Pattern LABEL = Pattern.compile("(?i)(\\w+)\\s*:\\s*(?:LOOP|WHILE|REPEAT|BEGIN|FOR)\\b");
    private static final Set<String> UNSUPPORTED = Set.of("CALL", "EXECUTE");
    /** FOR name IN (query); a quoted name (the lexer made BigQuery's backticks double quotes) may touch the IN. */
    private static final Pattern FOR_IN = Pattern.compile("(?is)\\s*(\\w+(?=\\s)|\"(?:[^\"]|\"\")+\")\\s*IN\\s*\\((.*)\\)\\s*");

    private final List<Token> tokens = new ArrayList<>();
    private final Translation translation;
    private int next;
    private int loops;
    private int handlers;
    private int cases;
    private GoogleSqlLexer.LexedStatement current;

    private ScriptBlocks(Translation translation) {
        this.translation = translation;
    }

    /** Whether the script has procedural statements (BEGIN TRANSACTION is not one). */
    static boolean isProcedural(List<GoogleSqlLexer.LexedStatement> statements) {
        return statements.stream().anyMatch(ScriptStatement::isControlFlow);
    }

    /**
     * The program of {@code statements}. An {@link Untranslatable} is thrown from within a piece, which
     * {@code onError} receives to locate the error.
     */
    static List<ScriptProgram> read(List<GoogleSqlLexer.LexedStatement> statements, Translation translation,
                                    BiFunction<Untranslatable, GoogleSqlLexer.LexedStatement, RuntimeException> onError) {
        ScriptBlocks blocks = new ScriptBlocks(translation);
        try {
            for (GoogleSqlLexer.LexedStatement s : statements) {
                blocks.current = s;
                blocks.tokenize(s);
            }
            List<ScriptProgram> program = blocks.body(Set.of());
            if (blocks.next < blocks.tokens.size()) throw blocks.unexpected(blocks.tokens.get(blocks.next));
            return program;
        } catch (Untranslatable e) {
            throw onError.apply(e, blocks.current);
        }
    }

    // ---- pieces to tokens ----

    private void tokenize(GoogleSqlLexer.LexedStatement piece) {
        String text = piece.text();
        int line = piece.line();
        while (true) {
            int start = 0;
            while (start < text.length() && Character.isWhitespace(text.charAt(start))) start++;
            line += LexedText.lineBreaks(text, start);
            text = text.substring(start);
            if (text.isEmpty()) return;
            GoogleSqlLexer.LexedStatement here = new GoogleSqlLexer.LexedStatement(text, line);
            String word = here.firstWord();
            if (word.equals("BEGIN") && !ScriptStatement.isControlFlow(here)) word = ""; // BEGIN [TRANSACTION]: a statement, no block
            String rest = text.substring(word.length());
            int after;
            switch (word) {
                case "IF", "ELSEIF" -> {
                    int then = keyword(rest, "THEN");
                    if (then < 0) throw new Untranslatable(word + " without THEN", "write " + word + " condition THEN statements", word);
                    add(Kind.valueOf(word), rest.substring(0, then), here);
                    after = word.length() + then + "THEN".length();
                }
                case "CASE" -> {
                    // CASE [subject] WHEN ...: the subject, if any, runs up to the first WHEN
                    int when = keyword(rest, "WHEN");
                    if (when < 0) throw new Untranslatable("CASE without WHEN", "write CASE WHEN condition THEN statements ... END CASE", word);
                    add(Kind.CASE, rest.substring(0, when), here);
                    after = word.length() + when;
                }
                case "WHEN" -> {
                    int then = keyword(rest, "THEN");
                    if (then < 0) throw new Untranslatable("WHEN without THEN", "write WHEN condition THEN statements", word);
                    add(Kind.WHEN, rest.substring(0, then), here);
                    after = word.length() + then + "THEN".length();
                }
                case "FOR" -> {
                    int doAt = keyword(rest, "DO");
                    if (doAt < 0) throw new Untranslatable("FOR without DO", "write FOR name IN (query) DO statements END FOR", word);
                    if (!FOR_IN.matcher(rest.substring(0, doAt)).matches()) {
                        throw new Untranslatable("FOR must be FOR name IN (query) DO", "write FOR name IN (query) DO statements END FOR", word);
                    }
                    add(Kind.FOR, rest.substring(0, doAt), here);
                    after = word.length() + doAt + "DO".length();
                }
                case "WHILE" -> {
                    int doAt = keyword(rest, "DO");
                    if (doAt < 0) throw new Untranslatable("WHILE without DO", "write WHILE condition DO statements END WHILE", word);
                    add(Kind.WHILE, rest.substring(0, doAt), here);
                    after = word.length() + doAt + "DO".length();
                }
                case "ELSE", "LOOP", "REPEAT", "BEGIN" -> {
                    add(Kind.valueOf(word), null, here);
                    after = word.length();
                }
                case "EXCEPTION" -> {
                    Matcher m = EXCEPTION.matcher(text);
                    if (!m.lookingAt()) throw new Untranslatable("EXCEPTION without WHEN ERROR THEN", "write EXCEPTION WHEN ERROR THEN statements END", word);
                    add(Kind.EXCEPTION, null, here);
                    after = m.end();
                }
                case "UNTIL" -> {
                    Matcher m = UNTIL.matcher(text);
                    if (!m.matches()) throw new Untranslatable("UNTIL without END REPEAT", "write REPEAT statements UNTIL condition END REPEAT", word);
                    add(Kind.UNTIL, m.group(1), here);
                    after = text.length();
                }
                case "END" -> {
                    String[] words = text.trim().split("\\s+");
                    String what = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
                    if (words.length > 2 && Set.of("WHILE", "LOOP", "REPEAT", "FOR").contains(what)) {
                        throw new Untranslatable("END " + what + " with a label is not run", "leave out the labels: BREAK and CONTINUE act on the innermost loop", "END");
                    }
                    if (words.length > 2 || !Set.of("", "IF", "CASE", "FOR", "WHILE", "LOOP", "REPEAT").contains(what)) {
                        throw new Untranslatable("END " + what + " is not a block Porygon runs",
                                "end a block with END IF, END CASE, END FOR, END WHILE, END LOOP, END REPEAT or END", "END");
                    }
                    add(what.isEmpty() ? Kind.END : Kind.valueOf("END_" + what), null, here);
                    after = text.length();
                }
                case "BREAK", "LEAVE", "CONTINUE", "ITERATE", "RETURN" -> {
                    if (!rest.isBlank()) {
                        throw new Untranslatable(word + " with a label is not run", "leave out the label: " + word + " acts on the innermost loop", word);
                    }
                    add(word.equals("LEAVE") ? Kind.BREAK : word.equals("ITERATE") ? Kind.CONTINUE : Kind.valueOf(word), null, here);
                    after = text.length();
                }
                case "RAISE" -> {
                    Matcher m = RAISE.matcher(text.trim());
                    if (!m.matches()) throw new Untranslatable("RAISE must be RAISE or RAISE USING MESSAGE = expression", "write RAISE USING MESSAGE = 'text'", word);
                    add(Kind.RAISE, m.group(1), here);
                    after = text.length();
                }
                default -> {
                    if (UNSUPPORTED.contains(word)) throw unsupported(word);
                    Matcher label = LABEL.matcher(text);
                    if (label.lookingAt()) {
                        throw new Untranslatable("the label " + label.group(1) + ": is not run",
                                "leave out the labels: BREAK and CONTINUE act on the innermost loop", word);
                    }
                    add(Kind.STATEMENT, null, here);
                    after = text.length();
                }
            }
            line += LexedText.lineBreaks(text, after);
            text = text.substring(after);
        }
    }

    /** The error for a procedural statement where no program runs (a table's or view's SQL). */
    static Untranslatable outsideOperation(String word) {
        if (UNSUPPORTED.contains(word)) return unsupported(word);
        return new Untranslatable("BigQuery scripting statement " + word + " runs only in an operations action",
                "write the logic as SQL expressions (IF(), CASE), or move the script into an operations action");
    }

    private static Untranslatable unsupported(String word) {
        return new Untranslatable("BigQuery scripting statement " + word + " is not translated to DuckDB",
                "Porygon runs IF, LOOP, WHILE, REPEAT, BEGIN ... EXCEPTION ... END, BREAK, CONTINUE, RETURN and RAISE in operations;"
                        + " write the rest as separate statements or actions");
    }

    private void add(Kind kind, String text, GoogleSqlLexer.LexedStatement piece) {
        tokens.add(new Token(kind, text == null ? null : text.trim(), piece));
    }

    /** The index of {@code word} in {@code text} outside quotes, parentheses and CASE ... END, or -1. */
    private static int keyword(String text, String word) {
        boolean[] quoted = LexedText.quotedIndexes(text);
        int[] depths = LexedText.depths(text);
        int cases = 0;
        for (int i = 0; i < text.length(); i++) {
            if (quoted[i] || depths[i] > 0 || !LexedText.isWordChar(text.charAt(i)) || (i > 0 && LexedText.isWordChar(text.charAt(i - 1)))) continue;
            int end = i;
            while (end < text.length() && LexedText.isWordChar(text.charAt(end))) end++;
            String w = text.substring(i, end).toUpperCase(Locale.ROOT);
            if (w.equals("CASE")) cases++;
            else if (w.equals("END") && cases > 0) cases--;
            else if (w.equals(word) && cases == 0) return i;
        }
        return -1;
    }

    // ---- tokens to the program ----

    /** Statements up to (not including) a token of one of the {@code ends}, or the end of the script. */
    private List<ScriptProgram> body(Set<Kind> ends) {
        List<ScriptProgram> out = new ArrayList<>();
        while (next < tokens.size() && !ends.contains(tokens.get(next).kind())) {
            Token t = take();
            switch (t.kind()) {
                case STATEMENT -> out.add(new ScriptProgram.Run(translation.statement(t.piece()), t.piece().text(), t.piece().line()));
                case IF -> out.add(ifBlock(t));
                case CASE -> out.addAll(caseBlock(t));
                case WHILE -> {
                    String condition = condition(t);
                    out.add(new ScriptProgram.While(condition, loopBody(Set.of(Kind.END_WHILE))));
                    expect(Kind.END_WHILE, "END WHILE", t);
                }
                case FOR -> {
                    // the variable is the loop's: gone after END FOR, as a block's variables are after END
                    Runnable endOfLoop = translation.block();
                    Matcher m = FOR_IN.matcher(t.text());
                    if (!m.matches()) throw new IllegalStateException("FOR token without its parts: " + t.text());
                    ScriptProgram.For loop = translation.forRows(m.group(1), m.group(2), t.piece());
                    List<ScriptProgram> body = loopBody(Set.of(Kind.END_FOR));
                    expect(Kind.END_FOR, "END FOR", t);
                    endOfLoop.run();
                    out.add(loop.withBody(body));
                }
                case LOOP -> {
                    out.add(new ScriptProgram.Loop(loopBody(Set.of(Kind.END_LOOP))));
                    expect(Kind.END_LOOP, "END LOOP", t);
                }
                case REPEAT -> {
                    List<ScriptProgram> body = loopBody(Set.of(Kind.UNTIL));
                    out.add(new ScriptProgram.Repeat(body, condition(expect(Kind.UNTIL, "UNTIL condition END REPEAT", t))));
                }
                case BEGIN -> {
                    Runnable endOfBlock = translation.block();
                    List<ScriptProgram> body = body(Set.of(Kind.EXCEPTION, Kind.END));
                    List<ScriptProgram> handler = null;
                    if (next < tokens.size() && tokens.get(next).kind() == Kind.EXCEPTION) {
                        take();
                        handlers++;
                        Runnable endOfHandler = translation.handler();
                        handler = body(Set.of(Kind.END));
                        endOfHandler.run();
                        handlers--;
                    }
                    expect(Kind.END, "END", t);
                    endOfBlock.run();
                    out.add(new ScriptProgram.Block(body, handler, handler == null ? null : translation.setErrorMessage()));
                }
                case BREAK, CONTINUE -> {
                    if (loops == 0) throw new Untranslatable(t.kind() + " outside a loop", "use it inside LOOP, WHILE, REPEAT or FOR", t.kind().name());
                    out.add(ScriptProgram.Jump.valueOf(t.kind().name()));
                }
                case RETURN -> out.add(ScriptProgram.Jump.RETURN);
                case RAISE -> {
                    if (t.text() == null && handlers == 0) {
                        throw new Untranslatable("RAISE without USING MESSAGE outside an exception handler",
                                "it raises again the error a handler caught; elsewhere write RAISE USING MESSAGE = 'text'", "RAISE");
                    }
                    out.add(new ScriptProgram.Raise(t.text() == null ? null : translation.value(t.text(), t.piece()), t.piece().line()));
                }
                default -> throw unexpected(t);
            }
        }
        return out;
    }

    private ScriptProgram.If ifBlock(Token first) {
        return branches(first, first, Kind.ELSEIF, Kind.END_IF, "END IF", this::condition);
    }

    /**
     * The CASE statement as the IF it amounts to: the first WHEN whose condition is TRUE runs, else the ELSE.
     * With a subject ({@code CASE x WHEN 1 THEN ...}) a WHEN's condition is {@code x = value}, where x is
     * computed once, before the first WHEN, as in BigQuery.
     */
    private List<ScriptProgram> caseBlock(Token first) {
        Token when = expect(Kind.WHEN, "WHEN condition THEN statements", first);
        if (first.text().isEmpty()) return List.of(branches(first, when, Kind.WHEN, Kind.END_CASE, "END CASE", this::condition));
        Runnable endOfCase = translation.block(); // the subject's variable is the CASE's own
        String subject = "porygon_case_" + (++cases);
        ScriptProgram.Run keep = translation.keep(subject, first.text(), first.piece());
        ScriptProgram.If ifBlock = branches(first, when, Kind.WHEN, Kind.END_CASE, "END CASE", t -> condition(t, subject + " = (" + t.text() + ")"));
        endOfCase.run();
        return List.of(keep, ifBlock);
    }

    /** The branches of an IF or CASE from its first one ({@code branch}: IF or WHEN), up to its end, with an ELSE or not. */
    private ScriptProgram.If branches(Token opener, Token branch, Kind next, Kind end, String written, Function<Token, String> condition) {
        Set<Kind> ends = Set.of(next, Kind.ELSE, end);
        List<ScriptProgram.Branch> branches = new ArrayList<>();
        while (true) {
            branches.add(new ScriptProgram.Branch(condition.apply(branch), body(ends)));
            branch = expect(ends, written, opener);
            if (branch.kind() == end) return new ScriptProgram.If(branches, List.of());
            if (branch.kind() == Kind.ELSE) {
                List<ScriptProgram> otherwise = body(Set.of(end));
                expect(end, written, opener);
                return new ScriptProgram.If(branches, otherwise);
            }
        }
    }

    private List<ScriptProgram> loopBody(Set<Kind> ends) {
        loops++;
        try {
            return body(ends);
        } finally {
            loops--;
        }
    }

    /** The condition of a token just taken (so errors are located at its piece). */
    private String condition(Token t) {
        return condition(t, t.text());
    }

    /** The condition {@code written} for a token just taken, which must have a condition of its own. */
    private String condition(Token t, String written) {
        if (t.text() == null || t.text().isEmpty()) throw new Untranslatable(t.kind() + " without a condition", "write the condition after " + t.kind(), t.kind().name());
        return translation.value(written, t.piece());
    }

    private Token take() {
        Token t = tokens.get(next++);
        current = t.piece();
        return t;
    }

    private Token expect(Kind kind, String written, Token opener) {
        return expect(Set.of(kind), written, opener);
    }

    /** The next token, which must be one of {@code kinds}; at the end of the script, the error is at the block's {@code opener}. */
    private Token expect(Set<Kind> kinds, String written, Token opener) {
        if (next >= tokens.size()) {
            current = opener.piece();
            throw new Untranslatable("the " + opener.kind() + " block is not closed: " + written + " is missing",
                    "close every block: END IF, END CASE, END FOR, END WHILE, END LOOP, END REPEAT, END", opener.kind().name());
        }
        Token t = take();
        if (!kinds.contains(t.kind())) throw unexpected(t);
        return t;
    }

    private Untranslatable unexpected(Token t) {
        current = t.piece();
        String word = t.kind().name().replace('_', ' ');
        return new Untranslatable(word + " does not close or continue the block it is in", "check the nesting of IF, CASE, FOR, LOOP, WHILE, REPEAT and BEGIN blocks",
                t.kind().name().split("_")[0]);
    }
}
