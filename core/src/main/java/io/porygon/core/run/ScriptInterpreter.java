package io.porygon.core.run;

import io.porygon.core.engine.Engine;
import io.porygon.core.engine.EngineException;
import io.porygon.core.engine.QueryResult;
import io.porygon.core.sql.ScriptProgram;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs an operation's procedural script (or its statements one at a time) on the engine, as BigQuery runs it: statements in order; a
 * branch when its condition is TRUE (FALSE and NULL skip it); loops until BREAK, RETURN or their
 * condition (a FOR over the rows of its query); a BEGIN ... EXCEPTION block runs its handler when a
 * statement of its body fails or a RAISE is reached. A cancelled run stops before the next statement
 * or pass.
 */
final class ScriptInterpreter {
    private enum Outcome { NEXT, BREAK, CONTINUE, RETURN }

    private final Engine engine;
    private final Runnable checkCancelled;
    private long changed = -1;
    /** A BEGIN TRANSACTION of the script ran and no COMMIT or ROLLBACK yet. */
    private boolean inTransaction;
    /** A handled error aborted the transaction: DuckDB dropped its changes, which BigQuery would still commit. */
    private boolean lostChanges;
    /** The error the running exception handler caught, which a RAISE without a message raises again; null outside handlers. */
    private EngineException caught;

    ScriptInterpreter(Engine engine, Runnable checkCancelled) {
        this.engine = engine;
        this.checkCancelled = checkCancelled;
    }

    /** Runs the program; returns the rows its statements changed, or -1 when none reported a count. */
    long run(List<ScriptProgram> program) {
        runAll(program);
        return changed;
    }

    private Outcome runAll(List<ScriptProgram> program) {
        for (ScriptProgram step : program) {
            Outcome outcome = run(step);
            if (outcome != Outcome.NEXT) return outcome;
        }
        return Outcome.NEXT;
    }

    private Outcome run(ScriptProgram step) {
        if (step instanceof ScriptProgram.Run r) {
            for (String statement : r.statements()) {
                checkCancelled.run();
                long n;
                try {
                    if (lostChanges && statement.equals("COMMIT")) {
                        throw new EngineException("COMMIT of a transaction after a handled error: DuckDB aborted the transaction at the"
                                + " error and kept none of its changes, where BigQuery commits those made before it; roll it back instead",
                                null);
                    }
                    n = engine.executeUpdate(statement);
                } catch (Failed e) {
                    throw e;
                } catch (EngineException e) {
                    // the statement that failed is known here, where a search of the whole script finds only the name
                    throw new Failed(e, EngineErrorLocation.lineIn(r.written(), r.line(), e.getMessage()));
                }
                if (n >= 0) changed = Math.max(changed, 0) + n;
                if (statement.equals("BEGIN TRANSACTION") || statement.equals("COMMIT") || statement.equals("ROLLBACK")) {
                    inTransaction = statement.equals("BEGIN TRANSACTION");
                    lostChanges = false;
                }
            }
            return Outcome.NEXT;
        }
        if (step instanceof ScriptProgram.If i) {
            for (ScriptProgram.Branch branch : i.branches()) {
                if (isTrue(branch.condition())) return runAll(branch.body());
            }
            return runAll(i.otherwise());
        }
        if (step instanceof ScriptProgram.Loop l) return loop(() -> true, l.body(), () -> false);
        if (step instanceof ScriptProgram.While w) return loop(() -> isTrue(w.condition()), w.body(), () -> false);
        if (step instanceof ScriptProgram.Repeat r) return loop(() -> true, r.body(), () -> isTrue(r.until()));
        if (step instanceof ScriptProgram.For f) return forEachRow(f);
        if (step instanceof ScriptProgram.Block b) return block(b);
        if (step instanceof ScriptProgram.Raise r) {
            // raised again, the handled error is where the statement that failed is
            if (r.message() == null) throw new Raised(caught.getMessage(), caught instanceof Failed f ? f.line : -1);
            throw new Raised(String.valueOf(value(r.message())), r.line());
        }
        return Outcome.valueOf(((ScriptProgram.Jump) step).name());
    }

    /** @param after checked after each pass (REPEAT's UNTIL), also after a CONTINUE */
    private Outcome loop(BooleanSupplier before, List<ScriptProgram> body, BooleanSupplier after) {
        while (true) {
            checkCancelled.run();
            if (!before.getAsBoolean()) return Outcome.NEXT;
            Outcome outcome = runAll(body);
            if (outcome == Outcome.RETURN) return outcome;
            if (outcome == Outcome.BREAK || after.getAsBoolean()) return Outcome.NEXT;
        }
    }

    private Outcome forEachRow(ScriptProgram.For f) {
        engine.executeUpdate(f.keepRows());
        try {
            long rows = ((Number) value(f.countRows())).longValue();
            long[] next = {0};
            BooleanSupplier anotherRow = () -> {
                if (next[0] >= rows) return false;
                engine.executeUpdate(String.format(f.setVariable(), next[0]++));
                return true;
            };
            return loop(anotherRow, f.body(), () -> false);
        } finally {
            for (String statement : f.forget()) {
                try {
                    engine.executeUpdate(statement);
                } catch (EngineException ignored) {
                    // an aborted transaction refuses it; the session's next FOR replaces the table, the action's end resets variables
                }
            }
        }
    }

    private Outcome block(ScriptProgram.Block b) {
        if (b.handler() == null) return runAll(b.body());
        try {
            return runAll(b.body());
        } catch (EngineException e) {
            checkCancelled.run(); // a statement interrupted by Ctrl-C is no error to handle
            if (inTransaction && !(e instanceof Raised)) {
                // DuckDB refuses every statement of an aborted transaction; the handler's run in a new one, which its ROLLBACK ends
                engine.executeUpdate("ROLLBACK");
                engine.executeUpdate("BEGIN TRANSACTION");
                lostChanges = true;
            }
            EngineException outer = caught;
            caught = e;
            setErrorMessage(b, e);
            try {
                return runAll(b.handler());
            } finally {
                caught = outer;
                if (outer != null) setErrorMessage(b, outer);
            }
        }
    }

    /** What {@code @@error.message} reads in the handler: the engine's message (without the SQL it quotes), or the RAISE's. */
    private void setErrorMessage(ScriptProgram.Block b, EngineException e) {
        String message = e.reason() == null ? "" : e.reason();
        engine.executeUpdate(String.format(b.setErrorMessage(), "'" + message.replace("'", "''") + "'"));
    }

    private boolean isTrue(String condition) {
        Object v = value(condition);
        if (v != null && !(v instanceof Boolean)) {
            throw new EngineException("a condition of the script is not a BOOL but " + v + ": " + condition, null);
        }
        return Boolean.TRUE.equals(v);
    }

    private Object value(String query) {
        checkCancelled.run();
        QueryResult result = engine.query(query, 1);
        return result.rows().isEmpty() ? null : result.rows().get(0).get(0);
    }

    /** An error of the script with its line, 1-based in the script's text (-1: unknown). */
    static class Failed extends EngineException {
        final int line;

        Failed(EngineException cause, int line) {
            super(cause.getMessage(), cause.reason(), cause);
            this.line = line;
        }

        Failed(String message, int line) {
            super(message, null);
            this.line = line;
        }
    }

    /** An error RAISE raised: the engine's transaction goes on. {@code line}: the RAISE's (or the re-raised error's). */
    static final class Raised extends Failed {
        Raised(String message, int line) {
            super(message, line);
        }
    }
}
