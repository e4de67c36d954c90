package org.ketang.vision.courseware;

import java.util.Optional;

/**
 * What the slide-change detector knows at one frame.
 *
 * @param change     new content recognised at this frame, or null
 * @param lastChange when new content was last recognised, seconds ({@code -∞} before the first)
 * @param playing    whether part of the screen keeps changing (a video plays)
 */
public record CoursewareObservation(double seconds, SlideChange change, double lastChange, boolean playing) {

    /** The change recognised at this frame, if any. */
    public Optional<SlideChange> slideChange() {
        return Optional.ofNullable(change);
    }
}
