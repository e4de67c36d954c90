package org.ketang.vision.scenes;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.ketang.vision.Box;
import org.ketang.vision.FrameSize;
import org.ketang.vision.evaluation.FrameSource;
import org.ketang.vision.evaluation.StandUpTruth;
import org.ketang.vision.scenes.StudentScene.Challenge;

/**
 * Renders a {@link StudentScene} frame by frame. The ground truth (who stands up when, and the box they fill while
 * standing) is known from the script before rendering.
 */
public final class StudentCamera implements FrameSource {

    /** One seated student: where, how large, how they look and move. */
    private record Seat(double x, double deskTop, double head, Look look, double swayPhase, double swaySpeed,
            double writePhase) {
    }

    /** A timed action of one student: standing up (and sitting down) or raising a hand. */
    private record Act(int seat, double start, double rise, double hold, double fall, boolean standing) {

        double end() {
            return start + rise + hold + fall;
        }

        /** 0 seated .. 1 fully up, at time t. */
        double amount(double t) {
            if (t < start || t > end()) {
                return 0;
            }
            double u = t < start + rise ? (t - start) / rise
                    : t < start + rise + hold ? 1 : 1 - (t - start - rise - hold) / fall;
            return u * u * (3 - 2 * u);
        }
    }

    private final StudentScene scene;
    private final int width;
    private final int height;
    private final Mat room;
    private final Sensor sensor;
    private final List<List<Seat>> rows = new ArrayList<>();
    private final List<Seat> seats = new ArrayList<>();
    private final List<Act> acts = new ArrayList<>();
    private final List<StandUpTruth> truth = new ArrayList<>();
    private final double[] lightSwitches;
    private final double fidget;
    private int index;

    StudentCamera(StudentScene scene) {
        this.scene = scene;
        this.width = scene.size().width();
        this.height = scene.size().height();
        SplittableRandom random = new SplittableRandom(scene.seed());
        this.room = new Mat(height, width, CV_8UC3);
        this.sensor = new Sensor(scene.size(), scene.noise(), scene.seed() + 7);
        this.fidget = scene.has(Challenge.FIDGETING) ? 2.5 : 1;
        paintRoom(random);
        placeStudents(random);
        script(random);
        double s = scene.seconds();
        this.lightSwitches = scene.has(Challenge.LIGHTING_CHANGES)
                ? new double[] {s * (0.25 + 0.1 * random.nextDouble()), s * (0.65 + 0.1 * random.nextDouble())}
                : new double[0];
    }

    @Override
    public FrameSize size() {
        return scene.size();
    }

    @Override
    public double fps() {
        return scene.fps();
    }

    /** Every stand-up of the scene, in time order. */
    public List<StandUpTruth> truth() {
        return Collections.unmodifiableList(truth);
    }

    private void paintRoom(SplittableRandom random) {
        Colour wall = Colour.rgb(220, 214, 198).varied(random, 10);
        try (Scalar w = wall.scalar()) {
            room.put(w);
        }
        Canvas c = Canvas.on(room);
        c.rectangle(0, height * 0.3, width, height * 0.7, Colour.rgb(170, 150, 125).varied(random, 8));
        c.rectangle(0, height * 0.3, width, height * 0.012, wall.times(0.7));
        for (int i = 0; i < 3; i++) {
            double x = width * (0.12 + 0.3 * i);
            c.rectangle(x, height * 0.04, width * 0.16, height * 0.2, Colour.rgb(205, 225, 235));
            c.rectangle(x + width * 0.078, height * 0.04, width * 0.004, height * 0.2, Colour.rgb(150, 150, 150));
        }
        c.rectangle(width * 0.02, height * 0.05, width * 0.06, height * 0.08, Colour.rgb(60, 60, 60));
    }

