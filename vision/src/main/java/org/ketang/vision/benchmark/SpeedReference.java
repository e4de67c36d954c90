package org.ketang.vision.benchmark;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.bytedeco.opencv.global.opencv_video;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_video.BackgroundSubtractorMOG2;
import org.ketang.vision.scenes.TeacherCamera;
import org.ketang.vision.scenes.TeacherScene;

/**
 * The reference for the analysis speed, measured in the same run on the same machine: what plain OpenCV background
 * subtraction costs — each frame scaled to 640×360 and given to MOG2, nothing else — on the frames of a standard
 * teacher scene. The tracker does more (colour model, person detection, the virtual camera), so it is slower; the
 * reference shows what the machine gives at the time.
 */
final class SpeedReference {

    private SpeedReference() {
    }

    /** Frames per CPU second of scale + MOG2 over the first {@code frames} frames of {@code scene}. */
    static double mog2(TeacherScene scene, int frames) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = 0;
        int done = 0;
        try (TeacherCamera camera = scene.open(); Mat frame = new Mat(); Mat small = new Mat(); Mat mask = new Mat();
                BackgroundSubtractorMOG2 mog2 = opencv_video.createBackgroundSubtractorMOG2()) {
            while (done < frames && camera.read(frame)) {
                long start = threads.getCurrentThreadCpuTime();
                resize(frame, small, new Size(640, 360), 0, 0, INTER_AREA);
                mog2.apply(small, mask);
                cpu += threads.getCurrentThreadCpuTime() - start;
                done++;
            }
        }
        return cpu == 0 ? Double.NaN : done / (cpu / 1e9);
    }
}
