package io.porygon.core.docs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays out a DAG in columns, left to right, as layered (Sugiyama) drawings do: longest-path layering
 * (a node sits one column right of its furthest upstream node, so sources are leftmost and reports
 * rightmost); an edge that spans several columns gets a virtual point in each column it crosses;
 * a few barycenter sweeps order each column, virtual points included, so that edges cross less
 * and pass-through points sit near their neighbours; virtual points take a free slot between the
 * boxes, so an edge routed through them never runs under a box.
 */
public final class LineageLayout {
    static final int NODE_WIDTH = 190;
    static final int NODE_HEIGHT = 30;
    static final int COLUMN_GAP = 70;
    static final int ROW_GAP = 14;
    static final int PADDING = 20;
    static final int HEADER = 26;
    private static final int SWEEPS = 4;
    /** Starts the ids of virtual points; action ids never contain it. */
    private static final String VIRTUAL = "\u0000";

    /** A placed node: its column and row, and the top-left corner of its box. */
    public record Node(String id, int column, int row, int x, int y) {}

    /** {@code routes} has one entry per edge, in the same order. */
    public record Layout(List<Node> nodes, List<DocsModel.Edge> edges, List<EdgeRoute> routes, int columns, int width, int height) {
        public Map<String, Node> byId() {
            Map<String, Node> m = new HashMap<>();
            for (Node n : nodes) m.put(n.id(), n);
            return m;
        }
    }

    private LineageLayout() {}

    /**
     * @param nodes node ids in their initial order (it breaks ties, so give a meaningful one)
     * @param edges edges between those nodes; edges to other ids are ignored
     */
    public static Layout layout(List<String> nodes, List<DocsModel.Edge> edges) {
        Map<String, List<String>> up = new LinkedHashMap<>();
        Map<String, List<String>> down = new LinkedHashMap<>();
        for (String n : nodes) {
            up.put(n, new ArrayList<>());
            down.put(n, new ArrayList<>());
        }
        List<DocsModel.Edge> kept = new ArrayList<>();
        for (DocsModel.Edge e : edges) {
            if (!up.containsKey(e.from()) || !up.containsKey(e.to()) || e.from().equals(e.to())) continue;
            if (up.get(e.to()).contains(e.from())) continue;
            up.get(e.to()).add(e.from());
            down.get(e.from()).add(e.to());
            kept.add(e);
        }
        Map<String, Integer> column = longestPathColumns(nodes, up, down);
        int columns = column.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        List<List<String>> order = new ArrayList<>();
        for (int c = 0; c < columns; c++) order.add(new ArrayList<>());
        for (String n : nodes) order.get(column.get(n)).add(n);

        // the chain of each long edge: from, one virtual point per crossed column, to
        Map<DocsModel.Edge, List<String>> chains = new LinkedHashMap<>();
        Map<String, List<String>> chainUp = new HashMap<>();
        Map<String, List<String>> chainDown = new HashMap<>();
        for (String n : nodes) {
            chainUp.put(n, new ArrayList<>());
            chainDown.put(n, new ArrayList<>());
        }
        for (int i = 0; i < kept.size(); i++) {
            DocsModel.Edge e = kept.get(i);
            List<String> chain = new ArrayList<>(List.of(e.from()));
            for (int c = column.get(e.from()) + 1; c < column.get(e.to()); c++) {
                String v = VIRTUAL + i + ":" + c;
                chain.add(v);
                order.get(c).add(v);
                chainUp.put(v, new ArrayList<>());
                chainDown.put(v, new ArrayList<>());
            }
            chain.add(e.to());
            for (int k = 0; k + 1 < chain.size(); k++) {
                chainDown.get(chain.get(k)).add(chain.get(k + 1));
                chainUp.get(chain.get(k + 1)).add(chain.get(k));
            }
            chains.put(e, chain);
        }
        for (int i = 0; i < SWEEPS; i++) {
            for (int c = 1; c < columns; c++) sortByBarycenter(order.get(c), chainUp, order.get(c - 1));
            for (int c = columns - 2; c >= 0; c--) sortByBarycenter(order.get(c), chainDown, order.get(c + 1));
        }

        // a box is NODE_HEIGHT tall, a virtual point 0; ROW_GAP between any two
        int[] heights = new int[columns];
        int tallest = 0;
        for (int c = 0; c < columns; c++) {
            for (String n : order.get(c)) heights[c] += (isVirtual(n) ? 0 : NODE_HEIGHT) + ROW_GAP;
            heights[c] = Math.max(heights[c] - ROW_GAP, 0);
            tallest = Math.max(tallest, heights[c]);
        }
        List<Node> placed = new ArrayList<>();
        Map<String, Integer> yOf = new HashMap<>();
        for (int c = 0; c < columns; c++) {
            int y = PADDING + HEADER + (tallest - heights[c]) / 2; // centre short columns
            int row = 0;
            for (String n : order.get(c)) {
                yOf.put(n, y);
                if (isVirtual(n)) {
                    y += ROW_GAP;
                } else {
                    placed.add(new Node(n, c, row++, columnX(c), y));
                    y += NODE_HEIGHT + ROW_GAP;
                }
            }
        }
        List<EdgeRoute> routes = new ArrayList<>();
        for (var chain : chains.entrySet()) routes.add(route(chain.getKey(), chain.getValue(), column, yOf));
        int width = 2 * PADDING + Math.max(columns, 1) * NODE_WIDTH + Math.max(columns - 1, 0) * COLUMN_GAP;
        int height = 2 * PADDING + HEADER + tallest;
        return new Layout(placed, kept, routes, columns, width, height);
    }