    private void placeStudents(SplittableRandom random) {
        int r = scene.rows();
        for (int row = r - 1; row >= 0; row--) {
            double depth = r == 1 ? 0 : (double) row / (r - 1);
            double scale = 1 - 0.55 * depth;
            double deskTop = height * (0.95 - 0.5 * Math.pow(depth, 0.85));
            double head = height * 0.075 * scale;
            double spacing = width * 0.86 / scene.columns() * (0.75 + 0.25 * scale);
            List<Seat> line = new ArrayList<>();
            for (int col = 0; col < scene.columns(); col++) {
                double x = width / 2.0 + (col - (scene.columns() - 1) / 2.0) * spacing
                        + (random.nextDouble() - 0.5) * 0.1 * spacing;
                Seat seat = new Seat(x, deskTop, head * (0.9 + 0.2 * random.nextDouble()), Look.random(random.split()),
                        random.nextDouble() * 6.28, 0.3 + 0.6 * random.nextDouble(), random.nextDouble() * 6.28);
                line.add(seat);
                seats.add(seat);
            }
            rows.add(line);
        }
    }

    private void script(SplittableRandom random) {
        double s = scene.seconds();
        // stand-ups spread over the scene, at least a few seconds apart
        double slot = (s - 6) / Math.max(1, scene.standUps());
        for (int i = 0; i < scene.standUps(); i++) {
            int seat = random.nextInt(seats.size());
            double start = 3 + i * slot + random.nextDouble() * Math.max(0.5, slot - 9);
            double rise = 0.6 + 0.5 * random.nextDouble();
            double hold = 3 + 4 * random.nextDouble();
            double fall = 0.6 + 0.4 * random.nextDouble();
            Act act = new Act(seat, start, rise, hold, fall, true);
            acts.add(act);
            truth.add(new StandUpTruth(start, start + rise + hold, standingBox(seats.get(seat))));
        }
        if (scene.has(Challenge.HAND_RAISES)) {
            int raises = Math.max(2, (int) (s / 8));
            for (int i = 0; i < raises; i++) {
                int seat = random.nextInt(seats.size());
                double start = 2 + random.nextDouble() * (s - 8);
                boolean busy = false;
                for (Act a : acts) {
                    busy |= a.seat == seat && start < a.end() + 1 && start + 5 > a.start;
                }
                if (!busy) {
                    acts.add(new Act(seat, start, 0.5, 1.5 + 2.5 * random.nextDouble(), 0.5, false));
                }
            }
        }
        truth.sort((a, b) -> Double.compare(a.upAt(), b.upAt()));
    }

    private double rise(Seat seat) {
        return 1.9 * seat.head;
    }

    /** The box a student fills while standing: head to desk, shoulder to shoulder with the arms. */
    private Box standingBox(Seat seat) {
        double h = seat.head;
        double top = seat.deskTop - 3.0 * h - rise(seat);
        return new Box(seat.x - 1.15 * h, top, 2.3 * h, seat.deskTop - top);
    }

    @Override
    public boolean read(Mat frame) {
        if (index >= scene.frames()) {
            return false;
        }
        double t = index / scene.fps();
        frame.create(height, width, CV_8UC3);
        room.copyTo(frame);
        Canvas canvas = Canvas.on(frame);
        for (List<Seat> line : rows) {
            for (Seat seat : line) {
                drawStudent(canvas, seat, t);
            }
            for (Seat seat : line) {
                drawDesk(canvas, seat);
            }
        }
        sensor.expose(frame, gain(t));
        index++;
        return true;
    }

    private double gain(double t) {
        double g = 1;
        for (int i = 0; i < lightSwitches.length; i++) {
            if (t >= lightSwitches[i]) {
                g *= i % 2 == 0 ? 0.75 : 1 / 0.75;
            }
        }
        return g;
    }

