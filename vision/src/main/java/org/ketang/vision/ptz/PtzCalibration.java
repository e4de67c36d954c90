package org.ketang.vision.ptz;

/**
 * How the wide tracking view maps onto a PTZ camera's positions, taken from two presets a technician stores: the
 * pan when the PTZ camera looks at the left and at the right edge of the wide view, the tilt for its top and bottom
 * edge, and the zoom positions that show the whole wide view and a close-up of {@code teleShare} of its height.
 */
public record PtzCalibration(int panLeft, int panRight, int tiltTop, int tiltBottom, int zoomWide, int zoomTele,
        double teleShare) {

    public PtzCalibration {
        if (!(teleShare > 0 && teleShare < 1)) {
            throw new IllegalArgumentException("the close-up shows a part of the view: 0 < teleShare < 1");
        }
    }
}
