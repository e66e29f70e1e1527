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
 * Lays out a DAG in columns, left to right: longest-path layering (a node sits one column right
 * of its furthest upstream node, so sources are leftmost and reports rightmost), then a few
 * barycenter sweeps to order each column so that edges cross less.
 */
public final class LineageLayout {
    static final int NODE_WIDTH = 190;
    static final int NODE_HEIGHT = 30;
    static final int COLUMN_GAP = 70;
    static final int ROW_GAP = 14;
    static final int PADDING = 20;
    static final int HEADER = 26;
    private static final int SWEEPS = 4;

    /** A placed node: its column and row, and the top-left corner of its box. */
    public record Node(String id, int column, int row, int x, int y) {}

    public record Layout(List<Node> nodes, List<DocsModel.Edge> edges, int columns, int width, int height) {
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
        for (int i = 0; i < SWEEPS; i++) {
            for (int c = 1; c < columns; c++) sortByBarycenter(order.get(c), up, order.get(c - 1));
            for (int c = columns - 2; c >= 0; c--) sortByBarycenter(order.get(c), down, order.get(c + 1));
        }
        int tallest = order.stream().mapToInt(List::size).max().orElse(0);
        int rowHeight = NODE_HEIGHT + ROW_GAP;
        List<Node> placed = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            List<String> col = order.get(c);
            int offset = (tallest - col.size()) * rowHeight / 2; // centre short columns
            for (int r = 0; r < col.size(); r++) {
                placed.add(new Node(col.get(r), c, r, PADDING + c * (NODE_WIDTH + COLUMN_GAP),
                        PADDING + HEADER + offset + r * rowHeight));
            }
        }
        int width = 2 * PADDING + Math.max(columns, 1) * NODE_WIDTH + Math.max(columns - 1, 0) * COLUMN_GAP;
        int height = 2 * PADDING + HEADER + Math.max(tallest * rowHeight - ROW_GAP, 0);
        return new Layout(placed, kept, columns, width, height);
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
