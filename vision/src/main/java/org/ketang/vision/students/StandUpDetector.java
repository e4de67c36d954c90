package org.ketang.vision.students;

import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_HEIGHT;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_LEFT;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_TOP;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_WIDTH;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_CLOSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.connectedComponentsWithStats;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_video.DISOpticalFlow;
import org.ketang.vision.Box;
import org.ketang.vision.FrameSize;
import org.ketang.vision.students.StandUpEvent.Kind;

/**
 * Recognises a student standing up or sitting down in the student camera. Call {@link #update} with every frame.
 *
 * <p>How it works: dense optical flow (DIS, OpenCV's fastest preset) between consecutive frames at analysis
 * resolution; pixels that changed and move mostly vertically, up or down, form regions; a region followed over
 * frames is a riser (parts of one person — head, shoulders, legs appearing above the desk — are joined). When a
 * rising region comes to rest, it was a stand-up if it rose at least half its width and at most three times its width
 * and swept a region 1.3 to 3 times as tall as wide (a raised arm sweeps a narrow region; a head bobbing while writing
 * or a lean sweeps a squat one), was at least {@code minShoulders} wide and took at most two and a half seconds. A falling region over a standing student that
 * falls at least 40 % of how far they rose is them sitting down; so is their place looking again more like it did
 * before they rose than like it did when they stood (checked twice a second). Brightness changes (lights, exposure) barely move
 * optical flow, so they are not mistaken for movement.
 *
 * <p>Not thread-safe. Close it to free native memory.
 */
public final class StandUpDetector implements AutoCloseable {

    private final StudentSettings settings;
    private final FrameSize source;
    private final FrameSize analysis;
    private final double scale;
    private final int n;
    private final byte[] inSeats;
    private final DISOpticalFlow flow = DISOpticalFlow.create(DISOpticalFlow.PRESET_ULTRAFAST);
    private final Mat small = new Mat();
    private final Mat grey = new Mat();
    private final Mat previous = new Mat();
    private final Mat field = new Mat();
    private final Mat risingMask;
    private final Mat fallingMask;
    private final Mat labels = new Mat();
    private final Mat stats = new Mat();
    private final Mat centroids = new Mat();
    private final Mat kernel = getStructuringElement(MORPH_ELLIPSE, new Size(5, 5));
    private final byte[] now;
    private final byte[] before;
    private final float[] vectors;
    private final byte[] rising;
    private final byte[] falling;
    private final int[] labelData;
    private final float minSpeed;
    private final int minStep;
    private final List<Riser> risers = new ArrayList<>();
    private final List<Stander> standing = new ArrayList<>();
    /** The last seconds of grey frames, to know what a student's place looked like before they rose. */
    private final byte[][] recent;
    private final double[] recentTimes;
    private int recentNext;
    private boolean started;
    private int nextId = 1;

    public StandUpDetector(FrameSize source, double fps, StudentSettings settings) {
        this.settings = settings;
        this.source = source;
        this.analysis = source.width() <= settings.analysisWidth() ? source
                : source.scaledToWidth(settings.analysisWidth());
        this.scale = (double) analysis.width() / source.width();
        this.n = analysis.width() * analysis.height();
        this.inSeats = new byte[n];
        Box seats = settings.seats().in(analysis);
        for (int y = 0; y < analysis.height(); y++) {
            for (int x = 0; x < analysis.width(); x++) {
                if (seats.contains(new Box(x + 0.5, y + 0.5, 0, 0), 0)) {
                    inSeats[y * analysis.width() + x] = 1;
                }
            }
        }
        this.recent = new byte[Math.max(10, (int) Math.ceil(3 * fps))][];
        this.recentTimes = new double[recent.length];
        this.now = new byte[n];
        this.before = new byte[n];
        this.vectors = new float[2 * n];
        this.rising = new byte[n];
        this.falling = new byte[n];
        this.labelData = new int[n];
        this.risingMask = new Mat(analysis.height(), analysis.width(), CV_8UC1);
        this.fallingMask = new Mat(analysis.height(), analysis.width(), CV_8UC1);
        double strictness = 1 - settings.sensitivity();
        // pixels per frame at analysis resolution, scaled to the frame rate: a back-row student rises ~1 px/frame
        this.minSpeed = (float) ((0.15 + 0.25 * strictness) * 25 / fps);
        this.minStep = (int) Math.round(4 + 8 * strictness);
    }

