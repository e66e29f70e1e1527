package io.porygon.core.sql;

import java.util.List;

/**
 * A BigQuery script with procedural statements (IF, loops, BEGIN ... EXCEPTION ... END), translated
 * for the runner to interpret: every statement is in the engine's dialect, and a condition or a
 * message is a query that returns one value.
 */
public sealed interface ScriptProgram {

    /**
     * The engine's statements for one statement of the script, run in order; {@code written} is that statement as
     * written (null when unknown) and {@code line} its first line, 1-based in the script's text (-1: unknown), for the
     * place of an error it fails with.
     */
    record Run(List<String> statements, String written, int line) implements ScriptProgram {
        public Run {
            statements = List.copyOf(statements);
        }

        public Run(List<String> statements) {
            this(statements, null, -1);
        }
    }

    /** {@code IF ... THEN} or {@code ELSEIF ... THEN}: its body runs when the condition is TRUE. */
    record Branch(String condition, List<ScriptProgram> body) {
        public Branch {
            body = List.copyOf(body);
        }
    }

    /** The first branch whose condition is TRUE runs, else {@code otherwise} (empty without ELSE). */
    record If(List<Branch> branches, List<ScriptProgram> otherwise) implements ScriptProgram {
        public If {
            branches = List.copyOf(branches);
            otherwise = List.copyOf(otherwise);
        }
    }

    /** {@code LOOP ... END LOOP}: until a BREAK (or RETURN). */
    record Loop(List<ScriptProgram> body) implements ScriptProgram {
        public Loop {
            body = List.copyOf(body);
        }
    }

    /** {@code WHILE condition DO ... END WHILE}: the condition is checked before each pass. */
    record While(String condition, List<ScriptProgram> body) implements ScriptProgram {
        public While {
            body = List.copyOf(body);
        }
    }

    /** {@code REPEAT ... UNTIL condition END REPEAT}: the condition is checked after each pass. */
    record Repeat(List<ScriptProgram> body, String until) implements ScriptProgram {
        public Repeat {
            body = List.copyOf(body);
        }
    }

    /**
     * {@code BEGIN ... END}; with {@code EXCEPTION WHEN ERROR THEN}, an error of the body (a failed
     * statement or a RAISE) runs {@code handler} instead of failing the script. {@code handler} is null
     * without an EXCEPTION clause; {@code setErrorMessage} is then null too, else the statement that
     * gives {@code @@error.message} its value, with {@code %s} for the message as a SQL string literal.
     */
    record Block(List<ScriptProgram> body, List<ScriptProgram> handler, String setErrorMessage) implements ScriptProgram {
        public Block {
            body = List.copyOf(body);
            handler = handler == null ? null : List.copyOf(handler);
        }
    }

    /**
     * {@code FOR variable IN (query) DO ... END FOR}: the body runs once per row of the query, in its order, with
     * the variable set to the row as a STRUCT. {@code keepRows} stores the rows, {@code countRows} counts them,
     * {@code setVariable} sets the variable to one ({@code %d}: its index from 0), {@code forget} drops both.
     */
    record For(String keepRows, String countRows, String setVariable, List<String> forget, List<ScriptProgram> body)
            implements ScriptProgram {
        public For {
            forget = List.copyOf(forget);
            body = List.copyOf(body);
        }

        For withBody(List<ScriptProgram> statements) {
            return new For(keepRows, countRows, setVariable, forget, statements);
        }
    }

    /**
     * {@code RAISE [USING MESSAGE = expression]}: {@code message} is a query of the message, or null to raise the handled
     * error again; {@code line} is where the RAISE is written, 1-based in the script's text, for the error's place.
     */
    record Raise(String message, int line) implements ScriptProgram {}

    /** BREAK (LEAVE), CONTINUE (ITERATE) and RETURN. */
    enum Jump implements ScriptProgram { BREAK, CONTINUE, RETURN }

    /** The program as readable text (for --dry-run and the action's SQL hash), conditions as the queries that compute them. */
    static String render(List<ScriptProgram> program) {
        StringBuilder out = new StringBuilder();
        render(program, "", out);
        return out.toString().stripTrailing();
    }

    private static void render(List<ScriptProgram> program, String indent, StringBuilder out) {
        String inner = indent + "  ";
        for (ScriptProgram p : program) {
            if (p instanceof Run r) {
                r.statements().forEach(s -> out.append(indent).append(s.replace("\n", "\n" + indent)).append(";\n"));
            } else if (p instanceof If i) {
                for (int b = 0; b < i.branches().size(); b++) {
                    Branch branch = i.branches().get(b);
                    out.append(indent).append(b == 0 ? "IF (" : "ELSEIF (").append(branch.condition()).append(") THEN\n");
                    render(branch.body(), inner, out);
                }
                if (!i.otherwise().isEmpty()) {
                    out.append(indent).append("ELSE\n");
                    render(i.otherwise(), inner, out);
                }
                out.append(indent).append("END IF;\n");
            } else if (p instanceof Loop l) {
                out.append(indent).append("LOOP\n");
                render(l.body(), inner, out);
                out.append(indent).append("END LOOP;\n");
            } else if (p instanceof While w) {
                out.append(indent).append("WHILE (").append(w.condition()).append(") DO\n");
                render(w.body(), inner, out);
                out.append(indent).append("END WHILE;\n");
            } else if (p instanceof Repeat r) {
                out.append(indent).append("REPEAT\n");
                render(r.body(), inner, out);
                out.append(indent).append("UNTIL (").append(r.until()).append(") END REPEAT;\n");
            } else if (p instanceof For f) {
                out.append(indent).append(f.keepRows().replace("\n", "\n" + indent)).append(";\n");
                out.append(indent).append("FOR EACH ROW (").append(f.setVariable()).append(") DO\n");
                render(f.body(), inner, out);
                out.append(indent).append("END FOR;\n");
            } else if (p instanceof Block b) {
                out.append(indent).append("BEGIN\n");
                render(b.body(), inner, out);
                if (b.handler() != null) {
                    out.append(indent).append("EXCEPTION WHEN ERROR THEN\n");
                    render(b.handler(), inner, out);
                }
                out.append(indent).append("END;\n");
            } else if (p instanceof Raise r) {
                out.append(indent).append("RAISE").append(r.message() == null ? "" : " USING MESSAGE = (" + r.message() + ")").append(";\n");
            } else {
                out.append(indent).append(((Jump) p).name()).append(";\n");
            }
        }
    }
}
