package io.porygon.core.docs;

import static io.porygon.core.docs.Html.anchor;
import static io.porygon.core.docs.Html.esc;

import io.porygon.core.graph.ColumnDescriptor;
import io.porygon.core.lineage.ColumnLineage;
import io.porygon.core.lineage.ColumnSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An action card's table of columns: each column's description and tags as the project documents them, and the
 * upstream columns it is derived from, each a link to its action's card.
 */
final class ColumnTable {
    private final Map<String, ActionDoc> byId;

    ColumnTable(Map<String, ActionDoc> byId) {
        this.byId = byId;
    }

    /** The table, or nothing when the action has neither documented nor derived columns. */
    String render(ActionDoc a) {
        StringBuilder b = new StringBuilder();
        if (a.lineage().unresolved() != null) {
            b.append("<p class=\"muted\">Column lineage: ").append(esc(a.lineage().unresolved())).append("</p>\n");
        }
        List<Row> rows = rows(a);
        if (rows.isEmpty()) return b.toString();
        boolean tagged = a.columns().stream().anyMatch(c -> c.tags() != null && !c.tags().isEmpty());
        // a source's columns start there: only a dataset has something to show in "derived from"
        boolean derived = rows.stream().anyMatch(r -> r.lineage() != null && (!r.lineage().derivation().resolved()
                || !r.lineage().derivation().sources().isEmpty()));
        b.append("<table><tr><th>column</th><th>description</th>").append(tagged ? "<th>tags</th>" : "")
                .append(derived ? "<th>derived from</th>" : "").append("</tr>\n");
        for (Row r : rows) {
            ColumnDescriptor d = r.descriptor();
            b.append("<tr><td><code>").append(esc(r.name())).append("</code></td><td>").append(d == null ? "" : esc(d.description()))
                    .append("</td>");
            if (tagged) {
                b.append("<td>");
                for (String t : d == null || d.tags() == null ? List.<String>of() : d.tags()) {
                    b.append("<span class=\"tag\">").append(esc(t)).append("</span>");
                }
                b.append("</td>");
            }
            if (derived) b.append("<td>").append(sources(r.lineage())).append("</td>");
            b.append("</tr>\n");
        }
        return b.append("</table>\n").toString();
    }

    /** One row: a derived column with its description, or a documented column the lineage does not list. */
    private record Row(String name, ColumnDescriptor descriptor, ColumnLineage lineage) {}

    /** The query's columns in its order, then the documented ones it does not have (struct fields, or stale docs). */
    private static List<Row> rows(ActionDoc a) {
        List<Row> rows = new ArrayList<>();
        List<ColumnDescriptor> unmatched = new ArrayList<>(a.columns());
        for (ColumnLineage c : a.lineage().columns()) {
            ColumnDescriptor d = unmatched.stream().filter(x -> x.path().size() == 1 && x.path().get(0).equalsIgnoreCase(c.name()))
                    .findFirst().orElse(null);
            unmatched.remove(d);
            rows.add(new Row(c.name(), d, c));
        }
        for (ColumnDescriptor d : unmatched) rows.add(new Row(String.join(".", d.path()), d, null));
        return rows;
    }

    private String sources(ColumnLineage c) {
        if (c == null) return "";
        if (!c.derivation().resolved()) return "<span class=\"muted\">unresolved: " + esc(c.derivation().unresolved()) + "</span>";
        if (c.derivation().sources().isEmpty()) return "<span class=\"muted\">no column (a constant or COUNT(*))</span>";
        List<String> links = new ArrayList<>();
        for (ColumnSource s : c.derivation().sources()) {
            ActionDoc from = byId.get(s.node());
            links.add(from == null ? "<code>" + esc(s.node() + "." + s.column()) + "</code>"
                    : "<a href=\"#" + esc(anchor(s.node())) + "\" title=\"" + esc(s.node()) + "\">" + esc(from.name() + "." + s.column()) + "</a>");
        }
        return String.join(", ", links);
    }
}
