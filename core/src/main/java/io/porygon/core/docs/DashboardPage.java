package io.porygon.core.docs;

import static io.porygon.core.docs.Html.esc;

import io.porygon.core.compile.json.JsonWriter;
import java.util.List;
import java.util.Locale;

/** Renders dashboard.html: KPI tiles, profit by month, top categories and countries, the YTD matrix. */
final class DashboardPage {
    private static final int CHART_W = 1100;
    private static final int CHART_H = 300;
    private static final int AXIS = 70;

    private DashboardPage() {}

    static String render(String projectName, DashboardData d) {
        return render(projectName, d, null);
    }

    /** {@code stale}: a warning that the newest run did not refresh the data under the views, or null. */
    static String render(String projectName, DashboardData d, String stale) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>Profit dashboard</h1>\n<p class=\"muted\">Realized sales (Shipped or Complete items) from the reporting views "
                + "<code>profit_view</code> and <code>profit_matrix_view</code>, aggregated by the warehouse.</p>\n");
        if (stale != null) {
            b.append("<div class=\"note\">").append(esc(stale)).append(" <a href=\"index.html#runs\">Run history</a></div>\n");
        }
        if (d.missing().isPresent()) {
            b.append("<div class=\"note\">").append(esc(d.missing().get())).append("</div>\n");
        } else {
            DashboardData.Kpis k = d.kpis();
            b.append("<div class=\"tiles\">")
                    .append(tile("Revenue", money(k.revenue())))
                    .append(tile("Cost of goods", money(k.costOfGoods())))
                    .append(tile("Gross profit", money(k.grossProfit())))
                    .append(tile("Gross margin", k.marginPercent() == null ? "n/a"
                            : String.format(Locale.ROOT, "%.1f %%", k.marginPercent())))
                    .append(tile("Items sold", Html.count(k.items())))
                    .append(tile("Countries", Html.count(k.countries())))
                    .append(tile("Sales dates", k.firstDate() == null ? "no sales yet" : esc(k.firstDate()) + " – " + esc(k.lastDate())))
                    .append("</div>\n");
            b.append("<h2>Revenue and gross profit by month</h2>\n").append(monthChart(d.months()));
            b.append("<div class=\"grid2\"><div><h2>Top categories by revenue</h2>\n")
                    .append(shareTable("category", d.categories(), false))
                    .append("</div><div><h2>Top countries by revenue</h2>\n").append(shareTable("country", d.countries(), true))
                    .append("</div></div>\n");
            b.append("<h2>Profit year to date vs. the same period last year</h2>\n").append(matrix(d.matrix()));
        }
        b.append("<script type=\"application/json\" id=\"dashboard-data\">")
                .append(Html.scriptJson(JsonWriter.write(d.toJson(), false))).append("</script>\n");
        String nav = "<a href=\"index.html\">Docs</a><a class=\"current\" href=\"dashboard.html\">Dashboard</a>";
        return Html.page(projectName + " — dashboard", nav, b.toString());
    }

    private static String tile(String label, String value) {
        return "<div class=\"tile\"><div class=\"label\">" + esc(label) + "</div><div class=\"value\">" + value + "</div></div>";
    }

    /** A row's name; a NULL one (a category or country the views leave empty) is said, not left blank. */
    private static String label(String name) {
        return name == null ? "<span class=\"muted\">(none)</span>" : esc(name);
    }

    static String money(double v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }

    /** Bars for revenue, a line for gross profit, on one scale. */
    private static String monthChart(List<DashboardData.Month> months) {
        if (months.isEmpty()) return "<p class=\"muted\">No sales yet.</p>";
        double max = 0, min = 0;
        for (DashboardData.Month m : months) {
            max = Math.max(max, Math.max(m.revenue(), m.grossProfit()));
            min = Math.min(min, Math.min(m.revenue(), m.grossProfit()));
        }
        NiceAxis axis = NiceAxis.of(min, max, 5);
        double min0 = axis.low(), span = axis.high() - axis.low();
        int plotW = CHART_W - AXIS - 20, plotH = CHART_H - 50;
        double slot = (double) plotW / months.size();
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + CHART_W + "\" height=\"" + CHART_H
                + "\" viewBox=\"0 0 " + CHART_W + " " + CHART_H + "\" font-family=\"system-ui, sans-serif\" font-size=\"11\""
                + " style=\"background:#fff;border:1px solid #d9e2ec;border-radius:6px;max-width:100%;height:auto\">\n");
        for (double v : axis.ticks()) {
            double y = 20 + plotH - plotH * (v - min0) / span;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e7eb\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#627d98\">%s</text>%n",
                    AXIS, AXIS + plotW, y, y, AXIS - 6, y + 4, axis.label(v)));
        }
        double zeroY = 20 + plotH - plotH * (0 - min0) / span;
        int labelEvery = Math.max(1, (int) Math.ceil(months.size() / 16.0));
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < months.size(); i++) {
            DashboardData.Month m = months.get(i);
            double x = AXIS + i * slot;
            double y = 20 + plotH - plotH * (m.revenue() - min0) / span;
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#90c2f9\">"
                    + "<title>%s: revenue %s, gross profit %s, %s %s</title></rect>%n",
                    x + slot * 0.15, Math.min(y, zeroY), slot * 0.7, Math.abs(zeroY - y), esc(m.month().substring(0, 7)),
                    money(m.revenue()), money(m.grossProfit()), Html.count(m.items()), Html.plural("item", m.items())));
            double gy = 20 + plotH - plotH * (m.grossProfit() - min0) / span;
            line.append(i == 0 ? "M " : " L ").append(String.format(Locale.ROOT, "%.1f %.1f", x + slot / 2, gy));
            if (i % labelEvery == 0) {
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#627d98\">%s</text>%n",
                        x + slot / 2, CHART_H - 12, esc(m.month().substring(0, 7))));
            }
        }
        if (axis.crossesZero()) { // drawn over the bars, which grow up and down from it
            s.append(String.format(Locale.ROOT, "<line class=\"zero\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#486581\"/>%n",
                    AXIS, AXIS + plotW, zeroY, zeroY));
        }
        s.append("<path d=\"").append(line).append("\" fill=\"none\" stroke=\"#1e7e34\" stroke-width=\"2\"/>\n");
        s.append("<rect x=\"").append(AXIS + 10).append("\" y=\"6\" width=\"12\" height=\"10\" fill=\"#90c2f9\"/><text x=\"").append(AXIS + 26)
                .append("\" y=\"15\">revenue</text><line x1=\"").append(AXIS + 90).append("\" x2=\"").append(AXIS + 110)
                .append("\" y1=\"11\" y2=\"11\" stroke=\"#1e7e34\" stroke-width=\"2\"/><text x=\"").append(AXIS + 116)
                .append("\" y=\"15\">gross profit</text>\n");
        return s.append("</svg>\n").toString();
    }

    private static String shareTable(String label, List<DashboardData.Share> rows, boolean withCode) {
        if (rows.isEmpty()) return "<p class=\"muted\">No sales yet.</p>";
        double max = rows.stream().mapToDouble(DashboardData.Share::revenue).max().orElse(1);
        StringBuilder b = new StringBuilder("<table><tr><th>" + label + "</th>" + (withCode ? "<th>ISO</th>" : "")
                + "<th class=\"num\">revenue</th><th></th><th class=\"num\">gross profit</th><th class=\"num\">items</th></tr>\n");
        for (DashboardData.Share r : rows) {
            b.append("<tr><td>").append(label(r.name())).append("</td>");
            if (withCode) b.append("<td>").append(esc(r.code())).append("</td>");
            b.append("<td class=\"num\">").append(money(r.revenue())).append("</td><td style=\"width:130px\"><div class=\"bar\" style=\"width:")
                    .append(max <= 0 ? 0 : Math.max(1, Math.round(120 * r.revenue() / max))).append("px\"></div></td><td class=\"num\">")
                    .append(money(r.grossProfit())).append("</td><td class=\"num\">").append(Html.count(r.items())).append("</td></tr>\n");
        }
        return b.append("</table>\n").toString();
    }

    private static String matrix(List<DashboardData.MatrixRow> rows) {
        if (rows.isEmpty()) return "<p class=\"muted\">profit_matrix_view is empty.</p>";
        StringBuilder b = new StringBuilder("<p class=\"muted\">As of " + esc(rows.get(0).asOfDate()) + ".</p>\n"
                + "<table><tr><th>category</th><th class=\"num\">profit YTD</th><th class=\"num\">profit last YTD</th>"
                + "<th class=\"num\">growth</th></tr>\n");
        for (DashboardData.MatrixRow r : rows) {
            String growth = r.profitGrowth() == null ? "<td class=\"num muted\">n/a</td>"
                    : "<td class=\"num " + (r.profitGrowth() < 0 ? "neg" : "pos") + "\">"
                            + String.format(Locale.ROOT, "%+.1f %%", 100 * r.profitGrowth()) + "</td>";
            b.append("<tr><td>").append(label(r.category())).append("</td><td class=\"num\">").append(money(r.profitYtd()))
                    .append("</td><td class=\"num\">").append(money(r.profitPrevYtd())).append("</td>").append(growth).append("</tr>\n");
        }
        return b.append("</table>\n").toString();
    }
}
