package org.ketang.vision.presenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.ketang.vision.Box;
import org.ketang.vision.ClassroomSettings;
import org.ketang.vision.FrameSize;
import org.ketang.vision.Region;
import org.ketang.vision.scenes.TeacherCamera;
import org.ketang.vision.scenes.TeacherScene;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.randn;

class PresenterTrackerTests {

    private static final FrameSize SMALL = new FrameSize(640, 360);

    @Test
    void locksOntoAWalkingPresenterAndFollowsThem() throws Exception {
        TeacherScene scene = new TeacherScene("test", 11, SMALL, 25, 14, 0.55, 3,
                EnumSet.noneOf(TeacherScene.Challenge.class), Region.WHOLE);
        int frames = 0;
        int followed = 0;
        int judged = 0;
        try (TeacherCamera camera = scene.open(); Mat frame = new Mat();
                PresenterTracker tracker = new PresenterTracker(SMALL, 25,
                        TrackerSettings.from(ClassroomSettings.defaults()))) {
            while (camera.read(frame)) {
                PresenterObservation seen = tracker.update(frames / 25.0, frame);
                Box truth = camera.truth().at(frames).orElse(null);
                if (frames >= 4 * 25 && truth != null) {
                    judged++;
                    if (seen.box() != null && seen.box().intersection(truth).area() > 0.5 * truth.area()) {
                        followed++;
                    }
                }
                frames++;
            }
        }
        assertThat(judged).isGreaterThan(200);
        assertThat((double) followed / judged).isGreaterThan(0.9);
    }

    @Test
    void aFlickeringScreenAndNoiseAloneAreNoPresenter() {
        try (PresenterTracker tracker = new PresenterTracker(SMALL, 25,
                TrackerSettings.from(ClassroomSettings.defaults())); Mat frame = new Mat(360, 640, CV_8UC3);
                Mat noise = new Mat(360, 640, CV_8UC3)) {
            for (int i = 0; i < 250; i++) {
                frame.put(new Scalar(170, 180, 190, 0));
                double brightness = 200 + 40 * Math.sin(2 * Math.PI * 7.3 * i / 25.0);
                try (Rect r = new Rect(400, 40, 180, 130); Mat screen = frame.apply(r)) {
                    screen.put(new Scalar(brightness, brightness, brightness, 0));
                }
                randn(noise, new Mat(1, 1, org.bytedeco.opencv.global.opencv_core.CV_64F, new Scalar(0)),
                        new Mat(1, 1, org.bytedeco.opencv.global.opencv_core.CV_64F, new Scalar(3)));
                org.bytedeco.opencv.global.opencv_core.add(frame, noise, frame);
                assertThat(tracker.update(i / 25.0, frame).state()).as("frame %d", i)
                        .isEqualTo(TrackingState.SEARCHING);
            }
        }
    }

    @Test
    void someoneWhoOnlyStepsInAtTheEdgeIsNotLockedOn() throws Exception {
        // a person enters from the side, stays by the door and leaves: a passer-by, not a presenter
        TeacherScene scene = new TeacherScene("edge", 12, SMALL, 25, 10, 0.5, 3,
                EnumSet.noneOf(TeacherScene.Challenge.class), Region.WHOLE);
        try (TeacherCamera camera = scene.open(); Mat frame = new Mat();
                PresenterTracker tracker = new PresenterTracker(SMALL, 25,
                        TrackerSettings.from(ClassroomSettings.defaults().withTeachingArea(
                                new Region(0, 0, 0.12, 1))))) {
            int i = 0;
            int locked = 0;
            while (camera.read(frame)) {
                if (tracker.update(i++ / 25.0, frame).state() == TrackingState.TRACKING) {
                    locked++;
                }
            }
            // the teaching area is a strip at the left edge: whoever is seen there touches its sides
            assertThat(locked).isZero();
        }
    }
}
