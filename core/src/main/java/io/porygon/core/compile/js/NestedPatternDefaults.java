package io.porygon.core.compile.js;

import java.util.regex.Pattern;
import org.mozilla.javascript.CompilerEnvirons;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.EvaluatorException;
import org.mozilla.javascript.Parser;
import org.mozilla.javascript.ast.ArrayLiteral;
import org.mozilla.javascript.ast.Assignment;
import org.mozilla.javascript.ast.AstNode;
import org.mozilla.javascript.ast.ObjectLiteral;
import org.mozilla.javascript.ast.ObjectProperty;

/**
 * Finds a destructuring pattern nested in another with a default ({@code const { b: [c] = [] } = o},
 * {@code function f({ a: { b } = {} })}), which Rhino reads but never binds: the names are "not defined" where they
 * are used, far from the cause (a pattern nested deeper makes Rhino's compiler itself fail). It is refused as a syntax
 * error at the pattern, with a hint (RhinoLimits), as the other modern syntax Rhino lacks.
 */
public final class NestedPatternDefaults {
    /** What the error says, for the hint to recognize it. */
    public static final String MESSAGE = "a destructuring pattern nested with a default, whose names Porygon's JavaScript engine (Rhino)"
            + " never sets";
    /**
     * A pattern ({@code [} or {@code {} opened as a property value, an element or a parameter, closed and followed by
     * {@code =}: only a file that has one is parsed again for this check (the span is bounded, so that the search stays linear).
     */
    private static final Pattern CANDIDATE = Pattern.compile("[:,\\[{(]\\s*[\\[{][^;]{0,400}?[\\]}]\\s*=(?![=>])");
    private static final int SHOWN_CHARS = 40;

    private NestedPatternDefaults() {}

    /** Throws the error Rhino would give for a syntax it lacks, at the first such pattern of {@code source}. */
    static void check(String source, String fileName) {
        if (!CANDIDATE.matcher(source).find()) return;
        CompilerEnvirons env = new CompilerEnvirons();
        env.setLanguageVersion(Context.VERSION_ES6);
        env.setRecoverFromErrors(true);
        env.setIdeMode(true); // keeps going after syntax errors: those are Rhino's to report when it compiles
        Assignment[] found = {null};
        try {
            new Parser(env).parse(source, fileName, 1).visit(node -> {
                if (found[0] == null && node instanceof Assignment a && isPattern(a.getLeft()) && inPattern(a)) found[0] = a;
                return found[0] == null;
            });
        } catch (RuntimeException unparsable) {
            return;
        }
        if (found[0] == null) return;
        int start = found[0].getAbsolutePosition();
        int column = start - source.lastIndexOf('\n', start - 1);
        String text = source.substring(start, start + found[0].getLength()).replaceAll("\\s+", " ");
        if (text.length() > SHOWN_CHARS) text = text.substring(0, SHOWN_CHARS) + "...";
        throw new EvaluatorException(MESSAGE + ": " + text, fileName, found[0].getLineno(), null, column);
    }

    private static boolean isPattern(AstNode node) {
        return node instanceof ObjectLiteral || node instanceof ArrayLiteral;
    }

    /**
     * Whether {@code node} is a property's value or an element of a destructuring pattern. Rhino marks the outermost
     * pattern only ({@code isDestructuring}): the literals between are walked up through.
     */
    private static boolean inPattern(AstNode node) {
        AstNode parent = node.getParent();
        AstNode literal = parent instanceof ObjectProperty p && p.getRight() == node ? p.getParent() : parent;
        if (literal instanceof ObjectLiteral o) return o.isDestructuring() || inPattern(o);
        if (literal instanceof ArrayLiteral a) return a.isDestructuring() || inPattern(a);
        return false;
    }
}
