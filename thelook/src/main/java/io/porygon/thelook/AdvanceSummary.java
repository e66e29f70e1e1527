package io.porygon.thelook;

import java.time.Instant;

/**
 * What {@code --advance} did: the rows it wrote and updated, and the period it covered, which starts
 * where the previous generate or advance ended, or, for tables without that record, after their
 * latest timestamp ({@code fromLatestData}).
 */
public record AdvanceSummary(GenerationSummary rows, Instant from, Instant to, boolean fromLatestData) {

    public String render(String schema) {
        return rows.render() + "advanced " + schema + " from " + from
                + (fromLatestData ? " (its latest timestamp: no record of an earlier generate or advance matches these tables)" : "")
                + " to " + to + System.lineSeparator();
    }
}
