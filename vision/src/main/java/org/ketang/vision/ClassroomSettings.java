package org.ketang.vision;

/**
 * What a school sets per classroom for automatic directing; sent by the platform, kept by the recorder. A plain
 * record of numbers, booleans and {@link Region}s, so it maps one-to-one to JSON.
 *
 * @param enabled          automatic tracking and directing on; off means the recorder composes a fixed layout
 * @param teachingArea     the podium area in the teacher camera where the presenter is looked for; people seen
 *                         outside it are ignored
 * @param sensitivity      0..1: how small a change counts as movement, a presenter, a stand-up or a new slide
 *                         (0.5 suits most rooms; raise it for a dim room or a small image of the teacher, lower it
 *                         for a noisy camera)
 * @param zoom             the virtual camera's zoom on the teacher camera: the crop is the source height divided by
 *                         this (1 = the whole view); it zooms out when the presenter would not fit
 * @param followStudents   cut to a student who stands up to answer
 * @param studentArea      the seats in the student camera
 * @param followCourseware show the courseware when a slide changes
 */
public record ClassroomSettings(boolean enabled, Region teachingArea, double sensitivity, double zoom,
        boolean followStudents, Region studentArea, boolean followCourseware) {

    public ClassroomSettings {
        if (teachingArea == null) {
            teachingArea = Region.WHOLE;
        }
        if (studentArea == null) {
            studentArea = Region.WHOLE;
        }
        if (!(sensitivity >= 0 && sensitivity <= 1)) {
            throw new IllegalArgumentException("sensitivity is 0..1, not " + sensitivity);
        }
        if (!(zoom >= 1 && zoom <= 8)) {
            throw new IllegalArgumentException("zoom is 1..8, not " + zoom);
        }
    }

    /** Everything on, the whole views analysed, medium sensitivity, zoom 2. */
    public static ClassroomSettings defaults() {
        return new ClassroomSettings(true, Region.WHOLE, 0.5, 2.0, true, Region.WHOLE, true);
    }

    public ClassroomSettings withTeachingArea(Region area) {
        return new ClassroomSettings(enabled, area, sensitivity, zoom, followStudents, studentArea, followCourseware);
    }

    public ClassroomSettings withStudentArea(Region area) {
        return new ClassroomSettings(enabled, teachingArea, sensitivity, zoom, followStudents, area, followCourseware);
    }

    public ClassroomSettings withSensitivity(double value) {
        return new ClassroomSettings(enabled, teachingArea, value, zoom, followStudents, studentArea, followCourseware);
    }

    public ClassroomSettings withZoom(double value) {
        return new ClassroomSettings(enabled, teachingArea, sensitivity, value, followStudents, studentArea,
                followCourseware);
    }
}
