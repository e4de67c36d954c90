package org.ketang.platform.observation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RubricTests {

    static final Rubric RUBRIC = new Rubric(1, 1, 1, "课堂教学评价表", "", List.of(
            new Rubric.Criterion(10, "教学目标", "", 2, 10),
            new Rubric.Criterion(11, "课堂互动", "", 1, 5),
            new Rubric.Criterion(12, "教学效果", "", 3, 20)), false, false, Instant.EPOCH);

    @Test
    void theTotalWeighsEachCriterionsShareOfItsMaximum() {
        // (2 × 8/10 + 1 × 5/5 + 3 × 10/20) / 6 × 100 = (1.6 + 1 + 1.5) / 6 × 100 = 68.33
        assertThat(RUBRIC.total(scores(8, 5, 10))).isEqualByComparingTo("68.33");
        assertThat(RUBRIC.total(scores(10, 5, 20))).isEqualByComparingTo("100");
        assertThat(RUBRIC.total(scores(0, 0, 0))).isEqualByComparingTo("0");
    }

    @Test
    void scoresMustCoverEveryCriterionWithinItsMaximum() {
        assertThat(RUBRIC.problemWithScores(scores(8, 5, 10))).isNull();
        assertThat(RUBRIC.problemWithScores(Map.of(10L, BigDecimal.ONE, 11L, BigDecimal.ONE))).isNotNull();
        assertThat(RUBRIC.problemWithScores(scores(11, 5, 10))[1]).contains("教学目标");
        assertThat(RUBRIC.problemWithScores(scores(-1, 5, 10))).isNotNull();
        Map<Long, BigDecimal> stranger = new java.util.HashMap<>(scores(1, 1, 1));
        stranger.put(99L, BigDecimal.ONE);
        assertThat(RUBRIC.problemWithScores(stranger)[1]).contains("99");
    }

    @Test
    void aRubricNeedsNamedCriteriaWithSaneWeights() {
        assertThat(Rubric.problemWith(List.of())).isNotNull();
        assertThat(Rubric.problemWith(List.of(new Rubric.Draft("目标", "", 1, 10)))).isNull();
        assertThat(Rubric.problemWith(List.of(new Rubric.Draft("目标", "", 1, 10), new Rubric.Draft("目标 ", "", 1, 10))))
                .isNotNull();
        assertThat(Rubric.problemWith(List.of(new Rubric.Draft("目标", "", 0, 10)))).isNotNull();
        assertThat(Rubric.problemWith(List.of(new Rubric.Draft("目标", "", 1, 101)))).isNotNull();
    }

    static Map<Long, BigDecimal> scores(int a, int b, int c) {
        return Map.of(10L, BigDecimal.valueOf(a), 11L, BigDecimal.valueOf(b), 12L, BigDecimal.valueOf(c));
    }
}
