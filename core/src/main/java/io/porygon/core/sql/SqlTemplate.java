package io.porygon.core.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A DuckDB expression with holes for the translated arguments of a GoogleSQL call: {@code {0}},
 * {@code {1}}, ... print one argument, {@code {*}} all of them comma-separated. Parsed once when
 * the catalog is built, so rendering is a walk over a few segments.
 */
final class SqlTemplate {

    /** Literal text (argument == LITERAL), one argument, or all of them (argument == ALL). */
    private record Segment(String text, int argument) {}

    private static final int LITERAL = -1;
    private static final int ALL = -2;

    private final List<Segment> segments;
    private final int highestArgument;

    private SqlTemplate(List<Segment> segments, int highestArgument) {
        this.segments = segments;
        this.highestArgument = highestArgument;
    }

    static SqlTemplate parse(String template) {
        List<Segment> segments = new ArrayList<>();
        int highest = -1;
        int i = 0;
        StringBuilder text = new StringBuilder();
        while (i < template.length()) {
            char c = template.charAt(i);
            int close = c == '{' ? template.indexOf('}', i) : -1;
            if (close > i && isHole(template.substring(i + 1, close))) {
                String inner = template.substring(i + 1, close);
                int arg = inner.equals("*") ? ALL : Integer.parseInt(inner);
                if (text.length() > 0) segments.add(new Segment(text.toString(), LITERAL));
                text.setLength(0);
                segments.add(new Segment(null, arg));
                highest = Math.max(highest, arg);
                i = close + 1;
            } else {
                text.append(c);
                i++;
            }
        }
        if (text.length() > 0) segments.add(new Segment(text.toString(), LITERAL));
        return new SqlTemplate(List.copyOf(segments), highest);
    }

    private static boolean isHole(String inner) {
        return inner.equals("*") || (!inner.isEmpty() && inner.chars().allMatch(Character::isDigit));
    }

    /** Whether the template's own text contains {@code text} (e.g. TRY(, which refuses error() inside). */
    boolean mentions(String text) {
        return segments.stream().anyMatch(s -> s.argument == LITERAL && s.text.contains(text));
    }

    /** Whether some argument is printed more than once (a test, then the value): it must then be bound once. */
    boolean repeatsAnArgument() {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (Segment s : segments) {
            if (s.argument == ALL && !seen.isEmpty()) return true;
            if (s.argument != LITERAL && !seen.add(s.argument)) return true;
        }
        return false;
    }

    /** The number of arguments the template needs at least. */
    int minimumArguments() {
        return highestArgument + 1;
    }

    /** Callback that prints argument {@code index} (translated) to the output. */
    interface ArgumentPrinter {
        void print(int index);
    }

    void render(StringBuilder out, int argumentCount, ArgumentPrinter printer) {
        for (Segment s : segments) {
            if (s.argument == LITERAL) {
                out.append(s.text);
            } else if (s.argument == ALL) {
                for (int a = 0; a < argumentCount; a++) {
                    if (a > 0) out.append(", ");
                    printer.print(a);
                }
            } else {
                printer.print(s.argument);
            }
        }
    }
}
