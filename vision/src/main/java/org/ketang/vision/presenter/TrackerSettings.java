package org.ketang.vision.presenter;

import org.ketang.vision.ClassroomSettings;
import org.ketang.vision.Region;

/**
 * How the presenter tracker works; {@link #from(ClassroomSettings)} gives the values for a classroom.
 *
 * @param teachingArea      where the presenter is looked for
 * @param sensitivity       0..1, see {@link ClassroomSettings#sensitivity()}
 * @param analysisWidth     width of the analysis picture in pixels (640 is enough for a 1080p or 4K view)
 * @param minPersonHeight   the smallest presenter, as a fraction of the teaching area's height
 * @param lockSeconds       how long a moving person must be seen before the tracker locks on without the person
 *                          detector's confirmation (with it, a fifth of a second)
 * @param leaveSeconds      how long the presenter must be gone from their place before the tracker lets go
 * @param personDetection   also look for people with the HOG detector (sparsely), which finds a presenter who stands
 *                          still when the recording starts and confirms a lock
 */
public record TrackerSettings(Region teachingArea, double sensitivity, int analysisWidth, double minPersonHeight,
        double lockSeconds, double leaveSeconds, boolean personDetection) {

    public TrackerSettings {
        if (analysisWidth < 160) {
            throw new IllegalArgumentException("analysis width below 160 pixels cannot see a person: " + analysisWidth);
        }
    }

    /** The tracker settings for a classroom. */
    public static TrackerSettings from(ClassroomSettings classroom) {
        return new TrackerSettings(classroom.teachingArea(), classroom.sensitivity(), 640, 0.15, 1.0, 1.2, true);
    }
}
