package io.porygon.core.compile.js;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mozilla.javascript.BaseFunction;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;
import org.mozilla.javascript.ErrorReporter;
import org.mozilla.javascript.EvaluatorException;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.NativeArray;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.Script;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptStackElement;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;

/**
 * The sandboxed JavaScript engine (Mozilla Rhino, interpreted) with Porygon's session API loaded.
 * Project code gets the ECMAScript standard library only: no Java classes (a ClassShutter that
 * denies all), no {@code Packages}/{@code java} globals, no file system or network, and a
 * wall-clock limit enforced by an instruction observer. One instance per compile, one thread.
 */
public final class JsRuntime implements AutoCloseable {
    static final String SESSION_FILE = "porygon-session.js";
    /** What session.js throws for a require() of a file that did not parse, whose syntax error is reported in it. */
    public static final String UNPARSED_MODULE = " did not parse: its syntax error is reported in ";
    /** Rhino's message for an assignment to a name nothing declares (an error here: see SandboxFactory). */
    public static final String UNDECLARED_ASSIGNMENT = "Assignment to undeclared variable";
    /** Wraps a CommonJS module's source in a factory function, on the module's first line. */
    private static final String MODULE_PREFIX = "(function (module, exports, require) {";
    private static final SandboxFactory FACTORY = new SandboxFactory();

    /**
     * What project code's console.log (and .info, .warn, .error, ...) prints, a line at a time: on stderr, so that
     * {@code compile --json} still prints the JSON alone on stdout (Dataform prints it on stdout, before the JSON).
     */
    private static final BaseFunction PRINT = new BaseFunction() {
        @Override
        public Object call(Context cx, Scriptable scope, Scriptable thisObj, Object[] args) {
            System.err.println(args.length == 0 ? "" : Context.toString(args[0]));
            return Undefined.instance;
        }
    };

    /** Parsed scripts: they hold no state and can run in any scope, so compiles share them. */
    private static final FileCache<Script> SCRIPTS = new FileCache<>();

    /** Replaced, and the scope and the session dropped (null), once the engine has failed: see engineFailed. */
    private Context cx;
    private ScriptableObject scope;
    private Scriptable porygon;
    /** Set aside so that a failure can be placed and reported once project code has used up the rest of the heap. */
    private byte[] reserve = new byte[1 << 20];
    private final Map<String, JsProgram> programs = new HashMap<>();

    private JsRuntime(String projectConfigJson, long timeoutMillis) {
        cx = FACTORY.enterContext();
        try {
            cx.putThreadLocal(SandboxFactory.DEADLINE, System.nanoTime() + timeoutMillis * 1_000_000L);
            scope = cx.initSafeStandardObjects();
            ScriptableObject.putProperty(scope, "__projectConfigJson", projectConfigJson);
            ScriptableObject.putProperty(scope, "__porygonPrint", PRINT);
            SessionScript.get(cx).exec(cx, scope);
            porygon = (Scriptable) ScriptableObject.getProperty(scope, "__porygon");
        } catch (RuntimeException | Error e) {
            Context.exit();
            throw e;
        }
    }

    public static JsRuntime start(String projectConfigJson, long timeoutMillis) {
        return new JsRuntime(projectConfigJson, timeoutMillis);
    }

    /**
     * Project .js files outside includes/ and definitions/, which only {@code require} loads: each is
     * compiled when first required, so a Node script kept beside the project is never parsed.
     */
    public void defineLazyModules(List<JsProgram> lazy) {
        Map<String, JsProgram> byPath = new HashMap<>();
        lazy.forEach(p -> byPath.put(p.fileName(), p));
        ScriptableObject.putProperty(scope, "__porygonLoadModule", new BaseFunction() {
            @Override
            public Object call(Context cx, Scriptable scope, Scriptable thisObj, Object[] args) {
                JsProgram program = args.length == 0 ? null : byPath.remove(Context.toString(args[0])); // project code can call it too
                if (program == null) return false;
                try {
                    defineModule(program);
                } catch (JsException e) {
                    JsError error = e.error();
                    throw new EvaluatorException(error.message(), error.fileName(), error.line(), null, error.column());
                }
                return true;
            }
        });
    }

