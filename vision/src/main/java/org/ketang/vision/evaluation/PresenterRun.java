package org.ketang.vision.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.bytedeco.opencv.opencv_core.Mat;
import org.ketang.vision.Box;
import org.ketang.vision.ClassroomSettings;
import org.ketang.vision.camera.CameraSettings;
import org.ketang.vision.camera.VirtualCamera;
import org.ketang.vision.presenter.PresenterObservation;
import org.ketang.vision.presenter.PresenterTracker;
import org.ketang.vision.presenter.TrackerSettings;

/**
 * Runs the presenter tracker and the virtual camera over a teacher-camera video and scores the crops against the
 * ground truth.
 */
public final class PresenterRun {

    /** The score, the analysis speed and the crop of every frame (for pictures of the run). */
    public record Result(TrackingScore score, double fpsPerCore, double fps, List<Box> crops,
            List<PresenterObservation> observations) {
    }

    private PresenterRun() {
    }

    /**
     * @param frames   the video
     * @param truth    its ground truth, asked for after the last frame (a generated scene records it while
     *                 rendering)
     * @param settings the classroom's settings
     */
    public static Result run(FrameSource frames, Supplier<PresenterTruth> truth, ClassroomSettings settings)
            throws Exception {
        CpuMeter meter = new CpuMeter();
        List<Box> crops = new ArrayList<>();
        List<PresenterObservation> observations = new ArrayList<>();
        try (PresenterTracker tracker = new PresenterTracker(frames.size(), frames.fps(),
                TrackerSettings.from(settings)); Mat frame = new Mat()) {
            VirtualCamera camera = new VirtualCamera(frames.size(), settings.teachingArea(),
                    CameraSettings.from(settings));
            int index = 0;
            while (frames.read(frame)) {
                double t = index / frames.fps();
                meter.start();
                PresenterObservation seen = tracker.update(t, frame);
                Box crop = camera.update(seen);
                meter.stop();
                crops.add(crop);
                observations.add(seen);
                index++;
            }
        }
        PresenterTruth boxes = truth.get();
        TrackingScore score = new TrackingScore(frames.fps(), frames.size());
        for (int i = 0; i < crops.size(); i++) {
            score.add(boxes.at(i).orElse(null), crops.get(i));
        }
        return new Result(score, meter.framesPerCpuSecond(crops.size()), meter.framesPerSecond(crops.size()), crops,
                observations);
    }
}
