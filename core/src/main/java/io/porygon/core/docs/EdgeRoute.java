package io.porygon.core.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * How one lineage edge is drawn: from the right side of its source box, through one pass-through
 * point per column it crosses (a free slot between that column's boxes), to the left side of its
 * target box. Between columns it is an S-curve with horizontal ends, inside a column a straight
 * line, so the path is smooth and stays out of every box it does not connect.
 *
 * @param points the path's corners: start, then for each crossed column its entry and exit, then end
 */
public record EdgeRoute(DocsModel.Edge edge, List<Point> points) {
    public record Point(double x, double y) {}

    /** A cubic Bézier piece of the path; a straight piece has its control points on the line. */
    public record Segment(Point from, Point c1, Point c2, Point to) {
        Point at(double t) {
            double u = 1 - t;
            double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
            return new Point(a * from.x() + b * c1.x() + c * c2.x() + d * to.x(), a * from.y() + b * c1.y() + c * c2.y() + d * to.y());
        }
    }

    /** The pieces of the path: curves across the gaps between columns, lines through the crossed columns. */
    public List<Segment> segments() {
        List<Segment> out = new ArrayList<>();
        for (int i = 0; i + 1 < points.size(); i++) {
            Point p = points.get(i), q = points.get(i + 1);
            if (i % 2 == 0) { // a gap between columns: leave and arrive horizontally
                double mid = (p.x() + q.x()) / 2;
                out.add(new Segment(p, new Point(mid, p.y()), new Point(mid, q.y()), q));
            } else {
                out.add(new Segment(p, p, q, q));
            }
        }
        return out;
    }

    /** The SVG path data of the route. */
    String svgPath() {
        StringBuilder sb = new StringBuilder("M ").append(num(points.get(0).x())).append(' ').append(num(points.get(0).y()));
        for (Segment s : segments()) {
            if (s.c1().equals(s.from()) && s.c2().equals(s.to())) {
                sb.append(" L ").append(num(s.to().x())).append(' ').append(num(s.to().y()));
            } else {
                sb.append(" C ").append(num(s.c1().x())).append(' ').append(num(s.c1().y())).append(", ").append(num(s.c2().x()))
                        .append(' ').append(num(s.c2().y())).append(", ").append(num(s.to().x())).append(' ').append(num(s.to().y()));
            }
        }
        return sb.toString();
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
