package org.ketang.vision.scenes;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.boundingRect;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.ketang.vision.Box;
import org.ketang.vision.FrameSize;
import org.ketang.vision.evaluation.FrameSource;
import org.ketang.vision.evaluation.PresenterTruth;
import org.ketang.vision.scenes.TeacherScene.Challenge;

/**
 * Renders a {@link TeacherScene} frame by frame and records where the presenter is visible in each frame: the
 * bounding box of the presenter's pixels after everything in front of them (podium, passers-by, heads) is drawn.
 */
public final class TeacherCamera implements FrameSource {

    private static final Colour CHALK = Colour.rgb(225, 228, 220);

    private final TeacherScene scene;
    private final int width;
    private final int height;
    private final Mat background;
    private final Mat presenterMask;
    private final Sensor sensor;
    private final PresenterScript presenter;
    private final Look presenterLook;
    private final List<PresenterScript> passers = new ArrayList<>();
    private final List<Look> passerLooks = new ArrayList<>();
    private final List<Mat> slides = new ArrayList<>();
    private final double slidePeriod;
    private final double[] lightSwitches;
    private final double boardSlideAt;
    private final PresenterScript.Geometry geometry;
    private final PresenterTruth truth = new PresenterTruth();
    private final SplittableRandom random;
    private final double[] headPhases;
    private double[] lastHand;
    private int index;

    TeacherCamera(TeacherScene scene) {
        this.scene = scene;
        this.width = scene.size().width();
        this.height = scene.size().height();
        this.random = new SplittableRandom(scene.seed());
        this.geometry = new PresenterScript.Geometry(width, height, scene.presenterHeight());
        this.background = new Mat(height, width, CV_8UC3);
        this.presenterMask = new Mat(height, width, CV_8UC1);
        this.presenterLook = Look.random(random.split());
        this.presenter = PresenterScript.teacher(random.split(), geometry, scene.seconds(),
                scene.has(Challenge.WRITES_AT_BOARD), scene.has(Challenge.STANDS_STILL),
                scene.has(Challenge.LEAVES_AND_RETURNS));
        this.sensor = new Sensor(scene.size(), scene.noise(), scene.seed() + 1);
        paintRoom();
        for (int i = 0; i < 4; i++) {
            slides.add(SlideArt.render(screenWidth(), screenHeight(), scene.seed() * 31 + i, 9));
        }
        this.slidePeriod = 12 + 10 * random.nextDouble();
        this.lightSwitches = scene.has(Challenge.LIGHTING_CHANGES)
                ? new double[] {scene.seconds() * (0.2 + 0.15 * random.nextDouble()),
                    scene.seconds() * (0.6 + 0.2 * random.nextDouble())}
                : new double[0];
        this.boardSlideAt = scene.has(Challenge.SLIDING_BOARD) ? scene.seconds() * (0.25 + 0.4 * random.nextDouble())
                : Double.NaN;
        if (scene.has(Challenge.PASSERS_BY)) {
            double s = scene.seconds();
            passers.add(PresenterScript.passerBy(geometry, s * (0.1 + 0.1 * random.nextDouble()), false, true, 1.2,
                    1.1));
            passers.add(PresenterScript.passerBy(geometry, s * (0.45 + 0.1 * random.nextDouble()), false, false, 1.0,
                    1.0));
            passers.add(PresenterScript.passerBy(geometry, s * (0.7 + 0.1 * random.nextDouble()), true,
                    random.nextBoolean(), 1.5, 1.4));
            for (int i = 0; i < passers.size(); i++) {
                passerLooks.add(Look.random(random.split()));
            }
        }
        this.headPhases = new double[10];
        for (int i = 0; i < headPhases.length; i++) {
            headPhases[i] = random.nextDouble() * 6.28;
        }
    }

    @Override
    public FrameSize size() {
        return scene.size();
    }

    @Override
    public double fps() {
        return scene.fps();
    }

    /** Ground truth of the frames rendered so far. */
    public PresenterTruth truth() {
        return truth;
    }

