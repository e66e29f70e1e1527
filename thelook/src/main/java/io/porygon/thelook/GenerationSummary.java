package io.porygon.thelook;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Rows written (and, for {@code --advance}, rows updated) per table, in table order. */
public record GenerationSummary(Map<String, Long> rowsWritten, Map<String, Long> rowsUpdated) {

    public GenerationSummary {
        rowsWritten = new LinkedHashMap<>(rowsWritten);
        rowsUpdated = new LinkedHashMap<>(rowsUpdated);
    }

    public long totalRows() {
        return rowsWritten.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A small table for the terminal. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        boolean updates = !rowsUpdated.isEmpty();
        sb.append(String.format("%-22s %12s%s%n", "table", updates ? "new rows" : "rows", updates ? String.format(" %12s", "updated") : ""));
        for (var e : rowsWritten.entrySet()) {
            sb.append(String.format(Locale.ROOT, "%-22s %,12d", e.getKey(), e.getValue()));
            if (updates) sb.append(String.format(Locale.ROOT, " %,12d", rowsUpdated.getOrDefault(e.getKey(), 0L)));
            sb.append(System.lineSeparator());
        }
        sb.append(String.format(Locale.ROOT, "%-22s %,12d%n", "total", totalRows()));
        return sb.toString();
    }
}
