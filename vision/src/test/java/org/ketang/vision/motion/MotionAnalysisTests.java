package org.ketang.vision.motion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.ketang.vision.Box;
import org.ketang.vision.FrameSize;
import org.ketang.vision.Region;

class MotionAnalysisTests {

    private static final FrameSize SIZE = new FrameSize(640, 360);

    private static void room(Mat frame, double gain) {
        frame.put(new Scalar(150 * gain, 160 * gain, 170 * gain, 0));
        try (Rect board = new Rect(100, 60, 300, 140); Mat b = frame.apply(board)) {
            b.put(new Scalar(50 * gain, 70 * gain, 40 * gain, 0));
        }
    }

    private static void person(Mat frame, int x) {
        try (Rect body = new Rect(x, 120, 40, 180); Mat p = frame.apply(body)) {
            p.put(new Scalar(40, 40, 160, 0));
        }
    }

    @Test
    void aMovingPersonIsALiveBlob() {
        try (MotionAnalysis motion = new MotionAnalysis(SIZE, 640, Region.WHOLE, 0.5, 25);
                Mat frame = new Mat(360, 640, CV_8UC3)) {
            for (int i = 0; i < 40; i++) {
                room(frame, 1);
                person(frame, 200 + 3 * i);
                motion.update(i / 25.0, frame, null);
            }
            assertThat(motion.blobs()).anySatisfy(blob -> {
                assertThat(blob.live()).isTrue();
                assertThat(blob.box().iou(new Box(317, 120, 40, 180))).isGreaterThan(0.5);
            });
        }
    }

    @Test
    void anExposureChangeIsCompensatedNotForeground() {
        try (MotionAnalysis motion = new MotionAnalysis(SIZE, 640, Region.WHOLE, 0.5, 25);
                Mat frame = new Mat(360, 640, CV_8UC3)) {
            for (int i = 0; i < 60; i++) {
                // the camera's exposure drops by 30 % within a second
                room(frame, i < 20 ? 1 : Math.max(0.7, 1 - 0.3 * (i - 20) / 25.0));
                motion.update(i / 25.0, frame, null);
                assertThat(motion.blobs()).as("frame %d", i).isEmpty();
            }
            assertThat(motion.gain()).isGreaterThan(1.3);
        }
    }

    @Test
    void aPresenterWhoStandsStillUnderTheProtectedBoxStaysForeground() {
        Box presenter = new Box(300, 120, 40, 180);
        try (MotionAnalysis motion = new MotionAnalysis(SIZE, 640, Region.WHOLE, 0.5, 25);
                Mat frame = new Mat(360, 640, CV_8UC3)) {
            room(frame, 1);
            motion.update(0, frame, null);
            for (int i = 1; i < 500; i++) {
                room(frame, 1);
                person(frame, 300);
                motion.update(i / 25.0, frame, presenter.expanded(5, 5));
            }
            assertThat(motion.foregroundIn(presenter)).isGreaterThan((int) (0.9 * presenter.area()));
        }
    }

    @Test
    void aNewSlideOnTheScreenIsLearnedAtOnce() {
        try (MotionAnalysis motion = new MotionAnalysis(SIZE, 640, Region.WHOLE, 0.5, 25);
                Mat frame = new Mat(360, 640, CV_8UC3)) {
            int i = 0;
            for (; i < 25; i++) {
                room(frame, 1);
                motion.update(i / 25.0, frame, null);
            }
            for (; i < 40; i++) {
                room(frame, 1);
                try (Rect screen = new Rect(450, 40, 160, 110); Mat s = frame.apply(screen)) {
                    s.put(new Scalar(230, 120, 60, 0));
                }
                motion.update(i / 25.0, frame, null);
            }
            assertThat(motion.foregroundIn(new Box(450, 40, 160, 110))).isLessThan(100);
        }
    }
}