    private void drawStudent(Canvas c, Seat seat, double t) {
        double h = seat.head;
        int seatIndex = seats.indexOf(seat);
        double up = 0;
        double hand = 0;
        for (Act a : acts) {
            if (a.seat == seatIndex) {
                if (a.standing) {
                    up = Math.max(up, a.amount(t));
                } else {
                    hand = Math.max(hand, a.amount(t));
                }
            }
        }
        double sway = fidget * 0.08 * h * Math.sin(seat.swaySpeed * t + seat.swayPhase) * (1 - up);
        double write = Math.max(0, Math.sin(0.4 * t + seat.writePhase)) * 0.18 * h * fidget * (1 - up);
        double lift = up * rise(seat);
        double cx = seat.x + sway;
        double shoulderY = seat.deskTop - 1.5 * h - lift + write * 0.5;
        double headY = shoulderY - 0.95 * h + write;
        Look look = seat.look;
        double shoulderHalf = 0.95 * h * look.build();
        double hipY = shoulderY + 1.9 * h;
        // legs show between the hips and the desk once standing
        if (hipY < seat.deskTop) {
            c.rectangle(cx - 0.7 * h, hipY - 0.1 * h, 1.4 * h, seat.deskTop - hipY + 0.1 * h, look.bottom());
        }
        double torsoBottom = Math.min(hipY, seat.deskTop + 0.2 * h);
        c.polygon(look.top(), cx - shoulderHalf, shoulderY, cx + shoulderHalf, shoulderY, cx + 0.75 * shoulderHalf,
                torsoBottom, cx - 0.75 * shoulderHalf, torsoBottom);
        double arm = 0.32 * h;
        if (up > 0.3) {
            c.stroke(cx - shoulderHalf + arm / 2, shoulderY + 0.1 * h, cx - shoulderHalf, shoulderY + 1.6 * h, arm,
                    look.top().times(0.9));
            c.stroke(cx + shoulderHalf - arm / 2, shoulderY + 0.1 * h, cx + shoulderHalf, shoulderY + 1.6 * h, arm,
                    look.top().times(0.9));
        } else {
            // forearms resting on the desk
            c.stroke(cx - shoulderHalf + arm / 2, shoulderY + 0.1 * h, cx - 0.5 * h, seat.deskTop - 0.1 * h, arm,
                    look.top().times(0.9));
            c.stroke(cx + shoulderHalf - arm / 2, shoulderY + 0.1 * h, cx + 0.5 * h, seat.deskTop - 0.1 * h, arm,
                    look.top().times(0.9));
        }
        if (hand > 0) {
            double sx = cx + shoulderHalf - arm / 2;
            double reach = 2.2 * h * hand;
            c.stroke(sx, shoulderY + 0.1 * h, sx + 0.2 * h, shoulderY - reach, arm, look.top().times(0.9));
            c.ellipseFilled(sx + 0.2 * h, shoulderY - reach - 0.15 * h, 0.18 * h, 0.24 * h, 0, look.skin());
        }
        c.stroke(cx, headY + 0.4 * h, cx, shoulderY + 0.1 * h, 0.35 * h, look.skin().times(0.92));
        c.ellipseFilled(cx, headY, 0.4 * h, 0.5 * h, 0, look.skin());
        c.ellipseSector(cx, headY - 0.06 * h, 0.43 * h, 0.47 * h, 180, 360, look.hair());
        Colour eye = new Colour(40, 30, 30);
        c.ellipseFilled(cx - 0.15 * h, headY + 0.05 * h, 0.05 * h, 0.035 * h, 0, eye);
        c.ellipseFilled(cx + 0.15 * h, headY + 0.05 * h, 0.05 * h, 0.035 * h, 0, eye);
    }

    private void drawDesk(Canvas c, Seat seat) {
        double h = seat.head;
        c.rectangle(seat.x - 1.35 * h, seat.deskTop, 2.7 * h, 1.3 * h, Colour.rgb(196, 160, 112));
        c.rectangle(seat.x - 1.35 * h, seat.deskTop, 2.7 * h, 0.12 * h, Colour.rgb(160, 125, 85));
        c.rectangle(seat.x - 0.4 * h, seat.deskTop - 0.05 * h, 0.8 * h, 0.06 * h, Colour.rgb(245, 245, 240));
    }

    @Override
    public void close() {
        room.close();
        sensor.close();
    }
}