    @Override
    public boolean read(Mat frame) {
        if (index >= scene.frames()) {
            return false;
        }
        double t = index / scene.fps();
        frame.create(height, width, CV_8UC3);
        background.copyTo(frame);
        drawProjector(frame, t);
        drawSlidingPanel(frame, t);

        presenterMask.put(new Scalar(0.0));
        PresenterScript.State state = presenter.stateAt(t, scene.presenterHeight());
        Pose pose = state.pose();
        double podiumDepth = 0.45;
        boolean behindPodium = pose != null && depthOf(pose) < podiumDepth;
        if (pose != null && behindPodium) {
            Figure.draw(Canvas.marking(frame, presenterMask), presenterLook, pose);
        }
        drawPodium(Canvas.hiding(frame, presenterMask));
        if (pose != null && !behindPodium) {
            Figure.draw(Canvas.marking(frame, presenterMask), presenterLook, pose);
        }
        if (state.writing()) {
            writeChalk(Figure.writingHand(presenterLook, pose));
        } else {
            lastHand = null;
        }
        for (int i = 0; i < passers.size(); i++) {
            PresenterScript passer = passers.get(i);
            if (t >= passer.segmentAt(0).start() && !passer.finished(t)) {
                Pose p = passer.stateAt(t, scene.presenterHeight()).pose();
                if (p != null) {
                    Figure.draw(Canvas.hiding(frame, presenterMask), passerLooks.get(i), p);
                }
            }
        }
        if (scene.has(Challenge.STUDENT_HEADS)) {
            drawHeads(Canvas.hiding(frame, presenterMask), t);
        }
        try (Rect r = boundingRect(presenterMask)) {
            truth.put(index, r.width() > 0 && r.height() > 0 ? new Box(r.x(), r.y(), r.width(), r.height()) : null);
        }
        sensor.expose(frame, gain(t));
        index++;
        return true;
    }

    private double depthOf(Pose pose) {
        return (pose.footY() / height - 0.80) / 0.085;
    }

    private double gain(double t) {
        double g = 1 + (scene.has(Challenge.LIGHTING_CHANGES) ? 0.04 * Math.sin(t * 0.35) : 0);
        for (int i = 0; i < lightSwitches.length; i++) {
            if (t >= lightSwitches[i]) {
                g *= i % 2 == 0 ? 0.72 : 1 / 0.72 * 1.06;
            }
        }
        return g;
    }

    private int screenWidth() {
        return (int) (width * 0.25) & ~1;
    }

    private int screenHeight() {
        return (int) (height * 0.34) & ~1;
    }

    private void paintRoom() {
        Colour wall = Colour.rgb(214, 206, 188).varied(random, 12);
        try (Scalar w = wall.scalar()) {
            background.put(w);
        }
        Canvas room = Canvas.on(background);
        room.rectangle(0, height * 0.74, width, height * 0.26, Colour.rgb(120, 108, 96).varied(random, 10));
        room.rectangle(0, height * 0.74, width, height * 0.012, wall.times(0.7));
        room.rectangle(0, height * 0.845, width, height * 0.155, Colour.rgb(150, 132, 110).varied(random, 10));
        room.rectangle(0, height * 0.845, width, height * 0.006, Colour.rgb(90, 80, 70));
        // door on the left, window on the right
        room.rectangle(width * 0.015, height * 0.2, width * 0.075, height * 0.545, Colour.rgb(120, 80, 50));
        room.ellipseFilled(width * 0.078, height * 0.48, width * 0.004, width * 0.004, 0, Colour.rgb(200, 190, 120));
        room.rectangle(width * 0.945, height * 0.1, width * 0.055, height * 0.5, Colour.rgb(225, 235, 240));
        room.rectangle(width * 0.965, height * 0.1, width * 0.006, height * 0.5, Colour.rgb(160, 160, 160));
        // blackboard with chalk writing
        double bx = width * 0.17;
        double by = height * 0.16;
        double bw = width * 0.46;
        double bh = height * 0.38;
        room.rectangle(bx - width * 0.008, by - width * 0.008, bw + width * 0.016, bh + width * 0.016,
                Colour.rgb(140, 110, 70));
        room.rectangle(bx, by, bw, bh, Colour.rgb(38, 70, 52).varied(random, 6));
        String[] lines = {"x^2 - 5x + 6 = 0", "(x - 2)(x - 3) = 0", "x = 2 or x = 3", "Homework p.45"};
        for (int i = 0; i < lines.length; i++) {
            if (random.nextInt(3) > 0) {
                SlideArt.text(background, lines[i], bx + bw * (0.05 + 0.1 * random.nextDouble()),
                        by + bh * (0.18 + 0.2 * i), height / 900.0, CHALK, FONT_HERSHEY_SIMPLEX,
                        Math.max(1, height / 400));
            }
        }
        room.rectangle(bx, by + bh, bw, height * 0.01, Colour.rgb(120, 95, 60));
        // projector screen frame
        room.rectangle(width * 0.655 - 4, height * 0.12 - 4, screenWidth() + 8, screenHeight() + 8,
                Colour.rgb(60, 60, 60));
    }

