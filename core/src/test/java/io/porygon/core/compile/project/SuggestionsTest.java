package io.porygon.core.compile.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    @Test
    void aMisspellingIsGivenTheNearestCandidate() {
        assertThat(Suggestions.closest("defaultDatset", List.of("defaultDataset", "defaultProject"))).isEqualTo("defaultDataset");
    }

    @Test
    void aPartOfANameIsGivenTheShortestCandidateHoldingIt() {
        assertThat(Suggestions.closest("strategy", List.of("tags", "incrementalStrategy", "incrementalStrategyOptions")))
                .isEqualTo("incrementalStrategy");
        // too short a part would match too much: "id" is left to the edit distance
        assertThat(Suggestions.closest("id", List.of("order_id", "user_id"))).isNull();
    }

    @Test
    void nothingNearIsNoSuggestion() {
        assertThat(Suggestions.closest("owner", List.of("tags", "description"))).isNull();
    }
}