    static int columnX(int column) {
        return PADDING + column * (NODE_WIDTH + COLUMN_GAP);
    }

    private static boolean isVirtual(String id) {
        return id.startsWith(VIRTUAL);
    }

    /** Right side of the source box, through each virtual point's column, to the left side of the target box. */
    private static EdgeRoute route(DocsModel.Edge e, List<String> chain, Map<String, Integer> column, Map<String, Integer> yOf) {
        List<EdgeRoute.Point> points = new ArrayList<>();
        int half = NODE_HEIGHT / 2;
        points.add(new EdgeRoute.Point(columnX(column.get(e.from())) + NODE_WIDTH, yOf.get(e.from()) + half));
        for (int i = 1; i + 1 < chain.size(); i++) {
            int x = columnX(column.get(e.from()) + i);
            double y = yOf.get(chain.get(i));
            points.add(new EdgeRoute.Point(x, y));
            points.add(new EdgeRoute.Point(x + NODE_WIDTH, y));
        }
        points.add(new EdgeRoute.Point(columnX(column.get(e.to())), yOf.get(e.to()) + half));
        return new EdgeRoute(e, points);
    }

    /** Column of each node: 0 for nodes without upstream, else one more than the furthest upstream node. */
    static Map<String, Integer> longestPathColumns(List<String> nodes, Map<String, List<String>> up, Map<String, List<String>> down) {
        Map<String, Integer> pending = new HashMap<>();
        Map<String, Integer> column = new LinkedHashMap<>();
        Deque<String> ready = new ArrayDeque<>();
        for (String n : nodes) {
            pending.put(n, up.get(n).size());
            column.put(n, 0);
            if (up.get(n).isEmpty()) ready.add(n);
        }
        int done = 0;
        while (!ready.isEmpty()) {
            String n = ready.poll();
            done++;
            for (String d : down.get(n)) {
                column.put(d, Math.max(column.get(d), column.get(n) + 1));
                if (pending.merge(d, -1, Integer::sum) == 0) ready.add(d);
            }
        }
        if (done < nodes.size()) {
            // a cycle (the compiler reports it); put what is left after everything else
            int last = column.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
            for (String n : nodes) if (pending.get(n) > 0) column.put(n, last);
        }
        return column;
    }

    /** Stable sort by the mean position of the neighbours in the adjacent column; nodes without any keep their place. */
    private static void sortByBarycenter(List<String> col, Map<String, List<String>> neighbours, List<String> adjacent) {
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < adjacent.size(); i++) pos.put(adjacent.get(i), i);
        Map<String, Double> key = new HashMap<>();
        for (int i = 0; i < col.size(); i++) {
            String n = col.get(i);
            double sum = 0;
            int k = 0;
            for (String m : neighbours.get(n)) {
                Integer p = pos.get(m);
                if (p != null) {
                    sum += p;
                    k++;
                }
            }
            // scale the current index into the adjacent column's range so unconnected nodes stay put
            double own = adjacent.isEmpty() || col.size() == 1 ? 0 : (double) i * (adjacent.size() - 1) / (col.size() - 1);
            key.put(n, k == 0 ? own : sum / k);
        }
        col.sort(Comparator.comparingDouble(key::get));
    }
}
