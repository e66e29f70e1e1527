import java.nio.file.*;

/** Evaluates a script file in a fresh engine and prints the result and the in-process time. */
public class Eval {
  public static void main(String[] a) throws Exception {
    String engine = a[0], file = a[1];
    String src = Files.readString(Path.of(file));
    long t0 = System.nanoTime();
    String out;
    if (engine.equals("rhino")) {
      org.mozilla.javascript.Context cx = org.mozilla.javascript.Context.enter();
      cx.setLanguageVersion(org.mozilla.javascript.Context.VERSION_ES6);
      cx.setInterpretedMode(true);
      org.mozilla.javascript.Scriptable scope = cx.initSafeStandardObjects();
      out = String.valueOf(cx.evaluateString(scope, src, file, 1, null));
    } else {
      try (org.graalvm.polyglot.Context cx = org.graalvm.polyglot.Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build()) {
        out = cx.eval("js", src).asString();
      }
    }
    long t1 = System.nanoTime();
    System.out.println(out.length() > 2000 ? out.substring(0, 300) + "..." : out);
    System.err.printf("%s in-process eval ms: %.1f%n", engine, (t1 - t0) / 1e6);
  }
}
