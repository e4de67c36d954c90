package org.ketang.vision.students;

import org.ketang.vision.ClassroomSettings;
import org.ketang.vision.Region;

/**
 * How stand-ups are detected; {@link #from(ClassroomSettings)} gives the values for a classroom.
 *
 * @param seats            where the seated students are in the student camera
 * @param sensitivity      0..1, see {@link ClassroomSettings#sensitivity()}
 * @param analysisWidth    width of the picture the optical flow runs on (480 sees a back-row student of a 1080p
 *                         camera that covers 40 seats)
 * @param minShoulders     the narrowest student that can be seen standing up, as a fraction of the picture width
 * @param maxStandSeconds  a student standing longer than this is forgotten (the director returns to the teacher)
 */
public record StudentSettings(Region seats, double sensitivity, int analysisWidth, double minShoulders,
        double maxStandSeconds) {

    public static StudentSettings from(ClassroomSettings classroom) {
        return new StudentSettings(classroom.studentArea(), classroom.sensitivity(), 480, 0.014, 60);
    }
}
