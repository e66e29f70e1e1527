package io.porygon.core.docs;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Draws a {@link LineageLayout.Layout} as an inline SVG; each box links to the action's section of index.html. */
final class LineageSvg {
    private static final int MAX_LABEL = 25;

    private LineageSvg() {}

    /**
     * The drawing scales down to the page's width (CSS max-width with the viewBox), but to no less
     * than three quarters of its size, so 12 px labels stay readable; a wider graph scrolls in its box.
     */
    static String render(LineageLayout.Layout layout, Map<String, ActionDoc> actions) {
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(layout.width()).append("\" height=\"")
                .append(layout.height()).append("\" viewBox=\"0 0 ").append(layout.width()).append(' ').append(layout.height())
                .append("\" style=\"min-width:").append(layout.width() * 3 / 4).append("px\"")
                .append(" role=\"img\" aria-label=\"Lineage\" font-family=\"system-ui, sans-serif\" font-size=\"12\">\n");
        sb.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                + " orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#9fb3c8\"/></marker></defs>\n");
        for (int c = 0; c < layout.columns(); c++) {
            Set<String> layers = new LinkedHashSet<>();
            for (LineageLayout.Node n : layout.nodes()) if (n.column() == c) layers.add(actions.get(n.id()).layer());
            int x = LineageLayout.columnX(c);
            sb.append("<text x=\"").append(x).append("\" y=\"").append(LineageLayout.PADDING + 12)
                    .append("\" fill=\"#627d98\" font-weight=\"600\">").append(Html.esc(label(String.join(" · ", layers), 30)))
                    .append("</text>\n");
        }
        for (EdgeRoute r : layout.routes()) {
            sb.append("<path d=\"").append(r.svgPath())
                    .append("\" fill=\"none\" stroke=\"#9fb3c8\" stroke-width=\"1.3\" marker-end=\"url(#arrow)\"><title>")
                    .append(Html.esc(r.edge().from() + " → " + r.edge().to())).append("</title></path>\n");
        }
        for (LineageLayout.Node n : layout.nodes()) {
            ActionDoc a = actions.get(n.id());
            String type = a.type().jsonName();
            sb.append("<a href=\"#").append(Html.esc(Html.anchor(a.id()))).append("\"><title>").append(Html.esc(a.id() + " (" + type + ")"))
                    .append("</title><rect x=\"").append(n.x()).append("\" y=\"").append(n.y()).append("\" width=\"")
                    .append(LineageLayout.NODE_WIDTH).append("\" height=\"").append(LineageLayout.NODE_HEIGHT)
                    .append("\" rx=\"5\" fill=\"").append(fill(type)).append("\" stroke=\"").append(stroke(type))
                    .append("\" stroke-width=\"1.5\"/><text x=\"").append(n.x() + 8).append("\" y=\"")
                    .append(n.y() + LineageLayout.NODE_HEIGHT / 2 + 4).append("\" fill=\"#1f2933\">")
                    .append(Html.esc(label(a.name(), MAX_LABEL))).append("</text></a>\n");
        }
        return sb.append("</svg>").toString();
    }

    /** At most {@code max} code points; never cuts a surrogate pair, whose lone half could not be written as UTF-8. */
    static String label(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) return s;
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }

    private static String fill(String type) {
        return switch (type) {
            case "declaration" -> "#efebe9";
            case "table" -> "#e3f0ff";
            case "view" -> "#e3f9e5";
            case "incremental" -> "#f3e8fd";
            case "operations" -> "#fff1e3";
            default -> "#fdecec";
        };
    }

    private static String stroke(String type) {
        return switch (type) {
            case "declaration" -> "#8d6e63";
            case "table" -> "#2f80ed";
            case "view" -> "#27ae60";
            case "incremental" -> "#9b51e0";
            case "operations" -> "#f2994a";
            default -> "#eb5757";
        };
    }

    /** The legend under the drawing. */
    static String legend() {
        StringBuilder sb = new StringBuilder("<p class=\"muted\">");
        for (String t : List.of("declaration", "table", "incremental", "view", "operations")) {
            sb.append("<span class=\"type ").append(t).append("\">").append(t).append("</span> ");
        }
        return sb.append(" — arrows point from a table to what reads it; assertions are listed per action below.</p>").toString();
    }
}