    /** Registers a CommonJS module (an include or a definitions .js file); it runs when first required. */
    public void defineModule(JsProgram program) throws JsException {
        programs.put(program.fileName(), program);
        try {
            Script script = compiled(program.fileName(), MODULE_PREFIX + program.source() + "\n})");
            Function factory = (Function) script.exec(cx, scope);
            callPorygon("defineModule", program.fileName(), factory);
        } catch (RhinoException e) {
            callPorygon("didNotParse", program.fileName()); // a require() of it then says so (see session.js)
            JsError error = toError(e, program.fileName());
            if (error.line() == 1 && error.column() > MODULE_PREFIX.length()) {
                // the wrapper shares the file's first line
                error = new JsError(error.fileName(), 1, error.column() - MODULE_PREFIX.length(), error.message());
            }
            throw new JsException(error, e);
        } catch (StackOverflowError | OutOfMemoryError | RuntimeException e) {
            throw engineFailed(e, program.fileName());
        }
    }

    /** Requires a module and returns its exports. */
    public Object require(String fileName) throws JsException {
        return callPorygonIn(fileName, "require", fileName);
    }

    /** Shows or hides publish(), operate(), assert(), declare() and test(): hidden while the includes load. */
    public void setApiVisible(boolean visible) {
        try {
            callPorygon("apiVisible", visible);
        } catch (JsException e) {
            throw new IllegalStateException("the session's API", e);
        }
    }

    /** Tells the session that {@code fileName}'s JavaScript threw (see session.js, fileThrew). */
    public void fileThrew(String fileName) {
        try {
            callPorygon("fileThrew", fileName);
        } catch (JsException e) {
            throw new IllegalStateException("the session's API", e);
        }
    }

    /**
     * The names of the functions among an include's exports (its own properties), for a "did you mean". A property
     * with a getter is left out unread: the getter is project code, which may throw or count its reads.
     */
    public static List<String> functionNames(Object exports) {
        if (!(exports instanceof ScriptableObject object)) return List.of();
        List<String> out = new ArrayList<>();
        for (Object id : object.getIds()) {
            if (!(id instanceof String name) || object.getGetterOrSetter(name, 0, false) instanceof Function) continue;
            if (ScriptableObject.getProperty(object, name) instanceof Function) out.add(name);
        }
        return out;
    }

    public void setGlobal(String name, Object value) {
        ScriptableObject.putProperty(scope, name, value);
    }

    /** Runs a generated program (a compiled SQLX file) at top level. */
    public void run(JsProgram program) throws JsException {
        programs.put(program.fileName(), program);
        try {
            callPorygon("setFile", program.fileName());
            compiled(program.fileName(), program.source()).exec(cx, scope);
        } catch (RhinoException e) {
            throw new JsException(toError(e, program.fileName()), e);
        } catch (StackOverflowError | OutOfMemoryError | RuntimeException e) {
            throw engineFailed(e, program.fileName());
        } finally {
            if (porygon != null) callPorygon("setFile", (Object) null); // null: the engine failed, the session is gone
        }
    }

    private Script compiled(String fileName, String source) {
        return SCRIPTS.get(fileName, source, text -> {
            NestedPatternDefaults.check(text, fileName); // Rhino reads it, and binds nothing
            return cx.compileString(text, fileName, 1, null);
        });
    }

    /** Evaluates every registered action and returns the session's plain-data result. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> compileSession() throws JsException {
        Object result = callPorygon("compile");
        try {
            return (Map<String, Object>) toJava(result);
        } catch (RhinoException e) {
            // project code run by the copy (a getter in a config value) threw: its error, not the engine's
            throw new JsException(toError(e, null), e);
        } catch (StackOverflowError | OutOfMemoryError | RuntimeException e) {
            // project data in the result (a config value nested thousands of levels deep), copied by recursion
            throw engineFailed(e, null);
        }
    }

    /** Maps a generated line of a file back to the file's own line. */
    public int originalLine(String fileName, int generatedLine) {
        JsProgram p = programs.get(fileName);
        return p == null ? generatedLine : p.originalLine(generatedLine);
    }

    private Object callPorygon(String method, Object... args) {
        return callPorygonIn(null, method, args);
    }

