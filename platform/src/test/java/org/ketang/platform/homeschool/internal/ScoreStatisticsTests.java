package org.ketang.platform.homeschool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

class ScoreStatisticsTests {

    static List<BigDecimal> scores(double... values) {
        return java.util.Arrays.stream(values).mapToObj(BigDecimal::valueOf).toList();
    }

    @Test
    void averageHighestRatesAndBandsFollowTheFullMark() {
        ScoreStatistics s = ScoreStatistics.of(scores(150, 135, 120, 89.5, 60), BigDecimal.valueOf(150));
        assertThat(s.count()).isEqualTo(5);
        assertThat(s.average()).isEqualByComparingTo("110.9");
        assertThat(s.highest()).isEqualByComparingTo("150");
        assertThat(s.lowest()).isEqualByComparingTo("60");
        // 60 % of 150 is 90: 89.5 fails; 85 % is 127.5
        assertThat(s.passRate()).isEqualByComparingTo("60.0");
        assertThat(s.excellentRate()).isEqualByComparingTo("40.0");
        // 150 and 135 are ≥ 90 %, 120 is 80 %, 89.5 and 60 below 60 %
        assertThat(s.distribution()).containsExactly(2, 0, 0, 1, 2);
    }

    @Test
    void nobodyScoredMeansNoNumbers() {
        ScoreStatistics s = ScoreStatistics.of(List.of(), BigDecimal.valueOf(100));
        assertThat(s.average()).isNull();
        assertThat(s.distribution()).containsExactly(0, 0, 0, 0, 0);
    }
}
