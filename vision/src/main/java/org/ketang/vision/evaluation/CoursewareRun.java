package org.ketang.vision.evaluation;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.ketang.vision.ClassroomSettings;
import org.ketang.vision.courseware.CoursewareObservation;
import org.ketang.vision.courseware.CoursewareSettings;
import org.ketang.vision.courseware.SlideChange;
import org.ketang.vision.courseware.SlideChangeDetector;

/** Runs the slide-change detector over a courseware video and scores it against the true changes. */
public final class CoursewareRun {

    /** The score, the frames analysed, the analysis speed and every recognised change. */
    public record Result(SlideScore score, int frames, double fpsPerCore, double fps, List<SlideChange> changes) {
    }

    private CoursewareRun() {
    }

    public static Result run(FrameSource frames, List<Double> truth, ClassroomSettings settings) throws Exception {
        CpuMeter meter = new CpuMeter();
        List<SlideChange> changes = new ArrayList<>();
        int count = 0;
        try (SlideChangeDetector detector = new SlideChangeDetector(frames.size(), frames.fps(),
                CoursewareSettings.from(settings)); Mat frame = new Mat()) {
            while (frames.read(frame)) {
                double t = count / frames.fps();
                meter.start();
                CoursewareObservation seen = detector.update(t, frame);
                meter.stop();
                seen.slideChange().ifPresent(changes::add);
                count++;
            }
        }
        List<Double> times = changes.stream().map(SlideChange::seconds).toList();
        return new Result(new SlideScore(truth, times), count, meter.framesPerCpuSecond(count),
                meter.framesPerSecond(count), changes);
    }
}
