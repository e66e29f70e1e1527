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
    void aCycleDoesNotLoopForever() {
        LineageLayout.Layout l = LineageLayout.layout(List.of("x", "y", "z"), List.of(e("x", "y"), e("y", "z"), e("z", "y")));
        assertThat(l.nodes()).hasSize(3);
    }

    @Test
    void escapingCoversMarkupQuotesAndScriptEnds() {
        assertThat(Html.esc("<a href=\"x\">'&'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assertThat(Html.esc(null)).isEmpty();
        assertThat(Html.scriptJson("{\"s\":\"</script><b>\"}")).isEqualTo("{\"s\":\"\\u003c/script>\\u003cb>\"}");
        assertThat(Html.anchor("p.d.n<x>")).isEqualTo("a-p.d.n_x_");
    }
}