    /**
     * Analyses the next frame of the student camera.
     *
     * @param seconds timestamp, increasing
     * @param bgr     the frame, 8-bit BGR at the source size given to the constructor
     */
    public StudentObservation update(double seconds, Mat bgr) {
        if (bgr.cols() != source.width() || bgr.rows() != source.height()) {
            throw new IllegalArgumentException("expected " + source.width() + "×" + source.height() + " frames, got "
                    + bgr.cols() + "×" + bgr.rows());
        }
        resize(bgr, small, new Size(analysis.width(), analysis.height()), 0, 0, INTER_AREA);
        cvtColor(small, grey, COLOR_BGR2GRAY);
        GaussianBlur(grey, grey, new Size(3, 3), 0);
        if (!started) {
            grey.copyTo(previous);
            started = true;
            return StudentObservation.quiet(seconds);
        }
        flow.calc(previous, grey, field);
        ((BytePointer) grey.data()).get(now);
        ((BytePointer) previous.data()).get(before);
        try (FloatPointer f = new FloatPointer(field.data())) {
            f.get(vectors);
        }
        grey.copyTo(previous);
        remember(seconds);
        classify();
        List<StandUpEvent> events = new ArrayList<>();
        follow(risingMask, rising, true, seconds);
        follow(fallingMask, falling, false, seconds);
        finishRisers(seconds, events);
        checkSeated(seconds, events);
        forgetLongStanding(seconds, events);
        return new StudentObservation(seconds, standing.stream().map(s -> s.student).toList(), events);
    }

    private void remember(double seconds) {
        byte[] slot = recent[recentNext];
        if (slot == null) {
            slot = new byte[n];
            recent[recentNext] = slot;
        }
        System.arraycopy(now, 0, slot, 0, n);
        recentTimes[recentNext] = seconds;
        recentNext = (recentNext + 1) % recent.length;
    }

    /** The remembered frame closest before {@code seconds}, or the oldest one. */
    private byte[] frameBefore(double seconds) {
        byte[] best = null;
        double bestTime = Double.NEGATIVE_INFINITY;
        byte[] oldest = null;
        double oldestTime = Double.POSITIVE_INFINITY;
        for (int i = 0; i < recent.length; i++) {
            if (recent[i] == null) {
                continue;
            }
            double t = recentTimes[i];
            if (t < seconds && t > bestTime) {
                best = recent[i];
                bestTime = t;
            }
            if (t < oldestTime) {
                oldest = recent[i];
                oldestTime = t;
            }
        }
        return best != null ? best : oldest;
    }

    /**
     * Twice a second, compares each standing student's place with how it looked seated and standing: closer to
     * seated means they sat down (even if the movement down was missed: slow, or hidden behind someone).
     */
    private void checkSeated(double seconds, List<StandUpEvent> events) {
        for (int i = standing.size() - 1; i >= 0; i--) {
            Stander s = standing.get(i);
            if (seconds - s.lastCheck < 0.5) {
                continue;
            }
            s.lastCheck = seconds;
            double toSeated = difference(now, s.seated, s.region);
            double toUpright = difference(now, s.upright, s.region);
            if (toSeated < 0.6 * toUpright && toUpright > minStep / 2.0) {
                standing.remove(i);
                events.add(new StandUpEvent(Kind.SAT_DOWN, seconds, s.student.id(), s.student.box()));
            }
        }
    }

    /** Mean absolute grey difference inside a region. */
    private double difference(byte[] a, byte[] b, int[] region) {
        long sum = 0;
        int count = 0;
        int w = analysis.width();
        for (int y = region[1]; y < region[3]; y++) {
            for (int x = region[0]; x < region[2]; x++) {
                int i = y * w + x;
                sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
                count++;
            }
        }
        return count == 0 ? 0 : (double) sum / count;
    }

    /** Marks the pixels that changed and move mostly vertically, up or down. */
    private void classify() {
        for (int i = 0; i < n; i++) {
            rising[i] = 0;
            falling[i] = 0;
            if (inSeats[i] == 0 || Math.abs((now[i] & 0xff) - (before[i] & 0xff)) < minStep) {
                continue;
            }
            float vx = vectors[2 * i];
            float vy = vectors[2 * i + 1];
            if (Math.abs(vy) < minSpeed || Math.abs(vy) < 1.2f * Math.abs(vx)) {
                continue;
            }
            if (vy < 0) {
                rising[i] = (byte) 255;
            } else {
                falling[i] = (byte) 255;
            }
        }
        ((BytePointer) risingMask.data()).put(rising);
        ((BytePointer) fallingMask.data()).put(falling);
    }

    /** Groups the marked pixels into regions and continues (or starts) a riser with each. */
    private void follow(Mat mask, byte[] marks, boolean up, double seconds) {
        morphologyEx(mask, mask, MORPH_CLOSE, kernel);
        int count = connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
        if (count <= 1) {
            return;
        }
        try (IntPointer l = new IntPointer(labels.data())) {
            l.get(labelData);
        }
        double[] speed = new double[count];
        int[] moving = new int[count];
        for (int i = 0; i < n; i++) {
            int label = labelData[i];
            if (label > 0 && marks[i] != 0) {
                speed[label] += Math.abs(vectors[2 * i + 1]);
                moving[label]++;
            }
        }
        double minWidth = settings.minShoulders() * analysis.width();
        List<Region> regions = new ArrayList<>();
        try (IntPointer s = new IntPointer(stats.data())) {
            int columns = stats.cols();
            for (int label = 1; label < count; label++) {
                int area = s.get((long) label * columns + CC_STAT_AREA);
                Box box = new Box(s.get((long) label * columns + CC_STAT_LEFT),
                        s.get((long) label * columns + CC_STAT_TOP), s.get((long) label * columns + CC_STAT_WIDTH),
                        s.get((long) label * columns + CC_STAT_HEIGHT));
                if (moving[label] < 6 || area < 0.2 * minWidth * minWidth) {
                    continue;
                }
                regions.add(new Region(box, speed[label], moving[label]));
            }
        }
        for (Region region : merged(regions)) {
            double v = region.speed / region.pixels;
            Riser match = null;
            for (Riser r : risers) {
                if (r.up == up && (r.matches(region.box) || sameColumn(r.last, region.box))) {
                    match = r;
                    break;
                }
            }
            if (match != null) {
                match.seen(region.box, v, seconds);
            } else {
                risers.add(new Riser(up, region.box, v, seconds));
            }
        }
    }

