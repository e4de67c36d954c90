package org.ketang.vision.camera;

import org.ketang.vision.Box;
import org.ketang.vision.FrameSize;
import org.ketang.vision.Region;
import org.ketang.vision.presenter.PresenterObservation;

/**
 * A virtual camera operator on a wide source: gives, for every frame, the 16:9 crop that frames the presenter.
 *
 * <p>Rules: the crop is the source height divided by the zoom, larger when the presenter (with a margin) would not
 * fit, and it shrinks back only after the presenter has been clearly smaller for two seconds. It does not pan while the
 * presenter's centre stays within the dead zone and their box stays inside the crop; it starts to follow when the
 * presenter leaves the dead zone, would be cut, or clearly walks off (their body's centre moving away from where
 * they stood, already 15 % of their height away), then pans with limited speed and acceleration, leading a little in the walking
 * direction, until the presenter is centred and standing again. When the tracker loses the presenter the crop holds
 * for {@code lostSeconds} and then widens to the whole teaching area; when a presenter is found while the crop shows
 * the whole area (at the start, after they came back) it cuts straight to them. While the tracker has not seen the
 * presenter's whole body yet ({@link PresenterObservation#confirmed()}), the camera shows the whole area too.
 * Positions are in source pixels.
 *
 * <p>Not thread-safe.
 */
public final class VirtualCamera {

    /** How far the body's centre must have gone from where it stood, in body heights, to count as walking off. */
    private static final double WALK_OFF = 0.15;
    private static final double SHRINK_DELAY = 2.0;

    private final FrameSize source;
    private final CameraSettings settings;
    private final Box wide;
    private final double maxHeight;
    private final double minHeight;
    private final AxisMotion x;
    private final AxisMotion y;
    private final AxisMotion height;
    private boolean wasLost = true;
    private boolean followingX;
    private boolean followingY;
    private double lastPresenter = Double.NEGATIVE_INFINITY;
    private double restX = Double.NaN;
    private double shrinkSince = Double.NaN;
    private double lastTime = Double.NaN;

    public VirtualCamera(FrameSize source, Region teachingArea, CameraSettings settings) {
        this.source = source;
        this.settings = settings;
        this.maxHeight = Math.min(source.height(), source.width() / settings.aspect());
        this.minHeight = Math.min(maxHeight, source.height() / settings.zoom());
        this.wide = widest(teachingArea.in(source));
        this.x = new AxisMotion(wide.centreX());
        this.y = new AxisMotion(wide.centreY());
        this.height = new AxisMotion(wide.height());
    }

    /** The smallest crop of the camera's aspect that holds the area, inside the frame. */
    private Box widest(Box area) {
        double h = Math.max(area.height(), area.width() / settings.aspect());
        h = Math.max(minHeight, Math.min(maxHeight, h));
        return Box.centred(area.centreX(), area.centreY(), h * settings.aspect(), h).shiftedInside(Box.of(source));
    }

    /** The crop for this frame, given what the presenter tracker saw. */
    public Box update(PresenterObservation observation) {
        // until the tracker has seen the whole presenter, its box may be an arm: show the whole area meanwhile
        Box presenter = observation.confirmed() ? observation.box() : null;
        if (observation.box() != null && !observation.confirmed()) {
            lastPresenter = Double.NEGATIVE_INFINITY;
        }
        return update(observation.seconds(), presenter, observation.bodyX(), observation.velocityX());
    }

