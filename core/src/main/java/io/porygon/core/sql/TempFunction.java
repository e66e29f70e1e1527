package io.porygon.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code CREATE [OR REPLACE] TEMP[ORARY] FUNCTION name(p TYPE, ...) [RETURNS TYPE] AS (expr)},
 * which JSqlParser does not parse, read from the lexer's normalized text. It becomes a DuckDB
 * temporary macro; a declared return type becomes a CAST of the body.
 */
record TempFunction(String name, List<String> parameters, String returnType, String body) {

    static boolean isTempFunction(String text) {
        List<String> words = leadingWords(text, 5);
        int i = 0;
        if (words.size() < 3 || !words.get(i++).equals("CREATE")) return false;
        if (words.get(i).equals("OR")) i += 2;
        if (i >= words.size() || !(words.get(i).equals("TEMP") || words.get(i).equals("TEMPORARY"))) return false;
        return i + 1 < words.size() && words.get(i + 1).equals("FUNCTION");
    }

    static TempFunction parse(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        int fn = upper.indexOf("FUNCTION") + "FUNCTION".length();
        int open = text.indexOf('(', fn);
        String name = text.substring(fn, open).trim();
        if (name.toUpperCase(Locale.ROOT).startsWith("IF NOT EXISTS")) name = name.substring(13).trim();
        // a backticked name reaches here double-quoted (GoogleSqlLexer); calls name it bare
        if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) name = name.substring(1, name.length() - 1);
        int close = matching(text, open);
        List<String> params = new ArrayList<>();
        for (String p : TopLevel.split(text.substring(open + 1, close), "(<", ")>")) {
            String t = p.trim();
            if (t.isEmpty()) continue;
            String[] nameAndType = t.split("\\s+", 2);
            if (nameAndType.length < 2) throw new Untranslatable("parameter '" + t + "' of " + name + " has no type", "write name TYPE");
            if (nameAndType[1].trim().toUpperCase(Locale.ROOT).startsWith("ANY TYPE")) { params.add(nameAndType[0]); continue; }
            TypeNames.toDuckDb(nameAndType[1]); // rejects types DuckDB cannot hold
            params.add(nameAndType[0]);
        }
        String rest = text.substring(close + 1).trim();
        String restUpper = rest.toUpperCase(Locale.ROOT);
        String returnType = null;
        if (indexOfWord(restUpper, "LANGUAGE") >= 0) throw notSql(name);
        if (restUpper.startsWith("RETURNS")) {
            int as = indexOfWord(restUpper, "AS");
            if (as < 0) throw notSql(name);
            returnType = TypeNames.toDuckDb(rest.substring("RETURNS".length(), as).trim());
            rest = rest.substring(as).trim();
            restUpper = rest.toUpperCase(Locale.ROOT);
        }
        if (restUpper.startsWith("LANGUAGE") || !restUpper.startsWith("AS")) throw notSql(name);
        String bodyText = rest.substring(2).trim();
        if (!bodyText.startsWith("(")) throw notSql(name);
        int end = matching(bodyText, 0);
        if (!bodyText.substring(end + 1).isBlank()) throw notSql(name);
        return new TempFunction(name, List.copyOf(params), returnType, bodyText.substring(1, end));
    }

    String toDuckDbMacro(String translatedBody) {
        String body = returnType == null ? translatedBody : "CAST(" + translatedBody + " AS " + returnType + ")";
        return "CREATE OR REPLACE TEMP MACRO " + name + "(" + String.join(", ", parameters) + ") AS (" + body + ")";
    }

    /** The statement that forgets the temporary macro of function {@code name} (only the temporary one). */
    static String drop(String name) {
        return "DROP MACRO IF EXISTS temp.main." + name.toLowerCase(Locale.ROOT);
    }

    private static Untranslatable notSql(String name) {
        return new Untranslatable("temporary function " + name + " is not a SQL function with an AS (expression) body",
                "JavaScript UDFs cannot run on DuckDB; rewrite the function in SQL");
    }

    private static int matching(String text, int open) {
        int close = TopLevel.closing(text, open);
        if (close < 0) throw new Untranslatable("unbalanced parentheses in CREATE TEMP FUNCTION", "close every parenthesis");
        return close;
    }

    private static int indexOfWord(String upper, String word) {
        int i = -1;
        while ((i = upper.indexOf(word, i + 1)) >= 0) {
            boolean before = i == 0 || !Character.isLetterOrDigit(upper.charAt(i - 1));
            int after = i + word.length();
            if (before && (after >= upper.length() || !Character.isLetterOrDigit(upper.charAt(after)))) return i;
        }
        return -1;
    }

    private static List<String> leadingWords(String text, int n) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (words.size() < n && i < text.length()) {
            while (i < text.length() && !Character.isLetter(text.charAt(i))) i++;
            int s = i;
            while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) i++;
            if (s < i) words.add(text.substring(s, i).toUpperCase(Locale.ROOT));
        }
        return words;
    }
}