    /** Moving pixels of one region: where, summed speed, how many. */
    private record Region(Box box, double speed, int pixels) {
    }

    /**
     * Joins regions that are parts of one person (head, shoulders, a sleeve, legs appearing above the desk): one
     * above the other, mostly in the same columns.
     */
    private static List<Region> merged(List<Region> regions) {
        List<Region> result = new ArrayList<>(regions);
        boolean changed = true;
        while (changed) {
            changed = false;
            outer:
            for (int i = 0; i < result.size(); i++) {
                for (int j = i + 1; j < result.size(); j++) {
                    Region a = result.get(i);
                    Region b = result.get(j);
                    if (sameColumn(a.box, b.box)) {
                        result.set(i, new Region(a.box.union(b.box), a.speed + b.speed, a.pixels + b.pixels));
                        result.remove(j);
                        changed = true;
                        break outer;
                    }
                }
            }
        }
        return result;
    }

    /** Mostly the same columns (half of the narrower one) and vertically close (within the taller one's height). */
    private static boolean sameColumn(Box a, Box b) {
        double overlap = Math.min(a.right(), b.right()) - Math.max(a.x(), b.x());
        double gap = Math.max(a.y(), b.y()) - Math.min(a.bottom(), b.bottom());
        return overlap >= 0.5 * Math.min(a.width(), b.width()) && gap <= Math.max(a.height(), b.height());
    }

    /** Risers that stopped moving: stand-ups and sit-downs. */
    private void finishRisers(double seconds, List<StandUpEvent> events) {
        Iterator<Riser> it = risers.iterator();
        double minWidth = settings.minShoulders() * analysis.width();
        while (it.hasNext()) {
            Riser r = it.next();
            if (seconds - r.lastSeen < 0.2) {
                continue;
            }
            it.remove();
            double width = r.width();
            if (r.up) {
                // a student rises about a shoulder width and sweeps a broad region; a raised arm sweeps a narrow one
                double rise = r.distance();
                double aspect = r.swept.height() / r.swept.width();
                boolean standUp = width >= minWidth && rise >= 0.5 * width && rise <= 3 * width && aspect >= 1.3
                        && aspect <= 3 && r.duration() >= 0.2 && r.duration() <= 2.5;
                if (standUp) {
                    Box box = r.swept.scaled(1 / scale);
                    boolean known = standing.stream().anyMatch(s -> sameColumn(s.student.box(), box));
                    if (!known) {
                        StandingStudent student = new StandingStudent(nextId++, box, seconds);
                        int[] region = {Math.max(0, (int) r.swept.x()), Math.max(0, (int) r.swept.y()),
                            Math.min(analysis.width(), (int) Math.ceil(r.swept.right())),
                            Math.min(analysis.height(), (int) Math.ceil(r.swept.bottom()))};
                        standing.add(new Stander(student, rise / scale, region, frameBefore(r.firstSeen).clone(),
                                now.clone()));
                        events.add(new StandUpEvent(Kind.STOOD_UP, seconds, student.id(), box));
                    }
                }
            } else {
                Box box = r.swept.scaled(1 / scale);
                for (int i = 0; i < standing.size(); i++) {
                    Stander s = standing.get(i);
                    Box place = s.student.box();
                    if (place.intersection(box).area() > 0.2 * Math.min(place.area(), box.area())
                            && r.distance() / scale >= 0.4 * s.rise) {
                        standing.remove(i);
                        events.add(new StandUpEvent(Kind.SAT_DOWN, seconds, s.student.id(), place));
                        break;
                    }
                }
            }
        }
    }

    private void forgetLongStanding(double seconds, List<StandUpEvent> events) {
        for (int i = standing.size() - 1; i >= 0; i--) {
            StandingStudent s = standing.get(i).student;
            if (seconds - s.since() > settings.maxStandSeconds()) {
                standing.remove(i);
                events.add(new StandUpEvent(Kind.SAT_DOWN, seconds, s.id(), s.box()));
            }
        }
    }

    @Override
    public void close() {
        flow.close();
        small.close();
        grey.close();
        previous.close();
        field.close();
        risingMask.close();
        fallingMask.close();
        labels.close();
        stats.close();
        centroids.close();
        kernel.close();
    }
}
