package org.ketang.vision.scenes;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.addWeighted;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.ketang.vision.FrameSize;
import org.ketang.vision.evaluation.FrameSource;
import org.ketang.vision.scenes.CoursewareScene.Challenge;

/**
 * Renders a {@link CoursewareScene} frame by frame. The truth — when a new slide or a new bullet appears — is known
 * from the script before rendering.
 */
public final class CoursewareFeed implements FrameSource {

    /** One state of the screen: a slide with some of its bullets, from a time on. */
    private record Page(double from, long slide, int bullets, boolean video) {
    }

    private static final double FADE = 0.5;

    private final CoursewareScene scene;
    private final int width;
    private final int height;
    private final List<Page> pages = new ArrayList<>();
    private final List<Double> changes = new ArrayList<>();
    private final Sensor sensor;
    private final SplittableRandom random;
    private final Mat previousPage = new Mat();
    private final Mat currentPage = new Mat();
    private final double[] pointer = new double[4];
    private int shownPage = -1;
    private int index;

    CoursewareFeed(CoursewareScene scene) {
        this.scene = scene;
        this.width = scene.size().width();
        this.height = scene.size().height();
        this.random = new SplittableRandom(scene.seed());
        this.sensor = new Sensor(scene.size(), scene.noise(), scene.seed() + 3);
        script();
        pointer[0] = width * 0.5;
        pointer[1] = height * 0.5;
    }

    private void script() {
        double perSlide = scene.seconds() / scene.slides();
        for (int s = 0; s < scene.slides(); s++) {
            double start = s * perSlide + (s == 0 ? 0 : (random.nextDouble() - 0.5) * 0.3 * perSlide);
            long slide = scene.seed() * 1000 + s;
            boolean video = scene.has(Challenge.VIDEO) && s % 2 == 1;
            int bullets = scene.has(Challenge.BUILDS) ? 1 : 9;
            pages.add(new Page(start, slide, bullets, video));
            if (s > 0) {
                changes.add(start);
            }
            if (scene.has(Challenge.BUILDS)) {
                double t = start;
                for (int b = 2; b <= 4; b++) {
                    t += perSlide / 5 * (0.8 + 0.4 * random.nextDouble());
                    pages.add(new Page(t, slide, b, video));
                    changes.add(t);
                }
            }
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

    /** When the screen showed new content (a new slide or a new bullet), seconds, in order. */
    public List<Double> truth() {
        return Collections.unmodifiableList(changes);
    }

    @Override
    public boolean read(Mat frame) {
        if (index >= scene.frames()) {
            return false;
        }
        double t = index / scene.fps();
        int p = 0;
        while (p + 1 < pages.size() && pages.get(p + 1).from() <= t) {
            p++;
        }
        if (p != shownPage) {
            currentPage.copyTo(previousPage);
            Page page = pages.get(p);
            try (Mat slide = SlideArt.render(width, height, page.slide(), page.bullets())) {
                slide.copyTo(currentPage);
            }
            shownPage = p;
        }
        Page page = pages.get(p);
        frame.create(height, width, CV_8UC3);
        double sinceChange = t - page.from();
        boolean newSlide = p == 0 || pages.get(p - 1).slide() != page.slide();
        if (scene.has(Challenge.FADES) && newSlide && p > 0 && sinceChange < FADE) {
            double a = sinceChange / FADE;
            addWeighted(currentPage, a, previousPage, 1 - a, 0, frame);
        } else {
            currentPage.copyTo(frame);
        }
        if (page.video()) {
            drawVideo(frame, t);
        }
        if (scene.has(Challenge.POINTER)) {
            drawPointer(frame, t);
        }
        sensor.expose(frame, 1);
        index++;
        return true;
    }

    private void drawVideo(Mat frame, double t) {
        int x = (int) (width * 0.58);
        int y = (int) (height * 0.3);
        int w = (int) (width * 0.36);
        int h = (int) (height * 0.5);
        try (Rect r = new Rect(x, y, w, h); Mat area = frame.apply(r)) {
            Canvas c = Canvas.on(area);
            double phase = t * 0.7;
            c.rectangle(0, 0, w, h, Colour.rgb((int) (90 + 60 * Math.sin(phase)), 120, (int) (150 + 50 * Math.cos(phase))));
            c.ellipseFilled(w * (0.5 + 0.35 * Math.sin(2.1 * t)), h * (0.5 + 0.3 * Math.cos(1.7 * t)), h * 0.12,
                    h * 0.12, 0, Colour.rgb(240, 200, 60));
            c.rectangle(w * (0.1 + 0.2 * Math.sin(0.9 * t) + 0.2), h * 0.7, w * 0.2, h * 0.2, Colour.rgb(40, 80, 40));
        }
    }

    private void drawPointer(Mat frame, double t) {
        // the pointer drifts to a new target now and then, and rests in between
        if (pointer[2] == 0 || Math.hypot(pointer[2] - pointer[0], pointer[3] - pointer[1]) < 2) {
            if (random.nextInt((int) scene.fps()) == 0) {
                pointer[2] = width * (0.1 + 0.8 * random.nextDouble());
                pointer[3] = height * (0.15 + 0.75 * random.nextDouble());
            }
        } else {
            double step = width * 0.6 / scene.fps();
            double d = Math.hypot(pointer[2] - pointer[0], pointer[3] - pointer[1]);
            double f = Math.min(1, step / d);
            pointer[0] += (pointer[2] - pointer[0]) * f;
            pointer[1] += (pointer[3] - pointer[1]) * f;
        }
        double s = height / 40.0;
        double px = pointer[0];
        double py = pointer[1];
        Canvas c = Canvas.on(frame);
        c.polygon(new Colour(0, 0, 0), px - 1, py - 2, px + 0.75 * s + 2, py + 0.75 * s + 1, px - 1, py + 1.05 * s + 2);
        c.polygon(new Colour(255, 255, 255), px, py, px + 0.7 * s, py + 0.7 * s, px, py + s);
    }

    @Override
    public void close() {
        sensor.close();
        previousPage.close();
        currentPage.close();
    }
}
