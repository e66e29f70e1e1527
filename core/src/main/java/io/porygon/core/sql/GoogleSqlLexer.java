package io.porygon.core.sql;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single pass over GoogleSQL text that splits a script into statements and rewrites, token by
 * token, the lexical forms JSqlParser does not know into equivalent standard ones: every string
 * literal form (double-quoted, raw, triple-quoted, bytes, backslash escapes) becomes a plain
 * {@code '...'} literal, backticked paths become double-quoted identifiers, comments are dropped
 * (newlines kept, so parser line numbers stay true), trailing commas before {@code FROM} or a
 * closing parenthesis are removed, {@code MERGE t} gains its optional {@code INTO}, and the
 * constructor functions {@code DATE(..)}, {@code TIME(..)}, {@code DATETIME(..)} get internal names
 * because JSqlParser treats those words as type keywords.
 */
final class GoogleSqlLexer {

    /** One statement of a script: its normalized text and the 1-based source line it starts on. */
    record LexedStatement(String text, int line) {
        /** The first word, upper-cased, e.g. {@code SELECT}, {@code CREATE}. */
        String firstWord() {
            int i = 0;
            while (i < text.length() && !Character.isLetter(text.charAt(i))) i++;
            int j = i;
            while (j < text.length() && Character.isLetterOrDigit(text.charAt(j))) j++;
            return text.substring(i, j).toUpperCase(Locale.ROOT);
        }
    }

    /** Internal names of the constructor functions that JSqlParser reads as type keywords. */
    static final String DATE_FN = "PORYGON_BQ_DATE";
    static final String TIME_FN = "PORYGON_BQ_TIME";
    static final String DATETIME_FN = "PORYGON_BQ_DATETIME";
    /** The positional row a typed struct constructor, {@code STRUCT<a INT64>(1)}, is cast from. */
    static final String ROW_FN = "PORYGON_ROW";

    /** An interval literal with a range of parts, {@code INTERVAL '1-2 3' YEAR TO DAY}, read into its fields: months, days, microseconds. */
    static final String INTERVAL_FN = "PORYGON_INTERVAL";

    /** The fields of a struct read after an index, {@code items[OFFSET(0)].*}, as select-list columns. */
    static final String STRUCT_STAR_FN = "PORYGON_STRUCT_STAR";

    /** A word of the lexed text as the source wrote it, for messages: the internal names above read back. */
    static String asWritten(String word) {
        if (word.equals(STRUCT_STAR_FN)) return "[...].*";
        if (word.equals(INTERVAL_FN)) return "INTERVAL";
        if (word.equals(ROW_FN)) return "STRUCT<...>";
        if (word.equals(DATE_FN)) return "DATE";
        if (word.equals(TIME_FN)) return "TIME";
        if (word.equals(DATETIME_FN)) return "DATETIME";
        return TypeNames.asWritten(word);
    }

    private final String src;
    private final SourceLocation location;
    /** A typed struct constructor still open: the parenthesis depth it opened at, and its type's placeholder. */
    private record RowCast(int depth, String type) {}

    /** The open typed struct constructors, innermost first, each closed as " AS type)". */
    private final ArrayDeque<RowCast> rowCasts = new ArrayDeque<>();
    private int pos;
    private int line = 1;
    /** Where the piece's statement starts in the output: after the block headers of a procedural piece (IF c THEN ...). */
    private int statementStart;
    private boolean pieceStarted;
    /** The piece's words so far are block headers (IF c THEN, WHILE c DO, ELSE, BEGIN, ...), no statement yet. */
    private boolean inBlockHeader;
    /** CASE expressions open in the block headers' conditions, outside parentheses. */
    private int headerCases;

    private GoogleSqlLexer(String src, SourceLocation location) {
        this.src = src;
        this.location = location;
    }

    /** {@code location}: where the text's first non-blank line is, as for the translator; the lines of its errors count from there. */
    static List<LexedStatement> split(String googleSql, SourceLocation location) {
        return new GoogleSqlLexer(googleSql, DuckDbTranslator.relativeToFirstLine(location, googleSql)).run();
    }

