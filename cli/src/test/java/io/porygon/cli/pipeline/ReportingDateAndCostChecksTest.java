package io.porygon.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.cli.CliRun;
import io.porygon.duckdb.DuckDbEngine;
import io.porygon.duckdb.DuckDbSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-made dataset (test-data/handmade) under two situations its expected outputs do not
 * cover: a reporting date pinned before much of the inventory existed, and a realized order item
 * left without an inventory unit.
 */
class ReportingDateAndCostChecksTest {
    @TempDir Path dir;

    private PorygonCommand loadedWarehouse() {
        PorygonCommand porygon = new PorygonCommand(dir.resolve("warehouse.duckdb"));
        porygon.succeed("load", "thelook", "--from", HandmadeDatasetEndToEndTest.DATA.toString());
        return porygon;
    }

    private List<List<Object>> rows(String sql) {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("warehouse.duckdb")))) {
            return engine.queryRows(sql);
        }
    }

    /**
     * As of 2024-02-01: unit 14 (stocked 2024-01-01, sold 2024-01-05) was sold after 4 days; unit 6
     * (stocked 2024-01-01, sold 2024-02-20) was still in stock, 31 days old; unit 1 (stocked
     * 2025-01-01) did not exist yet, so it has no age. Every unit keeps its row.
     */
    @Test
    void inventoryIsShownAsItStoodOnAPinnedReportingDate() {
        PorygonCommand porygon = loadedWarehouse();
        porygon.succeed("run", "--vars", "as_of=2024-02-01");

        assertThat(rows("SELECT inventory_item_id, availability_status, is_sold, days_in_inventory FROM thelook.inventory_dim"
                + " WHERE inventory_item_id IN (1, 6, 14) ORDER BY inventory_item_id"))
                .containsExactly(
                        Arrays.asList(1L, "Not yet stocked", false, null),
                        List.of(6L, "In stock", false, 31L),
                        List.of(14L, "Sold", true, 4L));
        assertThat(rows("SELECT count(*), count(*) FILTER (WHERE days_in_inventory < 0) FROM thelook.inventory_dim"))
                .containsExactly(List.of(15L, 0L));
    }

    /** An order item whose inventory unit is unknown would add revenue to profit_view but no cost: trx_fct's checks must fail. */
    @Test
    void aRealizedItemWithoutAnInventoryUnitFailsTrxFctsRowConditions() {
        PorygonCommand porygon = loadedWarehouse();
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("warehouse.duckdb")))) {
            // item 1 is Complete, a realized sale
            engine.execute("UPDATE thelook_ecommerce.order_items SET inventory_item_id = NULL WHERE id = 1");
        }
        CliRun.Result run = porygon.run("run", "--vars", "as_of=2025-03-15");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat((run.out() + run.err()).lines().filter(l -> l.strip().startsWith("FAIL")))
                .singleElement().asString().contains("trx_fct").contains("rowConditions");
    }
}
