package org.ketang.vision.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.ketang.vision.Box;

class StandUpScoreTests {

    private static final StandUpTruth FRONT_LEFT = new StandUpTruth(10, 15, new Box(100, 300, 100, 200));
    private static final StandUpTruth BACK_RIGHT = new StandUpTruth(30, 35, new Box(900, 100, 50, 100));

    @Test
    void aDetectionMatchesInTimeAndPlace() {
        StandUpScore score = new StandUpScore(List.of(FRONT_LEFT, BACK_RIGHT), List.of(
                new StandUpScore.Detection(11, new Box(110, 310, 80, 100)),
                new StandUpScore.Detection(31.5, new Box(905, 110, 40, 60))));
        assertThat(score.precision()).isEqualTo(1.0);
        assertThat(score.recall()).isEqualTo(1.0);
        assertThat(score.delay()).isCloseTo(1.25, within(1e-9));
    }

    @Test
    void theWrongPlaceTheWrongTimeOrTwiceAreFalse() {
        StandUpScore score = new StandUpScore(List.of(FRONT_LEFT), List.of(
                new StandUpScore.Detection(11, new Box(600, 300, 100, 200)),
                new StandUpScore.Detection(20, new Box(110, 310, 80, 100)),
                new StandUpScore.Detection(11, new Box(110, 310, 80, 100)),
                new StandUpScore.Detection(11.5, new Box(110, 310, 80, 100))));
        assertThat(score.matched()).isEqualTo(1);
        assertThat(score.precision()).isEqualTo(0.25);
        assertThat(score.recall()).isEqualTo(1.0);
    }

    @Test
    void slideChangesMatchWithinTwoSecondsAfter() {
        SlideScore score = new SlideScore(List.of(5.0, 10.0, 20.0), List.of(5.4, 12.5, 20.1, 20.3));
        assertThat(score.matched()).isEqualTo(2);
        assertThat(score.precision()).isEqualTo(0.5);
        assertThat(score.recall()).isCloseTo(2 / 3.0, within(1e-9));
    }
}
