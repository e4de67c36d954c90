package org.ketang.vision.camera;

/**
 * One coordinate of the camera moving toward a target under a speed and an acceleration limit, braking in time to
 * stop on the target without overshoot. Once stopped it stays exactly where it is.
 */
final class AxisMotion {

    private double position;
    private double velocity;

    AxisMotion(double position) {
        this.position = position;
    }

    double position() {
        return position;
    }

    double velocity() {
        return velocity;
    }

    /** Jumps to a position and stops there. */
    void reset(double to) {
        position = to;
        velocity = 0;
    }

    /**
     * Advances by {@code dt} seconds toward {@code target}, never faster than {@code maxSpeed} nor changing speed
     * faster than {@code maxAcceleration}, and never beyond [min, max] (braking before the edge).
     */
    void step(double target, double dt, double maxSpeed, double maxAcceleration, double min, double max) {
        // a target beyond the frame's edge is the edge: brake for it rather than hit it
        double reachable = Math.max(min, Math.min(max, target));
        double error = reachable - position;
        // the fastest speed from which the camera can still brake to a stop on the target, frame by frame: slowing by
        // dv each frame from k·dv covers dv·dt·k(k+1)/2
        double dv = maxAcceleration * dt;
        double braking = dv * (Math.sqrt(1 + 8 * Math.abs(error) / (dv * dt)) - 1) / 2;
        double desired = Math.signum(error) * Math.min(maxSpeed, Math.min(braking, Math.abs(error) / dt));
        double change = Math.max(-maxAcceleration * dt, Math.min(maxAcceleration * dt, desired - velocity));
        velocity += change;
        if (Math.abs(error) < 0.25 && Math.abs(velocity) < maxAcceleration * dt) {
            // settled: stop exactly, so that a still presenter gives a still picture
            position = reachable;
            velocity = 0;
        } else {
            position += velocity * dt;
        }
        if (position < min || position > max) {
            position = Math.max(min, Math.min(max, position));
            velocity = 0;
        }
    }
}
