package org.ketang.vision.presenter;

import org.ketang.vision.Box;

/** A moving person-sized blob seen over several frames, not yet the presenter. Analysis pixels. */
final class Candidate {

    Box box;
    final double firstSeen;
    double lastSeen;
    int frames;
    int seenFrames;
    boolean confirmedAsPerson;

    Candidate(Box box, double seconds) {
        this.box = box;
        this.firstSeen = seconds;
        this.lastSeen = seconds;
        this.frames = 1;
        this.seenFrames = 1;
    }

    boolean matches(Box other) {
        return box.iou(other) > 0.2 || box.centreDistance(other) < 0.5 * Math.max(box.height(), other.height());
    }

    void seen(Box other, double seconds) {
        box = other;
        lastSeen = seconds;
        seenFrames++;
    }

    double seenShare() {
        return frames == 0 ? 0 : (double) seenFrames / frames;
    }
}