    /**
     * The crop for this frame.
     *
     * @param seconds   timestamp, increasing
     * @param presenter the presenter's box in source pixels, or null when nobody is tracked
     * @param bodyX     the horizontal centre of the presenter's body (the box's centre will do)
     * @param velocityX the presenter's horizontal speed, source pixels per second
     */
    public Box update(double seconds, Box presenter, double bodyX, double velocityX) {
        double dt = Double.isNaN(lastTime) ? 0.04 : Math.max(1e-3, seconds - lastTime);
        lastTime = seconds;
        if (presenter != null) {
            lastPresenter = seconds;
        }
        boolean lost = presenter == null && seconds - lastPresenter > settings.lostSeconds();
        boolean holding = presenter == null && !lost;

        if (presenter != null && wasLost) {
            // found (again) while showing the whole area: cut to the presenter rather than zoom in slowly
            shrinkSince = Double.NEGATIVE_INFINITY;
            double h = heightFor(presenter, seconds);
            height.reset(h);
            followingX = true;
            followingY = true;
            x.reset(clamp(horizontalTarget(presenter, bodyX, 0, seconds, h * settings.aspect()), h * settings.aspect() / 2,
                    source.width() - h * settings.aspect() / 2));
            y.reset(clamp(verticalTarget(presenter, h), h / 2, source.height() - h / 2));
        }
        wasLost = lost || (presenter == null && wasLost);
        double targetHeight = lost ? wide.height() : holding ? height.position() : heightFor(presenter, seconds);
        height.step(targetHeight, dt, 0.6 * source.height(), 1.5 * source.height(), minHeight, maxHeight);
        double h = height.position();
        double w = h * settings.aspect();

        double targetX;
        double targetY;
        if (lost) {
            targetX = wide.centreX();
            targetY = wide.centreY();
            followingX = false;
            followingY = false;
            restX = Double.NaN;
        } else if (holding) {
            targetX = x.position();
            targetY = y.position();
        } else {
            targetX = horizontalTarget(presenter, bodyX, velocityX, seconds, w);
            targetY = verticalTarget(presenter, h);
        }
        x.step(targetX, dt, settings.maxSpeed() * w, settings.maxAcceleration() * w, w / 2, source.width() - w / 2);
        y.step(targetY, dt, settings.maxSpeed() * h, settings.maxAcceleration() * h, h / 2,
                source.height() - h / 2);
        return crop();
    }

    /** The current crop, source pixels. */
    public Box crop() {
        double h = height.position();
        return Box.centred(x.position(), y.position(), h * settings.aspect(), h);
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    private double heightFor(Box presenter, double seconds) {
        double need = Math.max(presenter.height() * (1 + 2 * settings.margin()),
                (presenter.width() + 2 * settings.margin() * presenter.height()) / settings.aspect());
        need = Math.max(minHeight, Math.min(maxHeight, need));
        double current = height.position();
        if (need > current) {
            shrinkSince = Double.NaN;
            return need;
        }
        if (need < 0.8 * current) {
            if (Double.isNaN(shrinkSince)) {
                shrinkSince = seconds;
            }
            return seconds - shrinkSince >= SHRINK_DELAY ? need : current;
        }
        shrinkSince = Double.NaN;
        return current;
    }

    private double horizontalTarget(Box presenter, double bodyX, double velocityX, double seconds, double w) {
        double px = Double.isNaN(bodyX) ? presenter.centreX() : bodyX;
        double cx = x.position();
        // a body height per second is a slow walk (about 1.7 m/s is brisk)
        double walkSpeed = 0.15 * presenter.height();
        boolean still = Math.abs(velocityX) < walkSpeed;
        if (Double.isNaN(restX) || (still && !followingX)) {
            restX = px;
        }
        double away = px - restX;
        boolean walksOff = Math.abs(away) > WALK_OFF * presenter.height() && Math.abs(velocityX) > walkSpeed
                && Math.signum(velocityX) == Math.signum(away);
        double margin = settings.margin() * presenter.height();
        boolean cut = presenter.x() - margin < cx - w / 2 || presenter.right() + margin > cx + w / 2;
        if (!followingX && (Math.abs(px - cx) > settings.deadZone() * w || cut || walksOff)) {
            followingX = true;
        }
        if (!followingX) {
            return cx;
        }
        if (Math.abs(px - cx) < 0.04 * w && still) {
            followingX = false;
            restX = px;
            return cx;
        }
        double lead = Math.max(-0.15 * w, Math.min(0.15 * w, velocityX * 0.4));
        return px + lead;
    }

    private double verticalTarget(Box presenter, double h) {
        double margin = settings.margin() * presenter.height();
        boolean fits = presenter.height() + 2 * margin <= h;
        double ideal = fits ? presenter.centreY() : presenter.y() - margin + h / 2;
        double cy = y.position();
        boolean cut = fits && (presenter.y() - margin < cy - h / 2 || presenter.bottom() + margin > cy + h / 2);
        if (!followingY && (Math.abs(ideal - cy) > 0.2 * h || cut)) {
            followingY = true;
        }
        if (!followingY) {
            return cy;
        }
        if (Math.abs(ideal - cy) < 0.02 * h) {
            followingY = false;
        }
        return ideal;
    }
}
