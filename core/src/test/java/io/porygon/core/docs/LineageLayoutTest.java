package io.porygon.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineageLayoutTest {
    private static DocsModel.Edge e(String from, String to) {
        return new DocsModel.Edge(from, to);
    }

    @Test
    void longestPathPutsANodeRightOfItsFurthestUpstream() {
        // a -> b -> c -> d, and a -> d directly: d still goes after c
        LineageLayout.Layout l = LineageLayout.layout(List.of("a", "b", "c", "d", "lonely"),
                List.of(e("a", "b"), e("b", "c"), e("c", "d"), e("a", "d"), e("a", "unknown")));
        Map<String, LineageLayout.Node> at = l.byId();
        assertThat(List.of(at.get("a").column(), at.get("b").column(), at.get("c").column(), at.get("d").column(), at.get("lonely").column()))
                .containsExactly(0, 1, 2, 3, 0);
        assertThat(l.edges()).hasSize(4); // the edge to an unknown node is dropped
        assertThat(l.columns()).isEqualTo(4);
        assertThat(at.get("b").x()).isGreaterThan(at.get("a").x());
        assertThat(l.width()).isGreaterThanOrEqualTo(at.get("d").x() + LineageLayout.NODE_WIDTH);
    }

    @Test
    void barycenterOrderingUncrossesTwoParallelChains() {
        // a1 -> b1, a2 -> b2, given with the second column in the crossing order
        LineageLayout.Layout l = LineageLayout.layout(List.of("a1", "a2", "b2", "b1"), List.of(e("a1", "b1"), e("a2", "b2")));
        Map<String, LineageLayout.Node> at = l.byId();
        assertThat(Integer.compare(at.get("a1").row(), at.get("a2").row())).isEqualTo(Integer.compare(at.get("b1").row(), at.get("b2").row()));
    }

    @Test
    void aLongEdgePassesThroughFreeSlotsAndNeverUnderABox() {
        // a -> d skips the columns of b and c, which hold other boxes too
        List<String> nodes = List.of("a", "x", "b", "y", "c", "z", "d");
        LineageLayout.Layout l = LineageLayout.layout(nodes, List.of(e("a", "b"), e("x", "b"), e("x", "y"), e("b", "c"), e("y", "z"),
                e("c", "d"), e("z", "d"), e("y", "c"), e("a", "d"), e("x", "d")));
        EdgeRoute ad = l.routes().stream().filter(r -> r.edge().equals(e("a", "d"))).findFirst().orElseThrow();
        assertThat(ad.points()).hasSize(2 + 2 * 2); // start, entry and exit of the two crossed columns, end
        assertThat(l.routes()).hasSameSizeAs(l.edges());
        assertNoRouteCrossesABox(l);

        // the single curve the drawing used to make for a -> d does run under a box
        EdgeRoute direct = new EdgeRoute(e("a", "d"), List.of(ad.points().get(0), ad.points().get(ad.points().size() - 1)));
        assertThat(l.nodes().stream().filter(n -> !n.id().equals("a") && !n.id().equals("d")).anyMatch(n -> crosses(direct, n))).isTrue();
    }

    /** Samples each piece of every route and checks that no point lies inside a box. */
    static void assertNoRouteCrossesABox(LineageLayout.Layout l) {
        for (EdgeRoute r : l.routes()) {
            for (LineageLayout.Node n : l.nodes()) {
                assertThat(crosses(r, n)).as("%s passes under %s", r.edge(), n.id()).isFalse();
            }
        }
    }

    private static boolean crosses(EdgeRoute r, LineageLayout.Node n) {
        for (EdgeRoute.Segment s : r.segments()) {
            for (int i = 0; i <= 200; i++) {
                EdgeRoute.Point p = s.at(i / 200.0);
                if (p.x() > n.x() + 0.5 && p.x() < n.x() + LineageLayout.NODE_WIDTH - 0.5 && p.y() > n.y() + 0.5
                        && p.y() < n.y() + LineageLayout.NODE_HEIGHT - 0.5) return true;
            }
        }
        return false;
    }

    @Test
    void aCycleDoesNotLoopForever() {
        LineageLayout.Layout l = LineageLayout.layout(List.of("x", "y", "z"), List.of(e("x", "y"), e("y", "z"), e("z", "y")));
        assertThat(l.nodes()).hasSize(3);
    }

    @Test
    void escapingCoversMarkupQuotesAndScriptEnds() {
        assertThat(Html.esc("<a href=\"x\">'&'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assertThat(Html.esc(null)).isEmpty();
        assertThat(Html.scriptJson("{\"s\":\"</script><b>\"}")).isEqualTo("{\"s\":\"\\u003c/script>\\u003cb>\"}");
        assertThat(Html.anchor("p.d.n<x>")).isEqualTo("a-p.d.n_3cx_3e");
    }

    @Test
    void anchorsAreOneToOne() {
        List<String> ids = List.of("p.d.odd<name>&co", "p.d.odd_name__co", "p.d.odd_3cname_3e_26co", "p.d.odd name", "p.d.españa",
                "p.d.espa_f1a", "p.d.\u65e5\u672c", "p.d.\ud83d\ude00", "p.d.a_b", "p.d.a__b");
        assertThat(ids.stream().map(Html::anchor).distinct()).hasSameSizeAs(ids);
        assertThat(ids.stream().map(Html::anchor)).allSatisfy(a -> assertThat(a).matches("[A-Za-z0-9._-]+"));
        assertThat(Html.anchor("p.d.odd<name>&co")).isNotEqualTo(Html.anchor("p.d.odd_name__co"));
    }

    @Test
    void typeNamesArePluralizedOnce() {
        assertThat(Html.plural("operations", 2)).isEqualTo("operations");
        assertThat(Html.plural("table", 2)).isEqualTo("tables");
        assertThat(Html.plural("table", 1)).isEqualTo("table");
    }
}
