package org.ketang.vision.courseware;

/**
 * New content on the courseware screen.
 *
 * @param seconds      when it was recognised (once the screen has been still again for a moment)
 * @param startedAt    when the screen started to change
 * @param changedShare share of the screen that changed, 0..1
 */
public record SlideChange(double seconds, double startedAt, double changedShare, Kind kind) {

    /** A whole new slide, or an addition to the current one (a bullet, a drawing, an annotation). */
    public enum Kind {
        NEW_SLIDE, NEW_CONTENT
    }
}