    private List<LexedStatement> run() {
        List<LexedStatement> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        int startLine = -1;
        int pendingComma = -1; // index in sb of a comma that may turn out to be trailing
        String lastWord = null; // previous word token, upper-case
        String lastWordBeforeParen = null; // the word right before the last '(' seen
        boolean schemaNameNext = false; // after CREATE SCHEMA [IF NOT EXISTS]
        int depth = 0; // parenthesis depth
        int constraintStart = -1; // index in sb of a key constraint in CREATE TABLE's column list (with its comma)
        String movedNulls = null; // IGNORE|RESPECT NULLS written before an aggregate's ORDER BY, printed after it
        int movedNullsDepth = -1;
        ArrayDeque<Integer> unnestDepths = new ArrayDeque<>(); // depths of open UNNEST( calls
        boolean bySourceCondition = false; // inside the condition of a MERGE's WHEN NOT MATCHED BY SOURCE AND ...
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                line++;
                newline(sb);
                pos++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                sb.append(' ');
                pos++;
                continue;
            }
            if (c == '-' && peek(1) == '-' || c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') pos++;
                continue;
            }
            if (c == '/' && peek(1) == '*') {
                int end = src.indexOf("*/", pos + 2);
                if (end < 0) throw error("unterminated /* comment", "close the comment with */");
                keepLineBreaks(sb, pos, end);
                pos = end + 2;
                sb.append(' ');
                continue;
            }
            if (startLine < 0 && c != ';') startLine = line;
            if (c == ';') {
                dropComma(sb, pendingComma);
                pendingComma = -1;
                flush(out, sb, startLine);
                sb.setLength(0);
                statementStart = 0;
                pieceStarted = false;
                startLine = -1;
                lastWord = null;
                depth = 0;
                constraintStart = -1;
                movedNulls = null;
                rowCasts.clear();
                unnestDepths.clear();
                pos++;
                continue;
            }
            if (c == ',') {
                pendingComma = sb.length();
                sb.append(',');
                pos++;
                continue;
            }
            if (c == ')') {
                dropComma(sb, pendingComma);
                pendingComma = -1;
                if (movedNulls != null && depth == movedNullsDepth) {
                    sb.append(' ').append(movedNulls).append(' ');
                    movedNulls = null;
                }
                sb.append(')');
                pos++;
                lastWord = null;
                depth--;
                if (!rowCasts.isEmpty() && rowCasts.peek().depth() == depth) sb.append(" AS ").append(rowCasts.pop().type()).append(')');
                if (!unnestDepths.isEmpty() && unnestDepths.peek() == depth) {
                    unnestDepths.pop();
                    rewriteWithOffset(sb);
                }
                continue;
            }
            if (c == '`') {
                pendingComma = -1;
                readBacktick(sb);
                schemaNameNext = false; // CREATE SCHEMA `p.d`: the name was this path
                lastWord = null;
                continue;
            }
            if (c == '\'' || c == '"') {
                pendingComma = -1;
                readString(sb, false, false);
                lastWord = null;
                continue;
            }
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) pos++;
                String word = src.substring(start, pos);
                if (("FROM".equals(lastWord) || "JOIN".equals(lastWord)) && isDashedProject(pos)) {
                    // BigQuery reads a project id with dashes unquoted in FROM: bigquery-public-data.thelook_ecommerce.orders
                    while (src.charAt(pos) != '.') pos++;
                    sb.append('"').append(src, start, pos).append('"');
                    lastWord = null;
                    continue;
                }
                String upper = word.toUpperCase(Locale.ROOT);
                markStatementStart(sb, upper, lastWord, depth);
                // string prefixes: r'..', b'..', rb'..', br'..'
                if (pos < src.length() && (src.charAt(pos) == '\'' || src.charAt(pos) == '"')
                        && STRING_PREFIXES.contains(upper)) {
                    pendingComma = -1;
                    readString(sb, upper.contains("R"), upper.contains("B"));
                    lastWord = null;
                    continue;
                }
                if (upper.equals("FROM")) dropComma(sb, pendingComma);
                pendingComma = -1;
                // BigQuery's keys are NOT ENFORCED metadata; DuckDB would enforce them, so they are left out
                if (KEY_CONSTRAINT_WORDS.contains(upper) && constraintStart < 0 && depth == 1 && startsWith(sb, "CREATE")) {
                    constraintStart = ",".equals(prevNonSpace(sb)) ? sb.lastIndexOf(",") : sb.length();
                }
                if (upper.equals("ENFORCED") && "NOT".equals(lastWord) && constraintStart >= 0) {
                    long lineBreaks = sb.substring(constraintStart).chars().filter(ch -> ch == '\n').count();
                    sb.setLength(constraintStart);
                    for (long i = 0; i < lineBreaks; i++) newline(sb);
                    constraintStart = -1;
                    lastWord = null;
                    continue;
                }
                // ARRAY_AGG(x IGNORE NULLS ORDER BY y LIMIT n): JSqlParser reads the NULLS clause only after ORDER BY
                int afterNulls = (upper.equals("IGNORE") || upper.equals("RESPECT")) && depth > 0 ? endOfNullsBeforeOrderBy() : -1;
                if (afterNulls > 0) {
                    movedNulls = upper + " NULLS";
                    movedNullsDepth = depth;
                    keepLineBreaks(sb, pos, afterNulls);
                    pos = afterNulls;
                    lastWord = null;
                    continue;
                }
                if (upper.equals("LIMIT") && movedNulls != null && depth == movedNullsDepth) {
                    sb.append(movedNulls).append(' ');
                    movedNulls = null;
                }
                // MERGE ... WHEN NOT MATCHED BY TARGET means WHEN NOT MATCHED, which JSqlParser reads; BY SOURCE it does
                // not read, so it goes as WHEN MATCHED AND <marker>, which DuckDbMergeDeParser prints back
                if (upper.equals("BY") && "MATCHED".equals(lastWord) && depth == 0 && startsWith(sb, "MERGE")) {
                    String side = peekWord().toUpperCase(Locale.ROOT);
                    if (side.equals("TARGET") || side.equals("SOURCE") && dropNotBeforeMatched(sb)) {
                        int end = skipSpace(pos) + side.length();
                        keepLineBreaks(sb, pos, end);
                        pos = end;
                        if (side.equals("SOURCE")) {
                            sb.append("AND ").append(DuckDbMergeDeParser.BY_SOURCE).append(' ');
                            // the condition in parentheses: a OR b must not bind to the marker
                            bySourceCondition = peekWord().equalsIgnoreCase("AND");
                            if (bySourceCondition) {
                                int afterAnd = skipSpace(pos) + 3;
                                keepLineBreaks(sb, pos, afterAnd);
                                pos = afterAnd;
                                sb.append("AND (");
                            }
                        }
                        lastWord = null;
                        continue;
                    }
                }
                // ALTER TABLE t ALTER COLUMN c SET DATA TYPE T: JSqlParser reads the shorter ALTER COLUMN c TYPE T
                if (upper.equals("SET") && startsWith(sb, "ALTER") && peekWord().equalsIgnoreCase("DATA")) {
                    int data = skipSpace(pos);
                    int type = skipSpace(data + 4);
                    if (wordAt(type).equalsIgnoreCase("TYPE")) {
                        keepLineBreaks(sb, pos, type);
                        pos = type;
                        lastWord = null;
                        continue;
                    }
                }
                // MERGE ... THEN INSERT ROW (every column of the source row, by position): JSqlParser reads no ROW there,
                // so it goes as INSERT VALUES (<marker>), which DuckDbMergeDeParser prints as DuckDB's INSERT BY POSITION
                if (upper.equals("ROW") && "INSERT".equals(lastWord) && depth == 0 && startsWith(sb, "MERGE")) {
                    sb.append("VALUES (").append(DuckDbMergeDeParser.INSERT_ROW).append(')');
                    lastWord = null;
                    continue;
                }
                if (bySourceCondition && upper.equals("THEN") && depth == 0) {
                    sb.append(") ");
                    bySourceCondition = false;
                }
                // OPTIONS(description = ..., ...) of a CREATE's schema, view or column: BigQuery metadata, nothing on DuckDB
                if (upper.equals("OPTIONS") && nextNonSpace() == '(' && startsWith(sb, "CREATE")) {
                    skipParenthesized(sb);
                    lastWord = null;
                    continue;
                }
                if ((upper.equals("CLUSTER") || upper.equals("PARTITION")) && depth == 0 && peekWord().equalsIgnoreCase("BY")
                        && startsWith(sb, "CREATE")) {
                    skipStorageClause(sb);
                    lastWord = null;
                    continue;
                }
                if (upper.equals("INTERVAL") && (nextNonSpace() == '\'' || nextNonSpace() == '"') && !".".equals(prevNonSpace(sb))) {
                    intervalLiteral(sb, word);
                    lastWord = null;
                    continue;
                }
                if (upper.equals("STRUCT") && nextNonSpace() == '<' && structTypeInPlace(sb, start, depth)) {
                    lastWord = null;
                    continue;
                }
                boolean call = nextNonSpace() == '(' && !".".equals(prevNonSpace(sb));
                if (call && upper.equals("WEEK") && "EXTRACT".equals(lastWordBeforeParen)) {
                    // EXTRACT(WEEK(MONDAY) FROM d): JSqlParser reads only a bare part name
                    int open = src.indexOf('(', pos);
                    int close = src.indexOf(')', open);
                    if (close > open) {
                        sb.append("WEEK_").append(src.substring(open + 1, close).trim());
                        pos = close + 1;
                        lastWord = null;
                        continue;
                    }
                }
                // JSqlParser's CREATE SCHEMA takes no name it knows as a keyword (raw, ...): quoted, it takes any
                if (schemaNameNext && !Set.of("IF", "NOT", "EXISTS").contains(upper)) {
                    word = "\"" + word + "\"";
                    schemaNameNext = false;
                }
                if (upper.equals("SCHEMA") && "CREATE".equals(lastWord)) schemaNameNext = true;
                // words JSqlParser reserves but BigQuery allows as aliases and column names (after a dot)
                if (JSQLPARSER_RESERVED.contains(upper) && ("AS".equals(lastWord) || !call && (".".equals(prevNonSpace(sb)) || reservedWordIsAName(sb)))) {
                    word = "\"" + word + "\"";
                }
                // `table` names a table or CTE in BigQuery but is reserved in DuckDB
                if (upper.equals("TABLE") && ("WITH".equals(lastWord) || "FROM".equals(lastWord) || "JOIN".equals(lastWord))) {
                    word = "\"" + word + "\"";
                }
                if (call && upper.equals("DATE") && !"AS".equals(lastWord)) word = DATE_FN;
                else if (call && upper.equals("TIME") && !"AS".equals(lastWord)) word = TIME_FN;
                else if (call && upper.equals("DATETIME") && !"AS".equals(lastWord)) word = DATETIME_FN;
                sb.append(word);
                // BigQuery's optional INTO / FROM, which JSqlParser requires
                if (upper.equals("MERGE") && isFirstWord(sb, word) && !peekWord().equalsIgnoreCase("INTO")) sb.append(" INTO");
                if (upper.equals("DELETE") && isFirstWord(sb, word) && !peekWord().equalsIgnoreCase("FROM")) sb.append(" FROM");
                lastWord = upper;
                continue;
            }
            if (c == '0' && (peek(1) == 'x' || peek(1) == 'X') && isHexDigit(peek(2))) {
                // 0xF001: DuckDB has no hex integer literals
                int start = pos + 2;
                pos = start;
                while (pos < src.length() && isHexDigit(src.charAt(pos))) pos++;
                sb.append(new java.math.BigInteger(src.substring(start, pos), 16));
                pendingComma = -1;
                lastWord = null;
                continue;
            }
            if (Character.isDigit(c)) {
                // a number (possibly 1e10 or 1.5): copy it whole so its letters are not read as words
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '.'
                        || ((src.charAt(pos) == '+' || src.charAt(pos) == '-') && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E')))) {
                    sb.append(src.charAt(pos++));
                }
                pendingComma = -1;
                lastWord = null;
                continue;
            }
            pendingComma = -1;
            lastWordBeforeParen = c == '(' ? lastWord : null;
            if (c == '(') {
                if ("UNNEST".equals(lastWord)) unnestDepths.push(depth);
                depth++;
            }
            lastWord = null;
            if (c == '.' && "]".equals(prevNonSpace(sb))) {
                // items[OFFSET(0)].*: the fields of the struct the index reads, which JSqlParser cannot read after an index
                int star = skipSpace(pos + 1);
                if (star < src.length() && src.charAt(star) == '*' && parenthesizeIndexed(sb, STRUCT_STAR_FN)) {
                    keepLineBreaks(sb, pos, star + 1);
                    pos = star + 1;
                    continue;
                }
                parenthesizeIndexed(sb, "");
            }
            sb.append(c);
            pos++;
        }
        dropComma(sb, pendingComma);
        flush(out, sb, startLine);
        return out;
    }

    /**
     * {@code items[SAFE_OFFSET(0)].name}: JSqlParser cannot read a field after an array index, but reads
     * {@code (items[SAFE_OFFSET(0)]).name}; wraps the indexed expression that ends {@code sb} (a path, or
     * a call such as {@code ARRAY_AGG(...)}, followed by its index) in parentheses. Left as is when its
     * start cannot be found.
     */
    private static boolean parenthesizeIndexed(StringBuilder sb, String function) {
        int end = sb.length();
        int i = end - 1;
        while (i >= 0 && sb.charAt(i) == ' ') i--;
        int open = matching(sb, i, '[', ']');
        if (open < 0) return false;
        int start = open - 1;
        while (start >= 0 && sb.charAt(start) == ' ') start--;
        if (start >= 0 && sb.charAt(start) == ')') {
            start = matching(sb, start, '(', ')');
            if (start < 0) return false;
            start--;
        }
        while (start >= 0 && (Character.isLetterOrDigit(sb.charAt(start)) || "_.\"".indexOf(sb.charAt(start)) >= 0)) start--;
        if (start + 1 >= open) return false;
        sb.insert(start + 1, function + "(");
        sb.append(')');
        return true;
    }

    /** The index of the opening bracket that matches the closing one at {@code close}, or -1. */
    private static int matching(StringBuilder sb, int close, char opening, char closing) {
        int depth = 0;
        for (int i = close; i >= 0; i--) {
            if (sb.charAt(i) == closing) depth++;
            else if (sb.charAt(i) == opening && --depth == 0) return i;
        }
        return -1;
    }

    private static final Set<String> STRING_PREFIXES = Set.of("R", "B", "RB", "BR");

    private static final Set<String> JSQLPARSER_RESERVED = Set.of("START", "CONNECT", "PRIOR", "UNKNOWN", "SAMPLE", "GLOBAL", "ONLY",
            "CHECK", "UNIQUE", "BOTH", "TRAILING", "RETURNING", "MINUS", "SEMI", "CONSTRAINT", "FOREIGN", "NOCYCLE", "PROCEDURE", "OPTIMIZE",
            "PUBLIC", "TABLES", "OFFSET", "OUTPUT");

    /**
     * After {@code UNNEST(...)}: BigQuery writes {@code [AS] x WITH OFFSET [AS] o}, which JSqlParser
     * cannot read; it reads {@code WITH OFFSET AS alias}, so both names travel in that alias.
     */
    private void rewriteWithOffset(StringBuilder sb) {
        int p = skipSpace(pos);
        int save = p;
        String w = wordAt(p);
        if (w.equalsIgnoreCase("AS")) {
            p = skipSpace(p + w.length());
            w = wordAt(p);
        }
        if (w.isEmpty() || w.equalsIgnoreCase("WITH")) return; // no element alias: JSqlParser reads the rest
        String element = w;
        p = skipSpace(p + w.length());
        if (!wordAt(p).equalsIgnoreCase("WITH")) return;
        p = skipSpace(p + 4);
        if (!wordAt(p).equalsIgnoreCase("OFFSET")) return;
        p = p + 6;
        int afterOffset = p;
        p = skipSpace(p);
        String offset = "offset";
        String next = wordAt(p);
        if (next.equalsIgnoreCase("AS")) {
            p = skipSpace(p + 2);
            next = wordAt(p);
        }
        if (!next.isEmpty() && !KEYWORDS_AFTER_FROM_ITEM.contains(next.toUpperCase(Locale.ROOT))) {
            offset = next;
            p += next.length();
        } else {
            p = afterOffset;
        }
        for (int i = save; i < p; i++) if (src.charAt(i) == '\n') line++;
        pos = p;
        sb.append(" WITH OFFSET AS \"").append(OFFSET_ALIAS).append(element).append(':').append(offset).append('"');
    }

    static final String OFFSET_ALIAS = "porygon_offset:";

    private static final Set<String> KEYWORDS_AFTER_FROM_ITEM = Set.of(
            "WHERE", "GROUP", "ORDER", "LIMIT", "JOIN", "LEFT", "RIGHT", "INNER", "CROSS", "FULL", "ON", "UNION",
            "QUALIFY", "HAVING", "WINDOW", "EXCEPT", "INTERSECT");

    private int skipSpace(int p) {
        while (p < src.length() && Character.isWhitespace(src.charAt(p))) p++;
        return p;
    }

    private String wordAt(int p) {
        int e = p;
        while (e < src.length() && (Character.isLetterOrDigit(src.charAt(e)) || src.charAt(e) == '_')) e++;
        return src.substring(p, e);
    }

    /** After IGNORE or RESPECT: where NULLS ends when ORDER follows it, else -1. */
    private int endOfNullsBeforeOrderBy() {
        Matcher m = NULLS_THEN_ORDER.matcher(src).region(pos, src.length());
        return m.lookingAt() ? m.end(1) : -1;
    }

    private static final Pattern NULLS_THEN_ORDER = Pattern.compile("\\s+(NULLS)\\s+ORDER\\b", Pattern.CASE_INSENSITIVE);

    private static final Set<String> KEY_CONSTRAINT_WORDS = Set.of("PRIMARY", "FOREIGN", "CONSTRAINT", "REFERENCES");

    /** Blanks the NOT of the {@code NOT MATCHED} that {@code sb} ends with; false when there is none. */
    private static boolean dropNotBeforeMatched(StringBuilder sb) {
        Matcher m = NOT_MATCHED_AT_END.matcher(sb);
        if (!m.find()) return false;
        sb.replace(m.start(1), m.end(1), "   ");
        return true;
    }

    private static final Pattern NOT_MATCHED_AT_END = Pattern.compile("\\b(NOT)\\s+MATCHED\\s*$", Pattern.CASE_INSENSITIVE);

    /** Words that open or continue a procedural block, and those after which its statement begins. */
    private static final Set<String> BLOCK_HEADS = Set.of("IF", "ELSEIF", "ELSE", "WHILE", "FOR", "CASE", "WHEN", "LOOP", "REPEAT", "BEGIN",
            "EXCEPTION");
    private static final Set<String> HEADER_ENDS = Set.of("THEN", "DO", "ELSE", "LOOP", "REPEAT", "BEGIN");

    /**
     * Moves {@link #statementStart} past a procedural piece's block headers, so that the rewrites that look at
     * the statement's first word ({@code MERGE}, {@code CREATE}, ...) see it in {@code IF c THEN MERGE ...} too.
     */
    private void markStatementStart(StringBuilder sb, String upper, String lastWord, int depth) {
        if (!pieceStarted) {
            pieceStarted = true;
            inBlockHeader = BLOCK_HEADS.contains(upper);
            headerCases = 0;
        } else if (inBlockHeader && depth == 0 && headerCases == 0 && lastWord != null && HEADER_ENDS.contains(lastWord)) {
            statementStart = sb.length();
            inBlockHeader = BLOCK_HEADS.contains(upper);
        } else if (inBlockHeader && depth == 0) {
            // a CASE expression in a condition (IF CASE WHEN a THEN b END THEN ...): its THEN and ELSE end no header
            if (upper.equals("CASE")) headerCases++;
            else if (upper.equals("END") && headerCases > 0) headerCases--;
        }
    }

    /** Whether the piece's statement starts with {@code word}. */
    private boolean startsWith(StringBuilder sb, String word) {
        int i = statementStart;
        while (i < sb.length() && Character.isWhitespace(sb.charAt(i))) i++;
        return sb.length() - i >= word.length() && sb.substring(i, i + word.length()).equalsIgnoreCase(word);
    }

    /** Whether {@code word}, just written, is the first word of the piece's statement. */
    private boolean isFirstWord(StringBuilder sb, String word) {
        return sb.substring(statementStart).strip().equals(word);
    }

    private static void dropComma(StringBuilder sb, int commaIndex) {
        if (commaIndex >= 0 && commaIndex < sb.length() && sb.charAt(commaIndex) == ',') {
            for (int i = commaIndex + 1; i < sb.length(); i++) if (!Character.isWhitespace(sb.charAt(i))) return;
            sb.setCharAt(commaIndex, ' ');
        }
    }

    /** Whether the word ending at {@code end} goes on with "-word"s up to a '.': a dashed project id. */
    private boolean isDashedProject(int end) {
        int i = end;
        boolean dashed = false;
        while (i + 1 < src.length() && src.charAt(i) == '-' && Character.isLetterOrDigit(src.charAt(i + 1))) {
            dashed = true;
            i++;
            while (i < src.length() && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) i++;
        }
        return dashed && i < src.length() && src.charAt(i) == '.';
    }

    /**
     * A line break kept for line numbers. An empty line gets a space: JSqlParser takes two empty lines
     * in a row (a blank gap, or lines whose comments were dropped) for the end of the statement and
     * silently ignores the rest.
     */
    private static void newline(StringBuilder sb) {
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) == '\n') sb.append(' ');
        sb.append('\n');
    }

    private static void flush(List<LexedStatement> out, StringBuilder sb, int startLine) {
        if (sb.toString().isBlank()) return;
        // keep the text from the statement's first line on, so parser line 1 == startLine
        String text = sb.toString();
        int leadingNewlines = 0;
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            if (text.charAt(i) == '\n') leadingNewlines++;
            i++;
        }
        int lineStart = text.lastIndexOf('\n', i) + 1;
        out.add(new LexedStatement(text.substring(leadingNewlines == 0 ? 0 : lineStart).stripTrailing(), startLine));
    }

    /**
     * A {@code STRUCT<...>} type that starts at {@code start} (in a CAST, a column definition, a DECLARE, an
     * ARRAY's element type): JSqlParser cannot read it, so it goes on as one word, {@link TypeNames#structPlaceholder},
     * which TypeNames reads back. A typed constructor, {@code STRUCT<a INT64>(1, 'x')}, becomes a positional row
     * cast to the type, {@code CAST(PORYGON_ROW(1, 'x') AS <type>)}, closed where its parenthesis closes
     * (JSqlParser reads the constructor itself, but prints "found arguments!" on standard output). False for a
     * {@code <} without its {@code >}. The type's line breaks are kept, so lines stay aligned.
     */
    private boolean structTypeInPlace(StringBuilder sb, int start, int parenDepth) {
        int p = src.indexOf('<', pos);
        int depth = 0;
        for (; p < src.length(); p++) {
            char ch = src.charAt(p);
            if (ch == '<') depth++;
            else if (ch == '>' && --depth == 0) break;
            else if (ch == ';' || ch == '\'' || ch == '"') return false;
        }
        if (p >= src.length()) return false;
        int end = p + 1;
        int after = end;
        while (after < src.length() && Character.isWhitespace(src.charAt(after))) after++;
        String type = src.substring(start, end);
        if (after < src.length() && src.charAt(after) == '(') {
            sb.append("CAST(").append(ROW_FN);
            rowCasts.push(new RowCast(parenDepth, TypeNames.structPlaceholder(type)));
        } else {
            sb.append(TypeNames.structPlaceholder(type));
        }
        keepLineBreaks(sb, start, end);
        pos = end;
        return true;
    }

    private static final Set<String> CLAUSES_AFTER_STORAGE_CLAUSE = Set.of("OPTIONS", "AS", "PARTITION", "CLUSTER");

    /**
     * {@code PARTITION BY expr} and {@code CLUSTER BY a, b} of a CREATE TABLE: left out, as DuckDB has
     * neither (JSqlParser reads a clustering of one column only, and no partitioning by a call with a
     * call inside, {@code RANGE_BUCKET(id, GENERATE_ARRAY(0, 100, 10))}). It ends at the next clause
     * (OPTIONS, AS, PARTITION BY, CLUSTER BY) or the statement's end; its line breaks are kept.
     */
    private void skipStorageClause(StringBuilder sb) {
        int start = pos;
        while (Character.isWhitespace(src.charAt(pos))) pos++;
        pos += 2; // BY, which the caller saw next
        while (pos < src.length()) {
            char ch = src.charAt(pos);
            if (ch == ';') break;
            if (ch == '(') {
                pos = endOfParenthesized(pos);
                continue;
            }
            if (Character.isLetterOrDigit(ch) || ch == '_') {
                int end = pos;
                while (end < src.length() && (Character.isLetterOrDigit(src.charAt(end)) || src.charAt(end) == '_')) end++;
                if (CLAUSES_AFTER_STORAGE_CLAUSE.contains(src.substring(pos, end).toUpperCase(Locale.ROOT))) break;
                pos = end;
                continue;
            }
            pos++;
        }
        keepLineBreaks(sb, start, pos);
    }

    /** Skips the parenthesized list that follows, string literals included, keeping its line breaks. */
    private void skipParenthesized(StringBuilder sb) {
        int start = pos;
        pos = endOfParenthesized(pos);
        keepLineBreaks(sb, start, pos);
    }

    /** The position just after the parenthesized list that follows {@code from}, string literals included. */
    private int endOfParenthesized(int from) {
        int p = from;
        int open = 0;
        while (p < src.length()) {
            char ch = src.charAt(p);
            if (ch == '\'' || ch == '"' || ch == '`') {
                int end = p + 1;
                while (end < src.length() && src.charAt(end) != ch) end += src.charAt(end) == '\\' ? 2 : 1;
                p = Math.min(end + 1, src.length());
                continue;
            }
            p++;
            if (ch == '(') open++;
            if (ch == ')' && --open == 0) break;
        }
        return p;
    }

    /** The line breaks of the source between {@code from} and {@code to}, which the output leaves out, kept for line numbers. */
    private void keepLineBreaks(StringBuilder sb, int from, int to) {
        for (int i = from; i < to; i++) {
            if (src.charAt(i) == '\n') {
                line++;
                newline(sb);
            }
        }
    }

    private static boolean isHexDigit(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private char peek(int ahead) {
        int p = pos + ahead;
        return p < src.length() ? src.charAt(p) : '\0';
    }

    private char nextNonSpace() {
        int p = pos;
        while (p < src.length() && Character.isWhitespace(src.charAt(p))) p++;
        return p < src.length() ? src.charAt(p) : '\0';
    }

    /**
     * A reserved word just read names something: a qualifier ({@code unique.*}), or an alias without
     * AS after a call, a subscript or a subquery ({@code ARRAY_AGG(t LIMIT 1)[OFFSET(0)] unique FROM}),
     * as older dbt_utils.deduplicate wrote it for BigQuery.
     */
    private boolean reservedWordIsAName(StringBuilder sb) {
        String before = prevNonSpace(sb);
        char after = nextNonSpace();
        String next = peekWord().toUpperCase(Locale.ROOT);
        return after == '.' || (before.equals(")") || before.equals("]"))
                && (after == ',' || after == ')' || after == ';' || after == '\0' || next.equals("FROM") || KEYWORDS_AFTER_FROM_ITEM.contains(next));
    }

    private static String prevNonSpace(StringBuilder sb) {
        int p = sb.length() - 1;
        while (p >= 0 && Character.isWhitespace(sb.charAt(p))) p--;
        return p >= 0 ? String.valueOf(sb.charAt(p)) : "";
    }

    private String peekWord() {
        int p = pos;
        while (p < src.length() && Character.isWhitespace(src.charAt(p))) p++;
        int s = p;
        while (p < src.length() && Character.isLetter(src.charAt(p))) p++;
        return src.substring(s, p);
    }

    private void readBacktick(StringBuilder sb) {
        int end = src.indexOf('`', pos + 1);
        if (end < 0) throw error("unterminated `quoted identifier`", "close the identifier with a backtick");
        String path = src.substring(pos + 1, end);
        pos = end + 1;
        String[] parts = path.split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) sb.append('.');
            sb.append('"').append(parts[i].replace("\"", "\"\"")).append('"');
        }
    }

    /** Reads a string literal at pos (after any prefix) and appends its standard-SQL form. */
    private void readString(StringBuilder sb, boolean raw, boolean bytes) {
        char q = src.charAt(pos);
        boolean triple = peek(1) == q && peek(2) == q;
        int startLine = line;
        pos += triple ? 3 : 1;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                line = startLine;
                throw error("unterminated string literal", "close the string with " + (triple ? "" + q + q + q : "" + q));
            }
            char c = src.charAt(pos);
            if (c == q && (!triple || (peek(1) == q && peek(2) == q))) {
                pos += triple ? 3 : 1;
                break;
            }
            if (c == '\n') {
                if (!triple) throw error("newline in a string literal", "use a triple-quoted string for multi-line text");
                line++;
            }
            if (c == '\\') {
                if (raw) {
                    value.append(c);
                    if (pos + 1 < src.length()) value.append(src.charAt(pos + 1));
                    pos += 2;
                    continue;
                }
                pos++;
                readEscape(value);
                continue;
            }
            value.append(c);
            pos++;
        }
        if (bytes) {
            sb.append("CAST('").append(bytesLiteral(value.toString())).append("' AS BYTES)");
        } else {
            sb.append('\'').append(value.toString().replace("'", "''")).append('\'');
        }
    }

    private void readEscape(StringBuilder value) {
        if (pos >= src.length()) throw error("dangling backslash in a string literal", "escape it as \\\\");
        char e = src.charAt(pos++);
        switch (e) {
            case 'n' -> value.append('\n');
            case 't' -> value.append('\t');
            case 'r' -> value.append('\r');
            case 'a' -> value.append('\u0007');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'v' -> value.append('\u000B');
            case '\\', '\'', '"', '`', '?' -> value.append(e);
            case 'x', 'X' -> value.append((char) Integer.parseInt(hex(2), 16));
            case 'u' -> value.appendCodePoint(Integer.parseInt(hex(4), 16));
            case 'U' -> value.appendCodePoint(Integer.parseInt(hex(8), 16));
            default -> {
                if (e >= '0' && e <= '7') {
                    String oct = src.substring(pos - 1, Math.min(src.length(), pos + 2));
                    pos += 2;
                    value.append((char) Integer.parseInt(oct, 8));
                } else {
                    throw error("unknown escape sequence \\" + e + " in a string literal",
                            "use a raw string r'...' or escape the backslash as \\\\");
                }
            }
        }
    }

    private String hex(int n) {
        if (pos + n > src.length()) throw error("short hex escape in a string literal", "write exactly " + n + " hex digits");
        String h = src.substring(pos, pos + n);
        pos += n;
        return h;
    }

    /** DuckDB BLOB literal text: printable ASCII kept, anything else as \xHH. */
    private static String bytesLiteral(String value) {
        StringBuilder b = new StringBuilder();
        byte[] raw = new byte[value.length()];
        boolean latin = value.chars().allMatch(ch -> ch < 256);
        byte[] bytes = latin ? raw : value.getBytes(StandardCharsets.UTF_8);
        if (latin) for (int i = 0; i < value.length(); i++) raw[i] = (byte) value.charAt(i);
        for (byte x : bytes) {
            int v = x & 0xff;
            if (v >= 0x20 && v < 0x7f && v != '\\' && v != '\'') b.append((char) v);
            else b.append(String.format("\\x%02X", v));
        }
        return b.toString();
    }

    private static final Set<String> INTERVAL_PARTS = Set.of("YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND");

    /**
     * {@code INTERVAL 'text' PART} or {@code INTERVAL 'text' FROM TO TO}, read when the lexer is at the string: the text
     * is checked as BigQuery reads it (an error here, at its line, rather than DuckDB's reading of it). A single part
     * stays as written; a range, which JSqlParser cannot read, becomes {@link #INTERVAL_FN}{@code (months, days, micros)}.
     */
    private void intervalLiteral(StringBuilder sb, String word) {
        int startLine = line;
        int stringAt = skipSpace(pos);
        keepLineBreaks(sb, pos, stringAt);
        pos = stringAt;
        StringBuilder literal = new StringBuilder();
        readString(literal, false, false);
        String text = literal.substring(1, literal.length() - 1).replace("''", "'");
        int partAt = skipSpace(pos);
        String from = wordAt(partAt).toUpperCase(Locale.ROOT);
        int afterFrom = partAt + from.length();
        int toAt = skipSpace(afterFrom);
        boolean range = INTERVAL_PARTS.contains(from) && wordAt(toAt).equalsIgnoreCase("TO");
        try {
            if (!range) {
                if (INTERVAL_PARTS.contains(from)) IntervalValue.parsePart(text, from);
                sb.append(word).append(' ').append(literal);
                return;
            }
            int toPartAt = skipSpace(toAt + 2);
            String to = wordAt(toPartAt).toUpperCase(Locale.ROOT);
            IntervalValue value = IntervalValue.parseRange(text, from, to);
            keepLineBreaks(sb, pos, toPartAt + to.length());
            pos = toPartAt + to.length();
            sb.append(INTERVAL_FN).append('(').append(value.months()).append(", ").append(value.days()).append(", ")
                    .append(value.micros()).append(')');
        } catch (IntervalValue.Invalid e) {
            line = startLine;
            throw error(e.getMessage(), range
                    ? "write the parts as BigQuery reads them: 'Y-M D H:M:S[.F]' for YEAR TO SECOND, 'D H:M' for DAY TO MINUTE, with one sign"
                    + " before Y-M and one before H:M:S"
                    : "write an integer (or, for SECOND, a decimal) in the string");
        }
    }

    private PorygonException error(String message, String hint) {
        int base = location == null ? 0 : Math.max(location.line(), 1) - 1;
        SourceLocation at = location == null ? null : new SourceLocation(location.file(), base + line, 0);
        return new PorygonException(at, message, hint);
    }
}