    private void drawProjector(Mat frame, double t) {
        int x = (int) (width * 0.655);
        int y = (int) (height * 0.12);
        Mat slide = slides.get((int) (t / slidePeriod) % slides.size());
        try (Rect rect = new Rect(x, y, screenWidth(), screenHeight()); Mat screen = frame.apply(rect)) {
            slide.copyTo(screen);
            if (scene.has(Challenge.PROJECTOR_FLICKER)) {
                screen.convertTo(screen, -1, 0.9 + 0.12 * Math.sin(2 * Math.PI * 7.3 * t), 0);
                // a darker band rolls down the screen
                int band = screenHeight() / 5;
                int top = (int) ((t * 0.45 % 1.0) * (screenHeight() + band)) - band;
                int from = Math.max(0, top);
                int to = Math.min(screenHeight(), top + band);
                if (to > from) {
                    try (Rect b = new Rect(0, from, screenWidth(), to - from); Mat strip = screen.apply(b)) {
                        strip.convertTo(strip, -1, 0.82, 0);
                    }
                }
            }
        }
    }

    private void drawSlidingPanel(Mat frame, double t) {
        if (Double.isNaN(boardSlideAt)) {
            return;
        }
        double f = Math.max(0, Math.min(1, (t - boardSlideAt) / 1.6));
        double eased = f * f * (3 - 2 * f);
        double x = width * (0.175 + 0.2 * eased);
        double y = height * 0.165;
        Canvas panel = Canvas.on(frame);
        panel.rectangle(x, y, width * 0.22, height * 0.37, Colour.rgb(44, 78, 58));
        panel.rectangle(x, y, width * 0.004, height * 0.37, Colour.rgb(110, 90, 60));
        panel.rectangle(x + width * 0.216, y, width * 0.004, height * 0.37, Colour.rgb(110, 90, 60));
        SlideArt.text(frame, "Example 2", x + width * 0.02, y + height * 0.08, height / 900.0, CHALK,
                FONT_HERSHEY_SIMPLEX, Math.max(1, height / 400));
        SlideArt.text(frame, "2x + 3 = 11", x + width * 0.02, y + height * 0.16, height / 900.0, CHALK,
                FONT_HERSHEY_SIMPLEX, Math.max(1, height / 400));
    }

    private void drawPodium(Canvas canvas) {
        double x = width * 0.66;
        double top = height * 0.6;
        double w = width * 0.15;
        canvas.rectangle(x, top, w, height * 0.25, Colour.rgb(150, 105, 65));
        canvas.rectangle(x - width * 0.008, top - height * 0.015, w + width * 0.016, height * 0.02,
                Colour.rgb(120, 80, 50));
        canvas.rectangle(x + w * 0.1, top + height * 0.05, w * 0.8, height * 0.004, Colour.rgb(110, 75, 45));
    }

    private void writeChalk(double[] hand) {
        boolean onBoard = hand[0] > width * 0.17 && hand[0] < width * 0.63 && hand[1] > height * 0.16
                && hand[1] < height * 0.54;
        if (onBoard && lastHand != null) {
            Canvas.on(background).stroke(lastHand[0], lastHand[1], hand[0], hand[1], Math.max(1, height / 500.0),
                    CHALK);
        }
        lastHand = onBoard ? hand : null;
    }

    private void drawHeads(Canvas canvas, double t) {
        for (int i = 0; i < headPhases.length; i++) {
            double cx = width * (0.05 + 0.1 * i) + 0.01 * width * Math.sin(0.5 * t + headPhases[i]);
            double cy = height * (1.01 + 0.01 * Math.sin(0.3 * t + headPhases[i]));
            canvas.ellipseFilled(cx, cy + height * 0.09, width * 0.06, height * 0.08, 0, Colour.rgb(50, 60, 90));
            canvas.ellipseFilled(cx, cy, height * 0.055, height * 0.07, 0, Colour.rgb(25, 22, 20));
        }
    }

    @Override
    public void close() {
        background.close();
        presenterMask.close();
        sensor.close();
        slides.forEach(Mat::close);
    }
}
