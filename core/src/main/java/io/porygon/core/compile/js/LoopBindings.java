package io.porygon.core.compile.js;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.mozilla.javascript.CompilerEnvirons;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Parser;
import org.mozilla.javascript.ast.AstNode;
import org.mozilla.javascript.ast.DoLoop;
import org.mozilla.javascript.ast.ForInLoop;
import org.mozilla.javascript.ast.ForLoop;
import org.mozilla.javascript.ast.FunctionNode;
import org.mozilla.javascript.ast.Loop;
import org.mozilla.javascript.ast.Name;
import org.mozilla.javascript.ast.VariableDeclaration;
import org.mozilla.javascript.ast.VariableInitializer;
import org.mozilla.javascript.ast.WhileLoop;

/**
 * Finds the loop code that Rhino runs differently from Node: it keeps one binding for a
 * {@code let}/{@code const} declared in a {@code for} header, so functions created in the loop
 * all see its last value, and a {@code const} in a loop body keeps its first value. Both would
 * compile every action of such a loop to the wrong SQL without a word, so they are reported.
 */
public final class LoopBindings {
    private static final Pattern HAS_LOOP = Pattern.compile("\\b(for|while)\\s*\\(|\\bdo\\s*\\{");

    /** A place in the program and what is wrong there. */
    public record Problem(int line, int column, String message, String hint) {}

    private LoopBindings() {}

    public static List<Problem> check(String source, String fileName) {
        if (!HAS_LOOP.matcher(source).find()) return List.of();
        CompilerEnvirons env = new CompilerEnvirons();
        env.setLanguageVersion(Context.VERSION_ES6);
        env.setRecoverFromErrors(true);
        env.setIdeMode(true); // keeps going after syntax errors: those are Rhino's to report when it compiles
        List<Problem> problems = new ArrayList<>();
        try {
            new Parser(env).parse(source, fileName, 1).visit(node -> {
                if (node instanceof Loop loop) checkLoop(loop, problems);
                return true;
            });
        } catch (RuntimeException unparsable) {
            return List.of();
        }
        return problems;
    }

    private static void checkLoop(Loop loop, List<Problem> problems) {
        AstNode header = loop instanceof ForLoop f ? f.getInitializer() : loop instanceof ForInLoop f ? f.getIterator() : null;
        if (header instanceof VariableDeclaration d && !d.isVar()) {
            Set<String> names = new HashSet<>();
            for (VariableInitializer v : d.getVariables()) {
                if (v.getTarget() instanceof Name n) names.add(n.getIdentifier());
            }
            String captured = capturedByFunction(loop.getBody(), names);
            if (captured != null) {
                problems.add(new Problem(loop.getLineno(), 0,
                        "a function created in this loop uses " + captured + ", and Porygon's JavaScript engine (Rhino) keeps one "
                                + captured + " for all iterations: every call would see its last value",
                        "loop with array.forEach(function (" + captured + ") { ... }), or copy it into a let inside the loop body"));
            }
        }
        if (loop instanceof ForLoop || loop instanceof ForInLoop || loop instanceof WhileLoop || loop instanceof DoLoop) {
            loop.getBody().visit(node -> {
                if (node instanceof FunctionNode) return false; // a new scope per call: fine
                if (node instanceof VariableDeclaration d && d.isConst()) {
                    problems.add(new Problem(d.getLineno(), 0,
                            "a const declared in a loop body keeps its first value in Porygon's JavaScript engine (Rhino)",
                            "declare it with let"));
                }
                return !(node instanceof Loop) || node == loop.getBody(); // nested loops are visited on their own
            });
        }
    }

    /** The first of {@code names} that a function inside {@code body} refers to, or null. */
    private static String capturedByFunction(AstNode body, Set<String> names) {
        String[] found = {null};
        body.visit(node -> {
            if (found[0] != null) return false;
            if (node instanceof FunctionNode fn) {
                fn.getBody().visit(inner -> {
                    if (found[0] == null && inner instanceof Name n && names.contains(n.getIdentifier())) found[0] = n.getIdentifier();
                    return found[0] == null;
                });
                return false;
            }
            return true;
        });
        return found[0];
    }
}
