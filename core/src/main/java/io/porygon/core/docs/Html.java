package io.porygon.core.docs;

import java.util.Locale;

/** Escaping and small formatting helpers shared by the pages; everything from the project goes through {@link #esc}. */
final class Html {
    private Html() {}

    /** Escapes text for HTML element content and quoted attribute values. */
    static String esc(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** An id usable as an HTML anchor, stable for a given action id and different for different ones. */
    static String anchor(String actionId) {
        return "a-" + idSafe(actionId);
    }

    /**
     * Text as letters, digits, '-', '.' and '_' only, one to one: '_' becomes "__", any other
     * character "_" + 2 hex digits, "_u" + 4 or "_U" + 6 for wider ones ('u' and 'U' are not hex).
     */
    static String idSafe(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(c -> {
            if (c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '.')) sb.appendCodePoint(c);
            else if (c == '_') sb.append("__");
            else if (c <= 0xff) sb.append(String.format(Locale.ROOT, "_%02x", c));
            else if (c <= 0xffff) sb.append(String.format(Locale.ROOT, "_u%04x", c));
            else sb.append(String.format(Locale.ROOT, "_U%06x", c));
        });
        return sb.toString();
    }

    /** The plural of a type's name for a heading or count: "tables", but "operations" stays. */
    static String plural(String word, long n) {
        return n == 1 || word.endsWith("s") ? word : word + "s";
    }

    /**
     * JSON to embed in a {@code <script>} element: '<' only occurs inside JSON strings, where
     * {@code \u003c} means the same, so no "</script>" can end the element early.
     */
    static String scriptJson(String json) {
        return json.replace("<", "\\u003c");
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String duration(long ms) {
        if (ms < 1000) return ms + " ms";
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** The page frame shared by index.html and dashboard.html: inline CSS, no external resources. */
    static String page(String title, String nav, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>
                %s
                </style>
                </head>
                <body>
                <header><span class="brand">Porygon</span>%s</header>
                <main>
                %s
                </main>
                </body>
                </html>
                """.formatted(esc(title), CSS, nav, body);
    }

    private static final String CSS = """
            body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2933; background: #f5f7fa; }
            header { background: #243b53; color: #fff; padding: 10px 24px; display: flex; gap: 24px; align-items: baseline; }
            header .brand { font-weight: 700; font-size: 18px; }
            header a { color: #bcccdc; text-decoration: none; }
            header a.current { color: #fff; border-bottom: 2px solid #f0b429; }
            main { padding: 16px 24px 48px; max-width: 1400px; box-sizing: border-box; }
            h1 { font-size: 22px; margin: 8px 0 4px; }
            h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #d9e2ec; padding-bottom: 4px; }
            h3 { font-size: 15px; margin: 18px 0 6px; color: #486581; }
            .muted { color: #627d98; }
            .card { background: #fff; border: 1px solid #d9e2ec; border-radius: 6px; padding: 12px 16px; margin: 10px 0; }
            .card h4 { margin: 0 0 4px; font-size: 15px; }
            table { border-collapse: collapse; margin: 6px 0; background: #fff; }
            th, td { border: 1px solid #d9e2ec; padding: 3px 8px; text-align: left; vertical-align: top; }
            th { background: #f0f4f8; font-weight: 600; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12px; }
            pre { background: #f0f4f8; padding: 8px; overflow-x: auto; border-radius: 4px; max-height: 360px; }
            details > summary { cursor: pointer; color: #334e68; }
            .tag { display: inline-block; background: #e3f8ff; color: #0b69a3; border-radius: 10px; padding: 0 8px; margin-right: 4px; font-size: 12px; }
            .type { display: inline-block; border-radius: 4px; padding: 0 6px; font-size: 12px; color: #fff; background: #627d98; }
            .type.declaration { background: #8d6e63; } .type.table { background: #2f80ed; } .type.view { background: #27ae60; }
            .type.incremental { background: #9b51e0; } .type.operations { background: #f2994a; } .type.assertion { background: #eb5757; }
            .status-SUCCEEDED { color: #1e7e34; } .status-FAILED { color: #c62828; font-weight: 600; } .status-SKIPPED, .status-CANCELLED { color: #b7791f; }
            .status-DISABLED { color: #829ab1; }
            .toc { columns: 3 260px; margin: 6px 0; padding-left: 18px; } .toc li { overflow-wrap: anywhere; }
            .lineage { background: #fff; border: 1px solid #d9e2ec; border-radius: 6px; overflow-x: auto; }
            .lineage svg { display: block; max-width: 100%; height: auto; }
            .lineage a:hover rect { stroke: #f0b429; stroke-width: 3; }
            .note { background: #fffbea; border: 1px solid #f0b429; border-radius: 6px; padding: 10px 14px; }
            .tiles { display: flex; flex-wrap: wrap; gap: 12px; margin: 10px 0; }
            .tile { background: #fff; border: 1px solid #d9e2ec; border-radius: 6px; padding: 10px 16px; min-width: 170px; }
            .tile .label { color: #627d98; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
            .tile .value { font-size: 24px; font-weight: 700; }
            .grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
            .bar { background: #2f80ed; height: 12px; border-radius: 2px; }
            .neg { color: #c62828; } .pos { color: #1e7e34; }
            """;
}
