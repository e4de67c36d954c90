package org.ketang.vision.camera;

import org.ketang.vision.ClassroomSettings;

/**
 * How the virtual camera frames the presenter.
 *
 * @param zoom            crop height = source height / zoom when the presenter fits (1 = whole view)
 * @param deadZone        how far (fraction of the crop width, from the centre) the presenter may move before the
 *                        camera follows
 * @param maxSpeed        fastest pan, crop widths per second
 * @param maxAcceleration fastest change of pan speed, crop widths per second squared
 * @param margin          space kept around the presenter's box inside the crop, fraction of the box height
 * @param lostSeconds     how long the camera holds still after losing the presenter before it widens to the whole
 *                        teaching area
 * @param aspect          width / height of the crop (16:9)
 */
public record CameraSettings(double zoom, double deadZone, double maxSpeed, double maxAcceleration, double margin,
        double lostSeconds, double aspect) {

    public CameraSettings {
        if (!(zoom >= 1)) {
            throw new IllegalArgumentException("zoom must be ≥ 1: " + zoom);
        }
        if (!(deadZone >= 0 && deadZone < 0.5)) {
            throw new IllegalArgumentException("dead zone is a fraction of the crop width below 0.5: " + deadZone);
        }
        if (!(maxSpeed > 0) || !(maxAcceleration > 0)) {
            throw new IllegalArgumentException("speed and acceleration limits must be positive");
        }
    }

    /** Settings for a classroom: its zoom and the house defaults for the rest. */
    public static CameraSettings from(ClassroomSettings classroom) {
        return new CameraSettings(classroom.zoom(), 0.12, 1.0, 3.0, 0.08, 1.0, 16.0 / 9);
    }
}
