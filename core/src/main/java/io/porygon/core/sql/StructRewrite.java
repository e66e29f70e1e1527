package io.porygon.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.OracleNamedFunctionParameter;
import net.sf.jsqlparser.expression.StructType;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * {@code STRUCT(expr AS name, ...)} written as {@code PORYGON_STRUCT(name => (expr), ...)} for the
 * fields JSqlParser cannot read in its STRUCT rule (a subquery, {@code ARRAY_AGG(...)[SAFE_OFFSET(0)]},
 * an IF whose condition has an AND, as GA4 models write them); the named call parses, and reads back
 * as the struct literal. Works on the lexer's output, as a second try when a statement does not parse.
 */
final class StructRewrite {
    static final String STRUCT_FN = "PORYGON_STRUCT";
    private static final Pattern STRUCT_CALL = Pattern.compile("(?i)(?<![\\w.\"])STRUCT\\s*\\(");
    private static final Pattern AS_NAME = Pattern.compile("(?is)(.*\\S)\\s+AS\\s+(\\w+|\"[^\"]*(?:\"\"[^\"]*)*\")\\s*");

    private StructRewrite() {}

    /** The statement with every STRUCT(...) that names a field rewritten, or null when there is none. */
    static String rewrite(String sql) {
        String out = rewriteAll(sql);
        return out.equals(sql) ? null : out;
    }

    private static String rewriteAll(String sql) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        Matcher m = STRUCT_CALL.matcher(sql);
        while (m.find(from)) {
            if (LexedText.insideQuotes(sql, m.start())) {
                out.append(sql, from, m.end());
                from = m.end();
                continue;
            }
            int close = closingParen(sql, m.end() - 1);
            if (close < 0) break;
            List<String> fields = topLevelArguments(sql.substring(m.end(), close));
            List<String> named = new ArrayList<>();
            boolean anyName = false;
            for (String field : fields) {
                Matcher as = AS_NAME.matcher(field);
                String expression = as.matches() ? as.group(1) : field;
                String rewritten = "(" + rewriteAll(expression) + ")";
                if (as.matches()) anyName = true;
                named.add(as.matches() ? as.group(2) + " => " + rewritten : rewritten);
            }
            out.append(sql, from, m.start());
            if (anyName) {
                // JSqlParser reads a field of a call only through parentheses: (PORYGON_STRUCT(x => (1))).x
                boolean fieldRead = sql.substring(close + 1).stripLeading().startsWith(".");
                String call = STRUCT_FN + "(" + String.join(", ", named) + ")";
                out.append(fieldRead ? "(" + call + ")" : call);
            } else out.append(sql, m.start(), m.end()).append(rewriteAll(sql.substring(m.end(), close))).append(')');
            from = close + 1;
        }
        return out.append(sql.substring(from)).toString();
    }

    /** The struct literal a rewritten call stands for: named arguments are named fields. */
    static StructType structOf(Function call) {
        List<SelectItem<?>> fields = new ArrayList<>();
        for (Expression arg : call.getParameters()) {
            if (arg instanceof OracleNamedFunctionParameter named) {
                fields.add(new SelectItem<>(unwrapped(named.getExpression()), new Alias(named.getName())));
            } else {
                fields.add(new SelectItem<>(unwrapped(arg)));
            }
        }
        return new StructType(StructType.Dialect.BIG_QUERY, fields);
    }

    /** The field's expression without the parentheses the rewrite put around it (a bare column names its field). */
    private static Expression unwrapped(Expression e) {
        return e instanceof ParenthesedExpressionList<?> list && list.size() == 1 ? (Expression) list.get(0) : e;
    }

    private static List<String> topLevelArguments(String args) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '\'' || c == '"') {
                i = LexedText.endOfQuoted(args, i);
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(args.substring(start, i));
                start = i + 1;
            }
        }
        out.add(args.substring(start));
        return out;
    }

    /** The index of the parenthesis that closes the one at {@code open}, or -1. */
    private static int closingParen(String sql, int open) {
        int close = LexedText.firstAtDepth0(sql, open + 1, i -> false);
        return close < sql.length() ? close : -1;
    }
}
