package org.ketang.vision.benchmark;

import org.ketang.vision.evaluation.SlideScore;
import org.ketang.vision.evaluation.StandUpScore;
import org.ketang.vision.evaluation.TrackingScore;

/** One scene's line of the table; the scores that do not apply to its camera are null. */
record Row(String scene, String camera, int frames, double cpuSeconds, TrackingScore tracking,
        StandUpScore standUps, SlideScore slides) {

    double fpsPerCore() {
        return cpuSeconds > 0 ? frames / cpuSeconds : Double.NaN;
    }
}
