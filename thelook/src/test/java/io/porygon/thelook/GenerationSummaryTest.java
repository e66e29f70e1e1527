package io.porygon.thelook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenerationSummaryTest {
    /** Counts are written as run's output and the dashboard write them, not in the JVM's locale (1.234 in German). */
    @Test
    void countsAreWrittenTheSameWhateverTheJvmsLocale() {
        GenerationSummary summary = new GenerationSummary(Map.of("users", 1234L), Map.of("users", 5678L));
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(summary.render()).contains("1,234").contains("5,678").doesNotContain("1.234");
        } finally {
            Locale.setDefault(before);
        }
    }
}
