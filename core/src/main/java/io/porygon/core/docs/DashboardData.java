package io.porygon.core.docs;

import io.porygon.core.engine.Engine;
import io.porygon.core.engine.ObjectKind;
import io.porygon.core.graph.Target;
import io.porygon.core.sql.SqlQuoting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of the BI dashboard, aggregated in SQL by the warehouse from the reporting views
 * profit_view and profit_matrix_view. {@code missing} says why there are none.
 */
public record DashboardData(
        Optional<String> missing,
        Kpis kpis,
        List<Month> months,
        List<Share> categories,
        List<Share> countries,
        List<MatrixRow> matrix) {

    static final int TOP = 10;
    /** What makes a country one country: its ISO code, whatever the spelling of its name; the name when it has no code. */
    static final String COUNTRY_KEY = "COALESCE(country_iso2, country)";

    public record Kpis(double revenue, double costOfGoods, double grossProfit, long items, long countries, String firstDate,
            String lastDate) {
        /** Gross profit as a share of revenue; null without revenue, where there is no margin (as SAFE_DIVIDE gives the growth). */
        public Double marginPercent() {
            return revenue == 0 ? null : 100 * grossProfit / revenue;
        }
    }

    /** {@code month} is the first day of the month, yyyy-MM-dd. */
    public record Month(String month, double revenue, double grossProfit, long items) {}

    public record Share(String name, String code, double revenue, double grossProfit, long items) {}

    public record MatrixRow(String category, String asOfDate, double profitYtd, double profitPrevYtd, Double profitGrowth) {}

    public static DashboardData missing(String why) {
        return new DashboardData(Optional.of(why), null, List.of(), List.of(), List.of(), List.of());
    }

    /**
     * Reads the dashboard from the warehouse. {@code profitView} and {@code matrixView} are the
     * warehouse names of the reporting views.
     */
    public static DashboardData load(Engine engine, Target profitView, Target matrixView) {
        List<String> absent = new ArrayList<>();
        if (engine.kind(profitView) == ObjectKind.NONE) absent.add(profitView.schema() + "." + profitView.name());
        if (engine.kind(matrixView) == ObjectKind.NONE) absent.add(matrixView.schema() + "." + matrixView.name());
        if (!absent.isEmpty()) {
            return missing("The reporting view" + (absent.size() == 1 ? " " : "s ") + String.join(" and ", absent)
                    + (absent.size() == 1 ? " is" : " are") + " not in the warehouse yet; run the pipeline (porygon run) first.");
        }
        String pv = name(profitView);
        List<Object> k = engine.queryRows("SELECT SUM(revenue), SUM(cost_of_goods), SUM(gross_profit), SUM(items),"
                + " COUNT(DISTINCT " + COUNTRY_KEY + "), CAST(MIN(sale_date) AS VARCHAR), CAST(MAX(sale_date) AS VARCHAR) FROM " + pv).get(0);
        Kpis kpis = new Kpis(dbl(k.get(0)), dbl(k.get(1)), dbl(k.get(2)), lng(k.get(3)), lng(k.get(4)), str(k.get(5)), str(k.get(6)));
        List<Month> months = new ArrayList<>(); // rows without a date count in the totals but belong to no month
        for (List<Object> r : engine.queryRows("SELECT CAST(CAST(date_trunc('month', sale_date) AS DATE) AS VARCHAR) AS m,"
                + " SUM(revenue), SUM(gross_profit), SUM(items) FROM " + pv + " WHERE sale_date IS NOT NULL GROUP BY m ORDER BY m")) {
            months.add(new Month(str(r.get(0)), dbl(r.get(1)), dbl(r.get(2)), lng(r.get(3))));
        }
        months = withEmptyMonths(months);
        List<Share> categories = shares(engine, "category", "CAST(NULL AS VARCHAR)", pv);
        List<Share> countries = countries(engine, pv);
        List<MatrixRow> matrix = new ArrayList<>();
        for (List<Object> r : engine.queryRows("SELECT category, CAST(as_of_date AS VARCHAR), profit_ytd, profit_prev_ytd, profit_growth FROM "
                + name(matrixView) + " ORDER BY profit_ytd DESC NULLS LAST, category")) {
            matrix.add(new MatrixRow(str(r.get(0)), str(r.get(1)), dbl(r.get(2)), dbl(r.get(3)),
                    r.get(4) == null ? null : ((Number) r.get(4)).doubleValue()));
        }
        return new DashboardData(Optional.empty(), kpis, months, categories, countries, matrix);
    }

    /** Months without sales are rows of zeros, so that the chart's x axis is time. */
    static List<Month> withEmptyMonths(List<Month> months) {
        if (months.isEmpty()) return months;
        Map<String, Month> byMonth = new LinkedHashMap<>();
        for (Month m : months) byMonth.put(m.month(), m);
        List<Month> out = new ArrayList<>();
        java.time.LocalDate last = java.time.LocalDate.parse(months.get(months.size() - 1).month());
        for (var d = java.time.LocalDate.parse(months.get(0).month()); !d.isAfter(last); d = d.plusMonths(1)) {
            out.add(byMonth.getOrDefault(d.toString(), new Month(d.toString(), 0, 0, 0)));
        }
        return out;
    }

    /**
     * Top countries by revenue, one per country whatever its spelling ("Spain" and "España" are both
     * ES): grouped by ISO code, else by name, and labelled with the spelling of the most items.
     */
    private static List<Share> countries(Engine engine, String view) {
        String sql = "WITH spelled AS (SELECT " + COUNTRY_KEY + " AS k, country, MIN(country_iso2) AS code, SUM(revenue) AS revenue,"
                + " SUM(gross_profit) AS gross_profit, SUM(items) AS items FROM " + view + " GROUP BY k, country),"
                + " ranked AS (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY items DESC, country) AS r FROM spelled)"
                + " SELECT MIN(CASE WHEN r = 1 THEN country END) AS name, MIN(code), SUM(revenue) AS revenue, SUM(gross_profit), SUM(items)"
                + " FROM ranked GROUP BY k ORDER BY revenue DESC, name LIMIT " + TOP;
        List<Share> out = new ArrayList<>();
        for (List<Object> r : engine.queryRows(sql)) {
            out.add(new Share(str(r.get(0)), str(r.get(1)), dbl(r.get(2)), dbl(r.get(3)), lng(r.get(4))));
        }
        return out;
    }

    private static List<Share> shares(Engine engine, String column, String code, String view) {
        List<Share> out = new ArrayList<>();
        for (List<Object> r : engine.queryRows("SELECT " + column + ", " + code + ", SUM(revenue) AS revenue, SUM(gross_profit), SUM(items) FROM "
                + view + " GROUP BY " + column + " ORDER BY revenue DESC, " + column + " LIMIT " + TOP)) {
            out.add(new Share(str(r.get(0)), str(r.get(1)), dbl(r.get(2)), dbl(r.get(3)), lng(r.get(4))));
        }
        return out;
    }

    /** The figures as plain maps and lists, for the JSON embedded in the page. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("missing", missing.orElse(null));
        if (kpis != null) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("revenue", kpis.revenue());
            k.put("cost_of_goods", kpis.costOfGoods());
            k.put("gross_profit", kpis.grossProfit());
            k.put("margin_percent", kpis.marginPercent());
            k.put("items", kpis.items());
            k.put("countries", kpis.countries());
            k.put("first_date", kpis.firstDate());
            k.put("last_date", kpis.lastDate());
            m.put("kpis", k);
        }
        m.put("months", months.stream().map(x -> (Object) row("month", x.month(), "revenue", x.revenue(), "gross_profit", x.grossProfit(),
                "items", x.items())).toList());
        m.put("categories", categories.stream().map(x -> (Object) row("category", x.name(), "revenue", x.revenue(), "gross_profit",
                x.grossProfit(), "items", x.items())).toList());
        m.put("countries", countries.stream().map(x -> (Object) row("country", x.name(), "country_iso2", x.code(), "revenue", x.revenue(),
                "gross_profit", x.grossProfit(), "items", x.items())).toList());
        m.put("profit_matrix", matrix.stream().map(x -> (Object) row("category", x.category(), "as_of_date", x.asOfDate(), "profit_ytd",
                x.profitYtd(), "profit_prev_ytd", x.profitPrevYtd(), "profit_growth", x.profitGrowth())).toList());
        return m;
    }

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static String name(Target t) {
        return SqlQuoting.identifier(t.schema()) + "." + SqlQuoting.identifier(t.name());
    }

    private static double dbl(Object o) {
        return o == null ? 0 : ((Number) o).doubleValue();
    }

    private static long lng(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