    /** As {@link #callPorygon}; a failure of the engine itself that session.js cannot place is placed in {@code file}. */
    private Object callPorygonIn(String file, String method, Object... args) {
        try {
            // no local holds the function: on a failure of the engine, nothing here may keep the session's heap
            return ((Function) ScriptableObject.getProperty(porygon, method)).call(cx, scope, porygon, args);
        } catch (RhinoException e) {
            throw new JsException(toError(e, null), e);
        } catch (StackOverflowError | OutOfMemoryError | RuntimeException e) {
            throw engineFailed(e, file);
        }
    }

    /**
     * A failure of the engine itself, at the place session.js says it was (an Error skips the script's finally blocks,
     * which would have moved it on), else in {@code fallbackFile}. A JsException from a nested call is thrown on unchanged.
     * The session's objects are then dropped, so that what project code filled the heap with is freed for the report:
     * the runtime can only be closed after this.
     */
    private EngineFailed engineFailed(Throwable e, String fallbackFile) {
        if (e instanceof JsException nested) throw nested;
        reserve = null;
        String file = fallbackFile;
        int line = 0;
        int column = 0;
        try {
            freshContext();
            Object where = ((Function) ScriptableObject.getProperty(porygon, "where")).call(cx, scope, porygon, new Object[0]);
            if (toJava(where) instanceof Map<?, ?> at && at.get("fileName") instanceof String f) {
                file = f;
                line = at.get("line") instanceof Number n ? n.intValue() : 0;
                column = at.get("column") instanceof Number n ? n.intValue() : 0;
            }
        } catch (RuntimeException | Error placeUnknown) {
            // out of memory again, most often (what project code keeps in globals is freed below): reported all the same
        }
        scope = null;
        porygon = null;
        dropContext(); // where() may have failed too, out of memory, and left its own frame on it
        return EngineFailed.of(e, file, line, column);
    }

    /**
     * Rhino keeps a failed script's innermost frame, and all that it held, on its Context: a new Context lets them go
     * (the old one is dropped first, as making the new one may need that memory).
     */
    private void freshContext() {
        dropContext();
        cx = FACTORY.enterContext();
    }

    private void dropContext() {
        if (cx != null) Context.exit(); // null: dropped, or making the next one failed
        cx = null;
    }

    private JsError toError(RhinoException e, String fallbackFile) {
        String file = e.sourceName() != null && !e.sourceName().equals(SESSION_FILE) ? e.sourceName() : fallbackFile;
        int line = e.sourceName() != null && e.sourceName().equals(file) ? originalLine(file, e.lineNumber()) : 0;
        if (line == 0) {
            // The error surfaced in session code: take the innermost frame in a project file.
            for (var frame : e.getScriptStack()) {
                if (frame.fileName != null && !frame.fileName.equals(SESSION_FILE)) {
                    file = frame.fileName;
                    line = originalLine(file, frame.lineNumber);
                    break;
                }
            }
        }
        int column = Math.max(e.columnNumber(), 0);
        return new JsError(file, line, column, e.details());
    }

