package org.ketang.vision.courseware;

import org.ketang.vision.ClassroomSettings;

/**
 * How new content is recognised on the courseware screen.
 *
 * @param sensitivity   0..1, see {@link ClassroomSettings#sensitivity()}
 * @param stableSeconds how long the screen must be still before a change is judged (a fade or a page being drawn
 *                      is one change, not many)
 * @param minShare      the smallest change that counts as new content, share of the screen (one bullet line is
 *                      about 2 %)
 */
public record CoursewareSettings(double sensitivity, double stableSeconds, double minShare) {

    public static CoursewareSettings from(ClassroomSettings classroom) {
        return new CoursewareSettings(classroom.sensitivity(), 0.4, 0.012);
    }
}
