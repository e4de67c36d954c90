package org.ketang.vision.ptz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ketang.vision.Box;
import org.ketang.vision.FrameSize;

class PtzFollowerTests {

    private static final FrameSize WIDE = new FrameSize(1920, 1080);
    private static final PtzCalibration CALIBRATION = new PtzCalibration(-8000, 8000, 1000, -1000, 0, 0x3000, 0.25);

    @Test
    void cropsMapOntoTheCalibratedRange() {
        PtzFollower follower = new PtzFollower(WIDE, CALIBRATION, 0.2, 50);
        assertThat(follower.target(Box.centred(0, 0, 480, 270))).isEqualTo(new PtzPosition(-8000, 1000, 0x3000));
        assertThat(follower.target(Box.centred(960, 540, 1920, 1080))).isEqualTo(new PtzPosition(0, 0, 0));
        // half the height is half the way in magnification (log scale) between wide and tele
        assertThat(follower.target(Box.centred(1920, 1080, 960, 540)).zoom()).isEqualTo(0x1800);
    }

    @Test
    void smallMovesAndFastRepeatsSendNothing() {
        PtzFollower follower = new PtzFollower(WIDE, CALIBRATION, 0.2, 50);
        Box crop = Box.centred(960, 540, 960, 540);
        assertThat(follower.update(0, crop)).hasSize(2);
        assertThat(follower.update(0.1, Box.centred(1400, 540, 960, 540))).isEmpty();
        assertThat(follower.update(0.3, Box.centred(962, 540, 960, 540))).isEmpty();
        // a quarter of the range is a long move: nearly full speed
        assertThat(follower.update(0.5, Box.centred(1400, 540, 960, 540)))
                .containsExactly(ViscaCommand.absolute(3667, 0, 0x16, 1));
    }
}