    /** Rhino values to plain Java: objects to maps, arrays to lists, numbers to Double, functions dropped. */
    static Object toJava(Object v) {
        if (v == null || v instanceof Undefined || v instanceof Function) return null;
        if (v instanceof CharSequence s) return s.toString();
        if (v instanceof Boolean || v instanceof Number) return v;
        if (v instanceof NativeArray a) {
            List<Object> out = new ArrayList<>((int) a.getLength());
            for (int i = 0; i < a.getLength(); i++) out.add(toJava(a.get(i, a)));
            return out;
        }
        if (v instanceof Scriptable o) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Object id : o.getIds()) {
                String key = id.toString();
                Object value = id instanceof Integer i ? o.get(i, o) : o.get(key, o);
                Object converted = toJava(value);
                if (converted != null) out.put(key, converted);
            }
            return out;
        }
        return v.toString();
    }

    @Override
    public void close() {
        dropContext();
    }

    /** An exception thrown by project JavaScript, carrying its located error. */
    public static final class JsException extends RuntimeException {
        private final JsError error;

        JsException(JsError error, Throwable cause) {
            super(error.message(), cause);
            this.error = error;
        }

        public JsError error() {
            return error;
        }
    }

    /** A Rhino message without the place in the generated script its text ends with ({@code (file#5)}): errors are located apart. */
    public static String withoutScriptPlace(String message) {
        return message.replaceFirst("\\s*\\([^()]*#\\d+\\)$", "");
    }

    /** The session script, compiled once per JVM (compiled scripts are immutable and shareable). */
    private static final class SessionScript {
        private static Script script;

        static synchronized Script get(Context cx) {
            if (script == null) {
                try (InputStream in = JsRuntime.class.getResourceAsStream("session.js")) {
                    if (in == null) throw new IllegalStateException("session.js missing from the classpath");
                    script = cx.compileString(new String(in.readAllBytes(), StandardCharsets.UTF_8), SESSION_FILE, 1, null);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read session.js", e);
                }
            }
            return script;
        }
    }

    /**
     * Thrown (as an Error, which script code cannot catch) when project code runs too long;
     * {@code fileName}/{@code line} (generated) are where it was, or null/0.
     */
    public static final class TimeLimitExceeded extends Error {
        private final String fileName;
        private final int line;

        TimeLimitExceeded(String fileName, int line) {
            super("project JavaScript ran longer than the compile time limit (an endless loop?)");
            this.fileName = fileName;
            this.line = line;
        }

        /** The running project file when time ran out, or null. */
        public String fileName() {
            return fileName;
        }

        /** Its line in the generated script; map it with {@link JsRuntime#originalLine}. */
        public int line() {
            return line;
        }

        /** The innermost frame in a project file (not the session's own code) of the interpreter's current stack. */
        static TimeLimitExceeded here() {
            for (ScriptStackElement frame : new EvaluatorException("").getScriptStack()) {
                if (frame.fileName != null && !frame.fileName.equals(SESSION_FILE)) return new TimeLimitExceeded(frame.fileName, frame.lineNumber);
            }
            return new TimeLimitExceeded(null, 0);
        }
    }

    /** Contexts for untrusted code: ES6, interpreted, no Java access, bounded time. */
    private static final class SandboxFactory extends ContextFactory {
        static final String DEADLINE = "porygon.deadline";
        static final String TIMED_OUT = "porygon.timedOut";

        /**
         * As Dataform runs project code (strict mode), an assignment to an undeclared name is an error, not a
         * new global. Rhino's own strict mode is not used: it refuses what ES2015 allows (a repeated key in an
         * object literal), where strict variables only warn, which the reporter turns into the error.
         */
        @Override
        protected boolean hasFeature(Context cx, int feature) {
            return feature == Context.FEATURE_STRICT_VARS || super.hasFeature(cx, feature);
        }

        @Override
        protected Context makeContext() {
            Context cx = super.makeContext();
            ErrorReporter defaults = cx.getErrorReporter();
            cx.setErrorReporter(new ErrorReporter() {
                @Override
                public void warning(String message, String sourceName, int line, String lineSource, int lineOffset) {
                    // under FEATURE_STRICT_VARS, Rhino only warns of an assignment to an undeclared name
                    if (message.startsWith(UNDECLARED_ASSIGNMENT)) {
                        throw new EvaluatorException(withoutScriptPlace(message), sourceName, line, lineSource, lineOffset);
                    }
                    defaults.warning(message, sourceName, line, lineSource, lineOffset);
                }

                @Override
                public void error(String message, String sourceName, int line, String lineSource, int lineOffset) {
                    defaults.error(message, sourceName, line, lineSource, lineOffset);
                }

                @Override
                public EvaluatorException runtimeError(String message, String sourceName, int line, String lineSource, int lineOffset) {
                    return defaults.runtimeError(message, sourceName, line, lineSource, lineOffset);
                }
            });
            cx.setLanguageVersion(Context.VERSION_ES6);
            cx.setInterpretedMode(true);
            cx.setClassShutter(className -> false);
            cx.setInstructionObserverThreshold(50_000);
            cx.setGeneratingSource(false); // no function source for toString(): parsing costs ~8% less CPU
            cx.setMaximumInterpreterStackDepth(10_000);
            return cx;
        }

        @Override
        protected void observeInstructionCount(Context cx, int instructionCount) {
            Object deadline = cx.getThreadLocal(DEADLINE);
            if (deadline instanceof Long d && System.nanoTime() > d) {
                // the first one keeps its place: the script's finally blocks run on and end up here again
                if (!(cx.getThreadLocal(TIMED_OUT) instanceof TimeLimitExceeded)) cx.putThreadLocal(TIMED_OUT, TimeLimitExceeded.here());
                throw (TimeLimitExceeded) cx.getThreadLocal(TIMED_OUT);
            }
        }
    }
}
