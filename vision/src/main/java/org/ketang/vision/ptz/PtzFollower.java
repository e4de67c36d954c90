package org.ketang.vision.ptz;

import java.util.ArrayList;
import java.util.List;

import org.ketang.vision.Box;
import org.ketang.vision.FrameSize;

/**
 * Lets a PTZ camera frame what the virtual camera frames in the wide tracking view: each crop becomes an absolute
 * pan/tilt position and a zoom position (interpolated between the calibration's wide and tele ends by the logarithm of
 * the magnification). Commands go out only when the target moved by more than a small dead band and no more often
 * than {@code minInterval}, with speeds that grow with the distance, so the camera glides like the virtual camera.
 * It only decides; send its commands with {@link ViscaCamera#submit}.
 */
public final class PtzFollower {

    private final FrameSize wide;
    private final PtzCalibration calibration;
    private final double minInterval;
    private final int deadBand;
    private double lastSent = Double.NEGATIVE_INFINITY;
    private int pan = Integer.MIN_VALUE;
    private int tilt;
    private int zoom = Integer.MIN_VALUE;

    /**
     * @param wide        size of the wide tracking view
     * @param minInterval seconds between two commands at the least
     * @param deadBand    camera units a target must move before a new command
     */
    public PtzFollower(FrameSize wide, PtzCalibration calibration, double minInterval, int deadBand) {
        this.wide = wide;
        this.calibration = calibration;
        this.minInterval = minInterval;
        this.deadBand = deadBand;
    }

    /** The position that frames {@code crop} (source pixels of the wide view). */
    public PtzPosition target(Box crop) {
        double fx = clamp(crop.centreX() / wide.width());
        double fy = clamp(crop.centreY() / wide.height());
        int p = (int) Math.round(calibration.panLeft() + fx * (calibration.panRight() - calibration.panLeft()));
        int t = (int) Math.round(calibration.tiltTop() + fy * (calibration.tiltBottom() - calibration.tiltTop()));
        double share = Math.max(calibration.teleShare(), Math.min(1, crop.height() / wide.height()));
        double f = Math.log(1 / share) / Math.log(1 / calibration.teleShare());
        int z = (int) Math.round(calibration.zoomWide() + f * (calibration.zoomTele() - calibration.zoomWide()));
        return new PtzPosition(p, t, z);
    }

    /** The commands to send for this frame's crop: none, a pan/tilt move, a zoom, or both. */
    public List<ViscaCommand> update(double seconds, Box crop) {
        List<ViscaCommand> commands = new ArrayList<>();
        if (seconds - lastSent < minInterval) {
            return commands;
        }
        PtzPosition target = target(crop);
        boolean first = pan == Integer.MIN_VALUE;
        int panRange = Math.max(1, Math.abs(calibration.panRight() - calibration.panLeft()));
        int tiltRange = Math.max(1, Math.abs(calibration.tiltBottom() - calibration.tiltTop()));
        if (first || Math.abs(target.pan() - pan) > deadBand || Math.abs(target.tilt() - tilt) > deadBand) {
            int panSpeed = speed(Math.abs(target.pan() - (first ? target.pan() : pan)), panRange,
                    ViscaCommand.MAX_PAN_SPEED);
            int tiltSpeed = speed(Math.abs(target.tilt() - (first ? target.tilt() : tilt)), tiltRange,
                    ViscaCommand.MAX_TILT_SPEED);
            commands.add(ViscaCommand.absolute(target.pan(), target.tilt(), first ? ViscaCommand.MAX_PAN_SPEED
                    : panSpeed, first ? ViscaCommand.MAX_TILT_SPEED : tiltSpeed));
            pan = target.pan();
            tilt = target.tilt();
        }
        if (zoom == Integer.MIN_VALUE || Math.abs(target.zoom() - zoom) > deadBand) {
            commands.add(ViscaCommand.zoomTo(Math.max(0, target.zoom())));
            zoom = target.zoom();
        }
        if (!commands.isEmpty()) {
            lastSent = seconds;
        }
        return commands;
    }

    /** A move of a small part of the range goes slowly, a long one fast. */
    private static int speed(int distance, int range, int max) {
        return Math.max(1, Math.min(max, (int) Math.round(max * 4.0 * distance / range)));
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
