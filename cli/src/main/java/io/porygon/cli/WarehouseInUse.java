package io.porygon.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DuckDB's refusal to open a file another process holds, in Porygon's words: which process, whether it only reads,
 * and what to do. DuckDB's own text ends with advice for its shell (its -readonly parameter) and a link, which do
 * not apply to a porygon command.
 */
final class WarehouseInUse {
    private static final Pattern HOLDER = Pattern.compile("Conflicting lock is held in (.+?) \\(PID (\\d+)\\)");

    private WarehouseInUse() {}

    static boolean matches(String duckDbMessage) {
        return duckDbMessage.contains("Could not set lock on file") || duckDbMessage.contains("Conflicting lock");
    }

    /** What holds the file, e.g. "another process (PID 21994, /usr/bin/java) holds it to read". */
    static String message(String duckDbMessage) {
        Matcher m = HOLDER.matcher(duckDbMessage);
        String who = m.find() ? "another process (PID " + m.group(2) + ", " + m.group(1) + ")" : "another process";
        // DuckDB offers a read-only open when the holder only reads
        return who + " holds it" + (readByHolder(duckDbMessage) ? " to read" : "");
    }

    static String hint(String duckDbMessage, boolean readOnly) {
        if (readOnly) {
            return "a porygon run, generate or load, or a DuckDB shell or program that writes, holds the file alone while it has it open:"
                    + " retry once it ends";
        }
        if (readByHolder(duckDbMessage)) {
            return "writing needs the file alone: retry once that reader (a porygon history, docs or test, a DuckDB shell, a BI tool) closes it";
        }
        return "writing needs the file alone: retry once that process (a running porygon, a DuckDB shell or program) ends or closes it";
    }

    private static boolean readByHolder(String duckDbMessage) {
        return duckDbMessage.contains("read-only mode");
    }
}
