package org.ketang.vision.evaluation;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.ketang.vision.ClassroomSettings;
import org.ketang.vision.students.StandUpDetector;
import org.ketang.vision.students.StandUpEvent;
import org.ketang.vision.students.StudentObservation;
import org.ketang.vision.students.StudentSettings;

/** Runs the stand-up detector over a student-camera video and scores it against the true stand-ups. */
public final class StudentRun {

    /** The score, the frames analysed, the analysis speed and every event. */
    public record Result(StandUpScore score, int frames, double fpsPerCore, double fps, List<StandUpEvent> events) {
    }

    private StudentRun() {
    }

    public static Result run(FrameSource frames, List<StandUpTruth> truth, ClassroomSettings settings)
            throws Exception {
        CpuMeter meter = new CpuMeter();
        List<StandUpEvent> events = new ArrayList<>();
        int count = 0;
        try (StandUpDetector detector = new StandUpDetector(frames.size(), frames.fps(),
                StudentSettings.from(settings)); Mat frame = new Mat()) {
            while (frames.read(frame)) {
                double t = count / frames.fps();
                meter.start();
                StudentObservation seen = detector.update(t, frame);
                meter.stop();
                events.addAll(seen.events());
                count++;
            }
        }
        List<StandUpScore.Detection> detections = new ArrayList<>();
        for (StandUpEvent e : events) {
            if (e.kind() == StandUpEvent.Kind.STOOD_UP) {
                detections.add(new StandUpScore.Detection(e.seconds(), e.box()));
            }
        }
        return new Result(new StandUpScore(truth, detections), count, meter.framesPerCpuSecond(count),
                meter.framesPerSecond(count), events);
    }
}
