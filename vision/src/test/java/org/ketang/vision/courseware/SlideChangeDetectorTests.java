package org.ketang.vision.courseware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.ketang.vision.ClassroomSettings;
import org.ketang.vision.FrameSize;

class SlideChangeDetectorTests {

    private static final FrameSize SIZE = new FrameSize(960, 540);

    private final Mat frame = new Mat(540, 960, CV_8UC3);

    private void fill(double b, double g, double r) {
        frame.put(new Scalar(b, g, r, 0));
    }

    private void box(int x, int y, int w, int h, double grey) {
        try (Rect rect = new Rect(x, y, w, h); Mat part = frame.apply(rect)) {
            part.put(new Scalar(grey, grey, grey, 0));
        }
    }

    /** Runs the detector over {@code frames} frames, each drawn by {@code draw}; returns the changes. */
    private List<SlideChange> run(int frames, IntConsumer draw) {
        List<SlideChange> changes = new ArrayList<>();
        try (SlideChangeDetector detector = new SlideChangeDetector(SIZE, 25,
                CoursewareSettings.from(ClassroomSettings.defaults()))) {
            for (int i = 0; i < frames; i++) {
                draw.accept(i);
                detector.update(i / 25.0, frame).slideChange().ifPresent(changes::add);
            }
        }
        return changes;
    }

    @Test
    void aNewSlideIsOneChange() {
        List<SlideChange> changes = run(100, i -> {
            if (i < 40) {
                fill(250, 250, 250);
                box(60, 40, 840, 60, 30);
            } else {
                fill(90, 40, 30);
                box(60, 300, 500, 40, 240);
            }
        });
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).kind()).isEqualTo(SlideChange.Kind.NEW_SLIDE);
        assertThat(changes.get(0).startedAt()).isEqualTo(40 / 25.0);
        assertThat(changes.get(0).seconds()).isBetween(40 / 25.0, 40 / 25.0 + 1);
    }

    @Test
    void aNewBulletIsNewContent() {
        List<SlideChange> changes = run(100, i -> {
            fill(250, 250, 250);
            box(60, 40, 840, 60, 30);
            box(80, 160, 500, 24, 40);
            if (i >= 50) {
                box(80, 220, 420, 24, 40);
            }
        });
        assertThat(changes).extracting(SlideChange::kind).containsExactly(SlideChange.Kind.NEW_CONTENT);
    }

    @Test
    void aMovingPointerAndAPlayingVideoAreNotNewContent() {
        List<SlideChange> changes = run(250, i -> {
            fill(250, 250, 250);
            box(60, 40, 840, 60, 30);
            // a video plays in a corner: its picture changes all the time
            box(560, 260, 320, 220, 60 + 80 * (1 + Math.sin(i * 0.5)));
            // the pointer wanders and rests
            int x = 100 + (i % 100 < 60 ? (i % 100) * 6 : 360);
            box(x, 380, 12, 18, 0);
        });
        assertThat(changes).isEmpty();
    }
}
