package org.ketang.vision.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.ketang.vision.Box;
import org.ketang.vision.FrameSize;
import org.ketang.vision.Region;

class VirtualCameraTests {

    private static final FrameSize SOURCE = new FrameSize(1920, 1080);
    private static final double FPS = 25;
    private static final CameraSettings SETTINGS = new CameraSettings(2, 0.12, 1.0, 3.0, 0.08, 1.0, 16.0 / 9);

    private final VirtualCamera camera = new VirtualCamera(SOURCE, Region.WHOLE, SETTINGS);
    private int frame;

    private Box step(Box presenter, double velocity) {
        return camera.update(frame++ / FPS, presenter, presenter == null ? Double.NaN : presenter.centreX(),
                velocity);
    }

    @Test
    void aPresenterStandingStillGivesAStillPictureDespiteANoisyBox() {
        Random noise = new Random(1);
        List<Box> crops = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            Box presenter = new Box(900 + noise.nextGaussian() * 3, 300 + noise.nextGaussian() * 3, 200, 420);
            crops.add(step(presenter, noise.nextGaussian() * 20));
        }
        // after settling, not a pixel of movement
        for (int i = 51; i < crops.size(); i++) {
            assertThat(crops.get(i)).isEqualTo(crops.get(i - 1));
        }
        assertThat(crops.get(249).contains(new Box(900, 300, 200, 420), 5)).isTrue();
    }

    @Test
    void panningNeverExceedsTheSpeedAndAccelerationLimits() {
        Box start = new Box(300, 300, 200, 420);
        for (int i = 0; i < 50; i++) {
            step(start, 0);
        }
        List<Box> crops = new ArrayList<>();
        crops.add(camera.crop());
        Box far = new Box(1500, 300, 200, 420);
        for (int i = 0; i < 150; i++) {
            crops.add(step(far, 0));
        }
        double width = crops.get(0).width();
        double maxStep = SETTINGS.maxSpeed() * width / FPS;
        double maxChange = SETTINGS.maxAcceleration() * width / FPS / FPS;
        double previousStep = 0;
        for (int i = 1; i < crops.size(); i++) {
            double stepX = crops.get(i).centreX() - crops.get(i - 1).centreX();
            assertThat(Math.abs(stepX)).isLessThanOrEqualTo(maxStep + 1e-6);
            // landing on the target may shorten the very last step by up to a pixel
            assertThat(Math.abs(stepX - previousStep)).isLessThanOrEqualTo(maxChange + 1);
            previousStep = stepX;
        }
        assertThat(crops.get(crops.size() - 1).contains(far, 0)).isTrue();
    }

    @Test
    void aRealWalkIsFollowedWithinHalfASecond() {
        Box presenter = new Box(860, 300, 200, 420);
        for (int i = 0; i < 50; i++) {
            step(presenter, 0);
        }
        Box before = camera.crop();
        // walking right at about 1 m/s (420 px is 1.7 m)
        double speed = 250;
        int reacted = -1;
        for (int i = 0; i < 25; i++) {
            presenter = new Box(presenter.x() + speed / FPS, 300, 200, 420);
            Box crop = step(presenter, speed);
            if (reacted < 0 && crop.centreX() - before.centreX() > 0.02 * crop.width()) {
                reacted = i;
            }
        }
        assertThat(reacted).isBetween(0, (int) (0.5 * FPS));
    }

    @Test
    void aWalkingPresenterStaysInThePicture() {
        Box presenter = new Box(200, 300, 180, 420);
        for (int i = 0; i < 50; i++) {
            step(presenter, 0);
        }
        double speed = 350; // a brisk walk
        for (int i = 0; i < 100; i++) {
            presenter = new Box(presenter.x() + speed / FPS, 300, 180, 420);
            Box crop = step(presenter, speed);
            assertThat(crop.contains(presenter, 1)).as("frame %d", i).isTrue();
        }
    }

    @Test
    void aTallPresenterMakesTheCameraZoomOut() {
        Box tall = new Box(800, 100, 260, 800);
        Box crop = null;
        for (int i = 0; i < 100; i++) {
            crop = step(tall, 0);
        }
        assertThat(crop.height()).isGreaterThan(800);
        assertThat(crop.contains(tall, 0)).isTrue();
        assertThat(crop.width() / crop.height()).isCloseTo(16.0 / 9, within(1e-9));
    }

    @Test
    void withoutAPresenterItHoldsThenShowsTheWholeAreaAndCutsBackWhenFound() {
        Box presenter = new Box(300, 300, 200, 420);
        for (int i = 0; i < 50; i++) {
            step(presenter, 0);
        }
        Box close = camera.crop();
        assertThat(close.height()).isCloseTo(540, within(1.0));
        for (int i = 0; i < 10; i++) {
            assertThat(step(null, 0)).isEqualTo(close);
        }
        Box crop = null;
        for (int i = 0; i < 100; i++) {
            crop = step(null, 0);
        }
        assertThat(crop).isEqualTo(new Box(0, 0, 1920, 1080));
        Box found = new Box(1500, 400, 200, 420);
        crop = step(found, 0);
        assertThat(crop.height()).isCloseTo(540, within(1.0));
        assertThat(crop.contains(found, 0)).isTrue();
    }
}
