package org.ketang.vision.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.ketang.vision.Box;
import org.ketang.vision.FrameSize;

class TrackingScoreTests {

    private static final FrameSize HD = new FrameSize(1920, 1080);

    @Test
    void insideCountsOnlyFramesWithAVisiblePresenter() {
        TrackingScore score = new TrackingScore(25, HD);
        Box crop = new Box(0, 0, 960, 540);
        score.add(new Box(100, 100, 100, 300), crop);
        score.add(new Box(900, 100, 100, 300), crop);
        score.add(null, crop);
        assertThat(score.inside()).isEqualTo(0.5);
        assertThat(score.visibleFrames()).isEqualTo(2);
    }

    @Test
    void jitterIsTheCropsMovementWhileThePresenterStandsStill() {
        TrackingScore score = new TrackingScore(25, HD);
        Box presenter = new Box(500, 300, 150, 400);
        for (int i = 0; i < 100; i++) {
            // the crop wobbles by 2 px every frame, the presenter does not move
            score.add(presenter, new Box(i % 2 == 0 ? 100 : 102, 0, 960, 540));
        }
        assertThat(score.jitter()).isCloseTo(2.0, within(1e-9));
        assertThat(score.cuts()).isZero();
    }

    @Test
    void anArmStretchedOutIsStillStandingAndAJumpIsACut() {
        TrackingScore score = new TrackingScore(25, HD);
        for (int i = 0; i < 100; i++) {
            // one side of the box moves (an arm), the other stays: not a move
            Box presenter = new Box(500, 300, i < 50 ? 150 : 250, 400);
            score.add(presenter, new Box(i < 60 ? 0 : 500, 0, 960, 540));
        }
        // every frame with half a second of truth on both sides
        assertThat(score.stillFrames()).isEqualTo(100 - 2 * 13);
        assertThat(score.cuts()).isEqualTo(1);
        assertThat(score.jitter()).isZero();
    }

    @Test
    void reactionIsTheTimeFromTheStartOfAWalkToTheFirstCameraMove() {
        TrackingScore score = new TrackingScore(25, HD);
        double x = 500;
        double cropX = 0;
        for (int i = 0; i < 200; i++) {
            if (i >= 50) {
                x += 10; // walking right, 250 px/s, from frame 50
            }
            if (i >= 60) {
                cropX += 8; // the camera follows from frame 60
            }
            score.add(new Box(x, 300, 150, 400), new Box(cropX, 0, 960, 540));
        }
        assertThat(score.reactions()).hasSize(1);
        TrackingScore.Reaction reaction = score.reactions().get(0);
        // the walk counts from the frame it is 10 % of the height (40 px) away, the camera from 2 % of its width
        assertThat(reaction.frame()).isEqualTo(54);
        assertThat(reaction.delay()).isCloseTo((62 - 54 + 1) / 25.0, within(1e-9));
    }

    @Test
    void aCameraThatNeverFollowsCountsThreeSeconds() {
        TrackingScore score = new TrackingScore(25, HD);
        double x = 600;
        for (int i = 0; i < 200; i++) {
            if (i >= 50) {
                x += 10;
            }
            score.add(new Box(x, 300, 150, 400), new Box(100, 0, 960, 540));
        }
        assertThat(score.reactions()).extracting(TrackingScore.Reaction::delay).containsExactly(3.0);
    }

    @Test
    void walkingBackToTheCropsCentreOrAgainstTheFrameEdgeNeedsNoReaction() {
        TrackingScore score = new TrackingScore(25, HD);
        double x = 200;
        for (int i = 0; i < 200; i++) {
            if (i >= 50) {
                x += 5;
            }
            score.add(new Box(x, 300, 150, 400), new Box(0, 0, 1920, 1080));
        }
        assertThat(score.reactions()).isEmpty();
    }
}
