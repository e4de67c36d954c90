package org.ketang.vision.presenter;

import org.ketang.vision.Box;

/**
 * Someone who may be the presenter, seen over several frames while the tracker searches: a moving blob, a person
 * found by the detector, or both. Analysis pixels.
 */
final class Candidate {

    Box box;
    final double firstSeen;
    double lastSeen;
    int frames;
    int seenFrames;
    /** The detector's box of this person, null until the detector found them. */
    Box person;
    int detections;
    boolean moving;

    Candidate(Box box, double seconds, boolean moving) {
        this.box = box;
        this.firstSeen = seconds;
        this.lastSeen = seconds;
        this.frames = 1;
        this.seenFrames = 1;
        this.moving = moving;
    }

    boolean matches(Box other) {
        Box mine = person != null ? person : box;
        return mine.iou(other) > 0.2 || mine.contains(other, 0.1 * mine.height())
                || other.contains(mine, 0.1 * other.height())
                || mine.centreDistance(other) < 0.4 * Math.max(mine.height(), other.height());
    }

    void seen(Box other, double seconds) {
        box = other;
        if (lastSeen != seconds) {
            seenFrames++;
        }
        lastSeen = seconds;
        moving = true;
    }

    void detected(Box found, double seconds) {
        person = found;
        detections++;
        lastSeen = seconds;
    }

    double seenShare() {
        return frames == 0 ? 0 : (double) seenFrames / frames;
    }

    /** The best box of the whole person: the detector's when there is one. */
    Box body() {
        return person != null ? person : box;
    }
}
