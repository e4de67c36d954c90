package org.ketang.vision.presenter;

import java.util.Optional;

import org.ketang.vision.Box;

/**
 * What the tracker knows about the presenter at one frame, in pixels of the teacher camera's source.
 *
 * @param seconds   timestamp of the frame
 * @param state     searching or tracking
 * @param box       the presenter's bounding box while tracking (arms included), null while searching
 * @param bodyX     the horizontal centre of the presenter's body (the median of their pixels: it hardly moves when
 *                  they stretch out an arm), source pixels; meaningless while searching
 * @param velocityX horizontal speed of the presenter, source pixels per second (positive to the right)
 * @param seen      whether the presenter's movement was seen in this frame (false while they stand still or are
 *                  hidden, when the box is held where they were)
 * @param confirmed whether the tracker has seen the presenter's whole body since it locked on (the person detector
 *                  found them, or they walked); until then the box may be only the part that moved (an arm, a head)
 *                  and a camera should not frame it tightly
 */
public record PresenterObservation(double seconds, TrackingState state, Box box, double bodyX, double velocityX,
        boolean seen, boolean confirmed) {

    /** The presenter's box, empty while searching. */
    public Optional<Box> presenter() {
        return Optional.ofNullable(box);
    }

    /** Nobody tracked at this time. */
    public static PresenterObservation searching(double seconds) {
        return new PresenterObservation(seconds, TrackingState.SEARCHING, null, Double.NaN, 0, false, false);
    }
}
