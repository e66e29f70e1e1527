package io.porygon.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.core.Porygon;
import io.porygon.core.graph.ActionType;
import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.lineage.ColumnLineage;
import io.porygon.core.lineage.ColumnSource;
import io.porygon.core.lineage.Derivation;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Column lineage of the bundled pipeline, derived from its compiled queries without a warehouse. */
class ThelookColumnLineageTest {
    @TempDir
    static Path out;
    private static DocsSite.Written site;
    private static Map<String, ActionDoc> byName;

    @BeforeAll
    static void writeTheDocs() {
        CompiledGraph graph = Porygon.compile(Path.of("..", "pipelines", "thelook"));
        site = DocsSite.write(graph, Optional.empty(), out);
        byName = site.model().actions().stream().filter(a -> a.type() != ActionType.ASSERTION)
                .collect(Collectors.toMap(ActionDoc::name, a -> a));
    }

    private static Derivation column(String action, String column) {
        return byName.get(action).lineage().columns().stream().filter(c -> c.name().equals(column)).findFirst()
                .map(ColumnLineage::derivation).orElseThrow(() -> new AssertionError(action + " has no column " + column));
    }

    private static ColumnSource src(String action, String column) {
        return new ColumnSource(byName.get(action).id(), column);
    }

    @Test
    void grossProfitComesFromTheSalePriceAndTheInventoryCost() {
        // through the items CTE (oi.* of a source whose columns are not known without a warehouse) and the join aliases
        assertThat(column("trx_fct", "gross_profit").sources()).containsExactly(src("order_items", "sale_price"), src("inventory_dim", "cost"));
        assertThat(column("inventory_dim", "cost").sources()).containsExactly(src("inventory_items", "cost"));
        assertThat(column("trx_fct", "item_updated_at").sources()).containsExactlyInAnyOrder(src("order_items", "created_at"),
                src("order_items", "shipped_at"), src("order_items", "delivered_at"), src("order_items", "returned_at"));
        assertThat(column("trx_fct", "category").sources()).containsExactly(src("products_dim", "category"), src("inventory_dim", "category"));
    }

    @Test
    void reportingViewsReadTheFactTable() {
        assertThat(column("profit_view", "revenue").sources()).containsExactly(src("trx_fct", "sale_price"));
        assertThat(column("profit_view", "sale_date").sources()).containsExactly(src("trx_fct", "order_date"));
        assertThat(column("profit_view", "items")).isEqualTo(Derivation.NONE); // COUNT(*)
        // through two CTEs and a CASE whose condition reads the reporting date
        assertThat(column("profit_matrix_view", "profit_ytd").sources()).contains(src("trx_fct", "gross_profit"),
                src("trx_fct", "order_date"), src("reporting_date", "as_of_date"));
    }

    @Test
    void windowsAndStarsOfModelsAreFollowed() {
        assertThat(column("events_fct", "session_position").sources()).containsExactly(src("events", "session_id"), src("events", "created_at"),
                src("events", "sequence_number"), src("events", "id"));
        // users_dim is SELECT * of the model users_enriched (through a subquery): the same columns, each from its
        // namesake, and the time it was written
        List<String> enriched = new ArrayList<>(byName.get("users_enriched").lineage().names().orElseThrow());
        enriched.add("loaded_at");
        assertThat(byName.get("users_dim").lineage().names()).contains(enriched);
        assertThat(column("users_dim", "country_iso2").sources()).containsExactly(src("users_enriched", "country_iso2"));
        assertThat(column("users_dim", "loaded_at")).isEqualTo(Derivation.NONE);
    }

    @Test
    void everyDatasetQueryIsFollowedAndNothingIsLeftUnresolved() {
        for (ActionDoc a : site.model().actions()) {
            if (a.type() != ActionType.TABLE && a.type() != ActionType.VIEW && a.type() != ActionType.INCREMENTAL) continue;
            assertThat(a.lineage().unresolved()).as(a.name()).isNull();
            assertThat(a.lineage().columns()).as(a.name()).isNotEmpty()
                    .allSatisfy(c -> assertThat(c.derivation().unresolved()).as(a.name() + "." + c.name()).isNull());
        }
    }

    @Test
    void lineageJsonAndTheCardsShowTheSources() throws IOException {
        Map<?, ?> json = new ObjectMapper().readValue(site.lineage().toFile(), Map.class);
        Map<?, ?> trx = ((List<?>) json.get("nodes")).stream().map(n -> (Map<?, ?>) n).filter(n -> n.get("name").equals("trx_fct"))
                .findFirst().orElseThrow();
        assertThat(trx.get("id")).isEqualTo(byName.get("trx_fct").id()); // the existing fields stay
        Map<?, ?> profit = ((List<?>) trx.get("columns")).stream().map(c -> (Map<?, ?>) c).filter(c -> c.get("name").equals("gross_profit"))
                .findFirst().orElseThrow();
        assertThat(profit.get("sources")).isEqualTo(List.of(Map.of("node", byName.get("order_items").id(), "column", "sale_price"),
                Map.of("node", byName.get("inventory_dim").id(), "column", "cost")));

        String index = Files.readString(site.index());
        String card = index.substring(index.indexOf("id=\"" + Html.anchor(byName.get("trx_fct").id()) + "\""));
        card = card.substring(0, card.indexOf("<details>"));
        assertThat(card).contains("<th>derived from</th>")
                .contains("<a href=\"#" + Html.anchor(byName.get("inventory_dim").id()) + "\" title=\"" + byName.get("inventory_dim").id()
                        + "\">inventory_dim.cost</a>");
    }
}
