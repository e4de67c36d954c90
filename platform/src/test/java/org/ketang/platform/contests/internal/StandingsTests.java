package org.ketang.platform.contests.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ketang.platform.contests.internal.Standings.Award;
import org.ketang.platform.contests.internal.Standings.Place;
import org.ketang.platform.contests.internal.Standings.Scored;

class StandingsTests {

    static List<BigDecimal> totals(double... values) {
        return Arrays.stream(values).mapToObj(BigDecimal::valueOf).toList();
    }

    @Test
    void averagesDropTheHighestAndLowestOnlyWithThreeOrMoreScorecards() {
        assertThat(Standings.average(totals(60, 80, 100), true)).isEqualByComparingTo("80.00");
        assertThat(Standings.average(totals(60, 80, 100), false)).isEqualByComparingTo("80.00");
        assertThat(Standings.average(totals(50, 90, 91, 99), true)).isEqualByComparingTo("90.50");
        assertThat(Standings.average(totals(50, 90, 91, 99), false)).isEqualByComparingTo("82.50");
        assertThat(Standings.average(totals(70, 90), true)).isEqualByComparingTo("80.00");
        assertThat(Standings.average(List.of(), true)).isNull();
    }

    @Test
    void equalAveragesShareARankAndUnscoredEntriesComeLast() {
        List<Place> ranked = Standings.rank(List.of(new Scored(1, totals(80)), new Scored(2, totals(90)),
                new Scored(3, List.of()), new Scored(4, totals(80)), new Scored(5, totals(70))), false);
        assertThat(ranked).extracting(Place::entryId).containsExactly(2L, 1L, 4L, 5L, 3L);
        assertThat(ranked).extracting(Place::rank).containsExactly(1, 2, 2, 4, 0);
    }

    @Test
    void awardsByRuleGiveTiesTheSameAwardAndNothingToUnscoredEntries() {
        // ten scored entries: top 10 % 一等奖, next 20 % 二等奖, next 30 % 三等奖
        List<Scored> ten = new java.util.ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            ten.add(new Scored(i, totals(100 - i)));
        }
        ten.add(new Scored(11, List.of()));
        List<Place> ranked = Standings.rank(ten, false);
        assertThat(Standings.byRule(ranked, 10, 20, 30)).containsExactly(Award.FIRST, Award.SECOND, Award.SECOND,
                Award.THIRD, Award.THIRD, Award.THIRD, null, null, null, null, null);
        // a tie at the edge of 一等奖 shares it
        List<Place> tied = Standings.rank(List.of(new Scored(1, totals(95)), new Scored(2, totals(95)),
                new Scored(3, totals(90)), new Scored(4, totals(80))), false);
        assertThat(Standings.byRule(tied, 25, 25, 0)).containsExactly(Award.FIRST, Award.FIRST, null, null);
        // a percentage above 0 of a small field still gives one award
        assertThat(Standings.byRule(Standings.rank(List.of(new Scored(1, totals(50))), false), 10, 0, 0))
                .containsExactly(Award.FIRST);
    }
}
