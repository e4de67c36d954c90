package org.ketang.platform.homeschool.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The statistics of one subject in one class: average, highest, lowest, pass and excellent rates (60 % and 85 %
 * of the full mark, as Chinese schools count them) and the distribution over five bands of the full mark.
 * Absent students count in none of them.
 *
 * @param distribution how many scored in each of {@link #BANDS} (below 60 %, 60–69 %, 70–79 %, 80–89 %, 90 % and more)
 */
public record ScoreStatistics(int count, @Nullable BigDecimal average, @Nullable BigDecimal highest,
        @Nullable BigDecimal lowest, @Nullable BigDecimal passRate, @Nullable BigDecimal excellentRate,
        List<Integer> distribution) {

    /** The bands of the distribution, as labels. */
    public static final List<String> BANDS = List.of("<60%", "60–69%", "70–79%", "80–89%", "≥90%");

    public static ScoreStatistics of(Collection<BigDecimal> scores, BigDecimal fullMark) {
        List<Integer> bands = new ArrayList<>(List.of(0, 0, 0, 0, 0));
        if (scores.isEmpty()) {
            return new ScoreStatistics(0, null, null, null, null, null, bands);
        }
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal highest = null;
        BigDecimal lowest = null;
        int pass = 0;
        int excellent = 0;
        for (BigDecimal score : scores) {
            sum = sum.add(score);
            highest = highest == null || score.compareTo(highest) > 0 ? score : highest;
            lowest = lowest == null || score.compareTo(lowest) < 0 ? score : lowest;
            BigDecimal percent = fullMark.signum() == 0 ? BigDecimal.ZERO
                    : score.multiply(BigDecimal.valueOf(100)).divide(fullMark, 4, RoundingMode.HALF_UP);
            int band = percent.compareTo(BigDecimal.valueOf(60)) < 0 ? 0
                    : Math.min(4, percent.intValue() / 10 - 5);
            bands.set(band, bands.get(band) + 1);
            pass += percent.compareTo(BigDecimal.valueOf(60)) >= 0 ? 1 : 0;
            excellent += percent.compareTo(BigDecimal.valueOf(85)) >= 0 ? 1 : 0;
        }
        BigDecimal n = BigDecimal.valueOf(scores.size());
        return new ScoreStatistics(scores.size(), sum.divide(n, 1, RoundingMode.HALF_UP), highest, lowest,
                rate(pass, scores.size()), rate(excellent, scores.size()), bands);
    }

    private static BigDecimal rate(int part, int whole) {
        return BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }
}
