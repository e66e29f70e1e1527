package io.porygon.core.compile;

import io.porygon.core.graph.Target;
import java.util.Map;

/**
 * What Dataform's compiled JSON carries beside the graph records: the canonical target (without
 * suffixes and prefix), hermeticity (HERMETIC, NON_HERMETIC or null), BigQuery labels copied into
 * the descriptor, additional table options, and whether Porygon generated it (built-in assertion).
 */
public record ActionMetadata(
        Target canonicalTarget,
        String hermeticity,
        Map<String, String> bigqueryLabels,
        Map<String, String> additionalOptions,
        boolean builtIn) {}
