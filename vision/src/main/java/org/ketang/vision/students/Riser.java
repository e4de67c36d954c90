package org.ketang.vision.students;

import org.ketang.vision.Box;

/** A region moving up (or down) over consecutive frames, analysis pixels. */
final class Riser {

    final boolean up;
    final double firstSeen;
    double lastSeen;
    /** How far it has moved in its direction, pixels. */
    double travel;
    /** The region swept so far. */
    Box swept;
    /** The region in the first and in the last frame it was seen. */
    final Box first;
    Box last;
    double lastSpeed;
    private double widthSum;
    private int frames;

    Riser(boolean up, Box box, double speed, double seconds) {
        this.up = up;
        this.firstSeen = seconds;
        this.lastSeen = seconds;
        this.swept = box;
        this.first = box;
        this.last = box;
        this.lastSpeed = speed;
        this.travel = speed;
        this.widthSum = box.width();
        this.frames = 1;
    }

    /** Where the region should be now, if it kept moving. */
    Box predicted() {
        return new Box(last.x(), last.y() + (up ? -lastSpeed : lastSpeed), last.width(), last.height());
    }

    boolean matches(Box box) {
        Box p = predicted();
        return p.iou(box) > 0.1 || p.centreDistance(box) < 0.6 * Math.max(p.height(), box.height());
    }

    void seen(Box box, double speed, double seconds) {
        if (lastSeen != seconds) {
            travel += speed;
            widthSum += box.width();
            frames++;
            last = box;
            lastSpeed = speed;
        } else {
            last = last.union(box);
        }
        swept = swept.union(box);
        lastSeen = seconds;
    }

    /** How far the region's leading edge moved (its top when rising, its bottom when falling), pixels. */
    double edgeTravel() {
        return up ? first.y() - last.y() : last.bottom() - first.bottom();
    }

    /** How far it moved: the larger of the summed optical flow and the leading edge's shift. */
    double distance() {
        return Math.max(travel, edgeTravel());
    }

    /** The mean width of the moving region: about the shoulders for a student standing up, an arm for a hand. */
    double width() {
        return widthSum / frames;
    }

    double duration() {
        return lastSeen - firstSeen;
    }
}
