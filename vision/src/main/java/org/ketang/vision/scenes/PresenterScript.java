package org.ketang.vision.scenes;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.ketang.vision.scenes.Pose.Arm;
import org.ketang.vision.scenes.Pose.Facing;

/**
 * What one synthetic person does over time: a list of segments (walk, talk with gestures, stand still, write at
 * the board, be away), generated from a seed, and the pose at any moment. Positions are in fractions of the frame
 * width; depth runs from 0 (at the board) to 1 (the front edge of the platform) and beyond (nearer the camera).
 */
final class PresenterScript {

    enum Kind {
        WALK, TALK, STILL, WRITE, AWAY
    }

    record Segment(Kind kind, double start, double end, double x0, double depth0, double x1, double depth1,
            double phase0) {

        double fraction(double t) {
            return end <= start ? 1 : Math.max(0, Math.min(1, (t - start) / (end - start)));
        }
    }

    /** Where the person stands and in which pose at one moment; {@code pose} is null while they are away. */
    record State(Pose pose, boolean writing) {
    }

    private static final double STRIDE = 0.28;

    private final List<Segment> segments;
    private final Geometry geometry;
    private final double gesturePhase;
    private final double gestureSpeed;

    private PresenterScript(List<Segment> segments, Geometry geometry, double gesturePhase, double gestureSpeed) {
        this.segments = segments;
        this.geometry = geometry;
        this.gesturePhase = gesturePhase;
        this.gestureSpeed = gestureSpeed;
    }

    /** Converts the script's room coordinates into pixels: depth changes the size and the floor line. */
    record Geometry(double width, double height, double personHeight) {

        double footY(double depth) {
            return height * (0.80 + 0.085 * depth);
        }

        double scale(double depth) {
            return 0.92 + 0.14 * depth;
        }

        /** Pixels per metre for a person of 1.7 m at the given depth. */
        double pixelsPerMetre(double depth) {
            return personHeight * height * scale(depth) / 1.7;
        }
    }

    /** A teacher's lesson: walks, talks, writes at the board, may stand still, may leave and come back. */
    static PresenterScript teacher(SplittableRandom random, Geometry geometry, double seconds, boolean writes,
            boolean standsStill, boolean leaves) {
        List<Segment> list = new ArrayList<>();
        double x = 0.3 + 0.45 * random.nextDouble();
        double depth = 0.3 + 0.3 * random.nextDouble();
        double t = 0;
        double phase = 0;
        boolean hasLeft = false;
        // start with a moment of talking so that the first frames show a person, as a lesson does
        double talk = 2 + 2 * random.nextDouble();
        list.add(new Segment(Kind.TALK, t, t + talk, x, depth, x, depth, phase));
        t += talk;
        while (t < seconds) {
            double r = random.nextDouble();
            if (leaves && !hasLeft && t > 0.35 * seconds) {
                hasLeft = true;
                double outside = x < 0.5 ? -0.12 : 1.12;
                Segment out = walk(geometry, t, x, depth, outside, 0.5, phase, 1.0 + 0.3 * random.nextDouble());
                list.add(out);
                t = out.end;
                phase = phaseAfter(geometry, out);
                double away = 4 + 3 * random.nextDouble();
                list.add(new Segment(Kind.AWAY, t, t + away, outside, 0.5, outside, 0.5, phase));
                t += away;
                double back = 0.25 + 0.5 * random.nextDouble();
                Segment in = walk(geometry, t, outside, 0.5, back, 0.4, phase, 0.9 + 0.3 * random.nextDouble());
                list.add(in);
                t = in.end;
                phase = phaseAfter(geometry, in);
                x = back;
                depth = 0.4;
            } else if (writes && r < 0.22) {
                double bx = 0.24 + 0.28 * random.nextDouble();
                Segment to = walk(geometry, t, x, depth, bx, 0.04, phase, 0.8 + 0.4 * random.nextDouble());
                list.add(to);
                t = to.end;
                phase = phaseAfter(geometry, to);
                double write = 4 + 4 * random.nextDouble();
                double along = bx + 0.03 + 0.03 * random.nextDouble();
                list.add(new Segment(Kind.WRITE, t, t + write, bx, 0.04, along, 0.04, phase));
                t += write;
                x = along;
                depth = 0.04;
            } else if (standsStill && r < 0.4) {
                double still = 3 + 3 * random.nextDouble();
                list.add(new Segment(Kind.STILL, t, t + still, x, depth, x, depth, phase));
                t += still;
            } else if (r < 0.72) {
                double nx;
                do {
                    nx = 0.1 + 0.8 * random.nextDouble();
                } while (Math.abs(nx - x) < 0.12);
                double nd = 0.9 * random.nextDouble();
                Segment move = walk(geometry, t, x, depth, nx, nd, phase, 0.7 + 0.7 * random.nextDouble());
                list.add(move);
                t = move.end;
                phase = phaseAfter(geometry, move);
                x = nx;
                depth = nd;
            } else {
                // a small step aside while talking: no reason for the camera to move
                double nx = Math.max(0.1, Math.min(0.9, x + (random.nextBoolean() ? 1 : -1) * 0.02));
                Segment step = walk(geometry, t, x, depth, nx, depth, phase, 0.5);
                list.add(step);
                t = step.end;
                phase = phaseAfter(geometry, step);
                x = nx;
                double talkFor = 2 + 5 * random.nextDouble();
                list.add(new Segment(Kind.TALK, t, t + talkFor, x, depth, x, depth, phase));
                t += talkFor;
            }
        }
        return new PresenterScript(list, geometry, random.nextDouble() * 6.28, 0.8 + 0.8 * random.nextDouble());
    }

