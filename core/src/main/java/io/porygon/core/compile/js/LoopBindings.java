package io.porygon.core.compile.js;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.mozilla.javascript.CompilerEnvirons;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Parser;
import org.mozilla.javascript.ast.ArrayLiteral;
import org.mozilla.javascript.ast.Assignment;
import org.mozilla.javascript.ast.AstNode;
import org.mozilla.javascript.ast.EmptyExpression;
import org.mozilla.javascript.ast.ForInLoop;
import org.mozilla.javascript.ast.ForLoop;
import org.mozilla.javascript.ast.FunctionCall;
import org.mozilla.javascript.ast.FunctionNode;
import org.mozilla.javascript.ast.Loop;
import org.mozilla.javascript.ast.Name;
import org.mozilla.javascript.ast.ObjectLiteral;
import org.mozilla.javascript.ast.ObjectProperty;
import org.mozilla.javascript.ast.PropertyGet;
import org.mozilla.javascript.ast.VariableDeclaration;
import org.mozilla.javascript.ast.VariableInitializer;

/**
 * Finds the loop code that Rhino runs differently from Node: it keeps one binding for a
 * {@code let}/{@code const} declared in a {@code for} header, so functions created in the loop
 * all see its last value, and a {@code const} in a loop body keeps its first value. Both would
 * compile every action of such a loop to the wrong SQL without a word, so they are reported.
 */
public final class LoopBindings {
    private static final Pattern HAS_LOOP = Pattern.compile("\\b(for|while)\\s*\\(|\\bdo\\s*\\{");
    /** Array methods that call the function they are given before returning. */
    private static final Set<String> CALLS_AT_ONCE = Set.of("map", "forEach", "filter", "reduce", "reduceRight", "some", "every",
            "find", "findIndex", "flatMap", "sort");

    /** A place in the program and what is wrong there. */
    public record Problem(int line, String message, String hint) {}

    /** Results by file: parsing a file again for this check took a sixth of a repeated compile. */
    private static final FileCache<List<Problem>> CHECKED = new FileCache<>();

    private LoopBindings() {}

    public static List<Problem> check(String source, String fileName) {
        return CHECKED.get(fileName, source, text -> List.copyOf(find(text, fileName)));
    }

    private static List<Problem> find(String source, String fileName) {
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
            String captured = capturedByFunction(loop.getBody(), changingNames(loop, d));
            if (captured != null) {
                problems.add(new Problem(loop.getLineno(),
                        "a function created in this loop uses " + captured + ", and Porygon's JavaScript engine (Rhino) keeps one "
                                + captured + " for all iterations: every call would see its last value",
                        "loop with array.forEach(function (" + captured + ") { ... }), or copy it into a let inside the loop body"));
            }
        }
        loop.getBody().visit(node -> {
            if (node instanceof FunctionNode) return false; // a new scope per call: fine
            if (node instanceof VariableDeclaration d && d.isConst()) {
                problems.add(new Problem(d.getLineno(),
                        "a const declared in a loop body keeps its first value in Porygon's JavaScript engine (Rhino)",
                        "declare it with let"));
            }
            return !(node instanceof Loop) || node == loop.getBody(); // nested loops are visited on their own
        });
    }

    /** The header's names that change between iterations: all of a for-in/of's, those a for loop's update touches. */
    private static Set<String> changingNames(Loop loop, VariableDeclaration header) {
        Set<String> declared = new HashSet<>();
        for (VariableInitializer v : header.getVariables()) bindingNames(v.getTarget(), declared);
        if (!(loop instanceof ForLoop f) || f.getIncrement() == null || f.getIncrement() instanceof EmptyExpression) return declared;
        Set<String> updated = new HashSet<>();
        f.getIncrement().visit(node -> {
            if (node instanceof Name n && declared.contains(n.getIdentifier())) updated.add(n.getIdentifier());
            return true;
        });
        return updated;
    }

    /** The names a declaration target binds: a name, or every name of a destructuring pattern ({@code [k, v]}, {@code {k, v: w}}). */
    private static void bindingNames(AstNode target, Set<String> names) {
        if (target instanceof Name n) names.add(n.getIdentifier());
        else if (target instanceof ArrayLiteral array) array.getElements().forEach(e -> bindingNames(e, names));
        else if (target instanceof ObjectLiteral object) {
            for (ObjectProperty p : object.getElements()) bindingNames(p.getRight() != null ? p.getRight() : p.getLeft(), names);
        } else if (target instanceof Assignment withDefault) bindingNames(withDefault.getLeft(), names);
    }

    /**
     * The first of {@code names} that a function created in {@code body} and kept for later refers
     * to, or null. A function handed to map, forEach and the like runs at once, inside the
     * iteration, so it sees the current value: only the functions it creates in turn are checked.
     */
    private static String capturedByFunction(AstNode body, Set<String> names) {
        String[] found = {null};
        body.visit(node -> {
            if (found[0] != null) return false;
            if (node instanceof FunctionNode fn) {
                if (runsAtOnce(fn)) return true;
                found[0] = freeUse(fn, names);
                return false;
            }
            return true;
        });
        return found[0];
    }

    private static boolean runsAtOnce(FunctionNode fn) {
        return fn.getParent() instanceof FunctionCall call && call.getArguments().contains(fn)
                && call.getTarget() instanceof PropertyGet method && CALLS_AT_ONCE.contains(method.getProperty().getIdentifier());
    }

    /** The first of {@code names} that {@code fn} reads as a variable (not a property, a key or its own parameter), or null. */
    private static String freeUse(FunctionNode fn, Set<String> names) {
        Set<String> visible = new HashSet<>(names);
        for (AstNode param : fn.getParams()) {
            if (param instanceof Name n) visible.remove(n.getIdentifier());
        }
        return visible.isEmpty() ? null : firstUse(fn.getBody(), visible);
    }

    private static String firstUse(AstNode node, Set<String> visible) {
        if (node instanceof FunctionNode fn) return freeUse(fn, visible);
        if (node instanceof PropertyGet get) return firstUse(get.getTarget(), visible); // the property name is no variable
        if (node instanceof ObjectProperty property) return firstUse(property.getRight(), visible); // nor is the key
        if (node instanceof Name n) return visible.contains(n.getIdentifier()) ? n.getIdentifier() : null;
        String[] found = {null};
        node.visit(child -> {
            if (child == node) return true;
            if (found[0] == null) found[0] = firstUse(child, visible);
            return false; // firstUse has covered the child's subtree
        });
        return found[0];
    }
}
