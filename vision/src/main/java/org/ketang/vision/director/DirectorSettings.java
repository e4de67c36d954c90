package org.ketang.vision.director;

import org.ketang.vision.Box;

/**
 * The director's rules.
 *
 * @param minShotSeconds       no cut before a shot has lasted this long (except an interruption, below)
 * @param interruptSeconds     a more important shot (a student, new courseware) may cut in once the current shot has
 *                             lasted this long
 * @param settleSeconds        a wish for another shot must last this long before the cut (hysteresis: a flicker of
 *                             the tracker or a detector does not cut)
 * @param coursewareSeconds    how long the courseware is shown after new content
 * @param afterStudentSeconds  how long a student stays in the program after sitting down
 * @param lostSeconds          how long the presenter may be lost before the teacher shot goes wide
 * @param teacherInCourseware  show the teacher as picture-in-picture over the courseware
 * @param pictureInPicture     where the picture-in-picture goes, fractions of the program
 */
public record DirectorSettings(double minShotSeconds, double interruptSeconds, double settleSeconds,
        double coursewareSeconds, double afterStudentSeconds, double lostSeconds, boolean teacherInCourseware,
        Box pictureInPicture) {

    public DirectorSettings {
        if (interruptSeconds > minShotSeconds) {
            throw new IllegalArgumentException("an interruption cannot wait longer than the minimum shot");
        }
    }

    /** Four-second shots, interruptions after one and a half, eight seconds of courseware, PiP bottom right. */
    public static DirectorSettings defaults() {
        return new DirectorSettings(4, 1.5, 0.5, 8, 1.5, 2, true, new Box(0.73, 0.71, 0.25, 0.25));
    }
}