    /** Someone crossing the room near the camera, or stepping in at the edge and back out. */
    static PresenterScript passerBy(Geometry geometry, double start, boolean crossing, boolean fromLeft,
            double depth, double speed) {
        List<Segment> list = new ArrayList<>();
        double outside = fromLeft ? -0.12 : 1.12;
        if (crossing) {
            list.add(walk(geometry, start, outside, depth, 1.12 - (fromLeft ? 0 : 1.24), depth, 0, speed));
        } else {
            double inside = fromLeft ? 0.06 : 0.94;
            Segment in = walk(geometry, start, outside, depth, inside, depth, 0, speed);
            list.add(in);
            list.add(new Segment(Kind.TALK, in.end, in.end + 1.5, inside, depth, inside, depth, phaseAfter(geometry,
                    in)));
            list.add(walk(geometry, in.end + 1.5, inside, depth, outside, depth, phaseAfter(geometry, in), speed));
        }
        return new PresenterScript(list, geometry, 0, 1);
    }

    private static Segment walk(Geometry g, double t, double x0, double d0, double x1, double d1, double phase,
            double metresPerSecond) {
        double pixels = Math.hypot((x1 - x0) * g.width(), (g.footY(d1) - g.footY(d0)) * 3);
        double seconds = Math.max(0.3, pixels / (metresPerSecond * g.pixelsPerMetre((d0 + d1) / 2)));
        return new Segment(Kind.WALK, t, t + seconds, x0, d0, x1, d1, phase);
    }

    private static double phaseAfter(Geometry g, Segment walk) {
        return walk.phase0 + strideAngle(g, walk, 1);
    }

    private static double strideAngle(Geometry g, Segment walk, double fraction) {
        double pixels = Math.hypot((walk.x1 - walk.x0) * g.width(),
                (g.footY(walk.depth1) - g.footY(walk.depth0)) * 3) * fraction;
        double h = g.personHeight() * g.height() * g.scale((walk.depth0 + walk.depth1) / 2);
        return pixels / (STRIDE * h) * Math.PI;
    }

    /** The segment at time t (the last one after the end). */
    Segment segmentAt(double t) {
        for (Segment s : segments) {
            if (t < s.end) {
                return s;
            }
        }
        return segments.get(segments.size() - 1);
    }

    /** True once the script has nothing more to do. */
    boolean finished(double t) {
        return t >= segments.get(segments.size() - 1).end;
    }

    State stateAt(double t, double personHeight) {
        Segment s = segmentAt(t);
        double f = s.fraction(t);
        if (s.kind == Kind.AWAY) {
            return new State(null, false);
        }
        double xf = s.x0 + (s.x1 - s.x0) * f;
        double depth = s.depth0 + (s.depth1 - s.depth0) * f;
        double h = personHeight * geometry.height() * geometry.scale(depth);
        double x = xf * geometry.width();
        double footY = geometry.footY(depth);
        double g = gesturePhase + t * gestureSpeed;
        return switch (s.kind) {
            case WALK -> {
                double phase = s.phase0 + strideAngle(geometry, s, f);
                double ramp = Math.min(1, Math.min(f, 1 - f) * 8 + 0.25);
                Facing facing = Math.abs(s.x1 - s.x0) * geometry.width() < Math.abs(s.depth1 - s.depth0) * 40
                        ? (s.depth1 > s.depth0 ? Facing.CAMERA : Facing.AWAY)
                        : (s.x1 > s.x0 ? Facing.RIGHT : Facing.LEFT);
                yield new State(new Pose(x, footY, h, facing, phase, ramp, new Arm(0.1, 0.25), new Arm(0.1, 0.25),
                        0), false);
            }
            case TALK -> {
                double sway = 0.008 * h * Math.sin(0.7 * t + gesturePhase);
                Arm right = new Arm(0.25 + 0.55 * (0.5 + 0.5 * Math.sin(g)), 0.3 + 0.5 * (0.5 + 0.5 * Math.sin(1.7 * g)));
                Arm left = Math.sin(0.31 * g) > 0.6 ? new Arm(1.35, 0.1) : Arm.HANGING;
                Facing facing = Math.sin(0.23 * t + gesturePhase) > 0.85 ? (xf < 0.5 ? Facing.RIGHT : Facing.LEFT)
                        : Facing.CAMERA;
                yield new State(new Pose(x + sway, footY, h, facing, 0, 0, left, right, 0), false);
            }
            case STILL -> new State(new Pose(x, footY, h, Facing.CAMERA, 0, 0, Arm.HANGING, Arm.HANGING, 0), false);
            case WRITE -> {
                Arm right = new Arm(2.25 + 0.12 * Math.sin(5 * t), -0.55 + 0.2 * Math.sin(7.3 * t));
                yield new State(new Pose(x, footY, h, Facing.AWAY, 0, 0, Arm.HANGING, right, 0), true);
            }
            case AWAY -> throw new IllegalStateException();
        };
    }
}
