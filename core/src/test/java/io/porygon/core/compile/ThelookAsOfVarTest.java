package io.porygon.core.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.core.Porygon;
import io.porygon.core.graph.CompileError;
import io.porygon.core.graph.CompiledGraph;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pipeline's reporting date var: a day that is not in the calendar fails the compile, as BigQuery fails on the literal. */
class ThelookAsOfVarTest {
    private static final Path PIPELINE = Path.of("..", "pipelines", "thelook");

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024-1-5"})
    void aDateThatIsNotInTheCalendarIsACompileError(String asOf) {
        CompiledGraph g = Porygon.compile(PIPELINE, Map.of("as_of", asOf));
        // thrown in the include that reads the var, for the model that called it
        assertThat(g.graphErrors()).extracting(CompileError::message).contains("var as_of must be a date YYYY-MM-DD or empty for today, got \""
                + asOf + "\" (called from definitions/intermediate/reporting_date.sqlx:14:8 for porygon-thelook.thelook.reporting_date)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-29", "2000-02-29", "2025-12-31"})
    void aCalendarDateCompiles(String asOf) {
        assertThat(Porygon.compile(PIPELINE, Map.of("as_of", asOf)).graphErrors()).isEmpty();
    }
}
