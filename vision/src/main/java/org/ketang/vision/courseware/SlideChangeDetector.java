package org.ketang.vision.courseware;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.ketang.vision.FrameSize;

/**
 * Recognises new content on the courseware source. Call {@link #update} with every frame (a few frames per second
 * are enough).
 *
 * <p>How it works: the screen is shrunk to 192 pixels wide and cut into tiles of 12×12. Each tile is compared, by the
 * mean of the largest colour-channel difference, with the previous frame, with the frame {@code stableSeconds} ago
 * (a tile is still when it matches both) and with the reference (the screen as it was after the last change). Tiles
 * that keep changing for a second (a video, an animation) are busy and left out until they rest. When the other
 * tiles come to rest and enough of them differ from the reference, that is new content: a new slide when a third of
 * the screen changed, an addition otherwise; the reference becomes the current screen. A mouse pointer changes a tile
 * or two: too few to count.
 *
 * <p>Not thread-safe. Close it to free native memory.
 */
public final class SlideChangeDetector implements AutoCloseable {

    private static final int WIDTH = 192;
    private static final int TILE = 12;
    /** A tile that keeps changing this long is busy (a video); still this long, it is not any more. */
    private static final double BUSY_SECONDS = 1.0;

    private final FrameSize source;
    private final CoursewareSettings settings;
    private final double fps;
    private final FrameSize small;
    private final int columns;
    private final int rows;
    private final int tiles;
    private final Mat shrunk = new Mat();
    /** The last frames, shrunk: the oldest is {@code stableSeconds} ago. */
    private final byte[][] history;
    private final byte[] reference;
    private final double[] againstPrevious;
    private final double[] againstPast;
    private final double[] againstReference;
    private final double[] changingFor;
    private final double[] stillFor;
    private final boolean[] busy;
    private final double threshold;
    private int frames;
    private boolean wasUnstable;
    private double unstableSince = Double.NaN;
    private double lastChange = Double.NEGATIVE_INFINITY;

    public SlideChangeDetector(FrameSize source, double fps, CoursewareSettings settings) {
        this.source = source;
        this.settings = settings;
        this.fps = fps;
        this.small = source.scaledToWidth(WIDTH);
        this.columns = small.width() / TILE;
        this.rows = small.height() / TILE;
        this.tiles = columns * rows;
        int bytes = small.width() * small.height() * 3;
        this.history = new byte[Math.max(2, (int) Math.round(settings.stableSeconds() * fps) + 1)][bytes];
        this.reference = new byte[bytes];
        this.againstPrevious = new double[tiles];
        this.againstPast = new double[tiles];
        this.againstReference = new double[tiles];
        this.changingFor = new double[tiles];
        this.stillFor = new double[tiles];
        this.busy = new boolean[tiles];
        this.threshold = 3 + 6 * (1 - settings.sensitivity());
    }

    /**
     * Analyses the next frame of the courseware source.
     *
     * @param seconds timestamp, increasing
     * @param bgr     the frame, 8-bit BGR at the source size given to the constructor
     */
    public CoursewareObservation update(double seconds, Mat bgr) {
        if (bgr.cols() != source.width() || bgr.rows() != source.height()) {
            throw new IllegalArgumentException("expected " + source.width() + "×" + source.height() + " frames, got "
                    + bgr.cols() + "×" + bgr.rows());
        }
        resize(bgr, shrunk, new Size(small.width(), small.height()), 0, 0, INTER_AREA);
        byte[] current = history[frames % history.length];
        ((BytePointer) shrunk.data()).get(current);
        frames++;
        if (frames == 1) {
            System.arraycopy(current, 0, reference, 0, current.length);
            return new CoursewareObservation(seconds, null, lastChange, false);
        }
        byte[] previous = history[(frames - 2) % history.length];
        byte[] past = history[Math.max(0, frames - history.length) % history.length];
        compare(current, previous, againstPrevious);
        compare(current, past, againstPast);
        compare(current, reference, againstReference);
        int moving = 0;
        int busyTiles = 0;
        double dt = 1 / fps;
        for (int t = 0; t < tiles; t++) {
            // still: no change since the last frame nor since a moment ago (a slow fade or drift is not still)
            boolean still = againstPrevious[t] <= threshold && againstPast[t] <= threshold;
            if (still) {
                changingFor[t] = 0;
                stillFor[t] += dt;
            } else {
                changingFor[t] += dt;
                stillFor[t] = 0;
            }
            if (changingFor[t] >= BUSY_SECONDS) {
                busy[t] = true;
            } else if (stillFor[t] >= BUSY_SECONDS) {
                busy[t] = false;
            }
            if (busy[t]) {
                busyTiles++;
                // a busy tile follows the screen, so that a video that stops is not new content
                copyTile(t, current, reference);
            } else if (!still) {
                moving++;
            }
        }
        SlideChange change = null;
        // a pointer may move a tile or two while the rest is still
        boolean stable = moving <= 2;
        if (!stable && Double.isNaN(unstableSince)) {
            unstableSince = seconds;
        }
        if (stable && wasUnstable) {
            change = judge(seconds, busyTiles);
        }
        wasUnstable = !stable;
        return new CoursewareObservation(seconds, change, lastChange, busyTiles > 0);
    }

    /** After the screen came to rest: enough tiles different from the reference is new content. */
    private SlideChange judge(double seconds, int busyTiles) {
        int changed = 0;
        for (int t = 0; t < tiles; t++) {
            if (!busy[t] && againstReference[t] > threshold) {
                changed++;
            }
        }
        int candidates = Math.max(1, tiles - busyTiles);
        double share = (double) changed / tiles;
        SlideChange change = null;
        if (changed >= 3 && share >= settings.minShare()) {
            double started = Double.isNaN(unstableSince) ? seconds : unstableSince;
            SlideChange.Kind kind = (double) changed / candidates >= 0.33 ? SlideChange.Kind.NEW_SLIDE
                    : SlideChange.Kind.NEW_CONTENT;
            change = new SlideChange(seconds, started, share, kind);
            lastChange = seconds;
            System.arraycopy(history[(frames - 1) % history.length], 0, reference, 0, reference.length);
        }
        unstableSince = Double.NaN;
        return change;
    }

    /** Mean of the largest channel difference per tile. */
    private void compare(byte[] a, byte[] b, double[] perTile) {
        int w = small.width();
        for (int t = 0; t < tiles; t++) {
            int tx = (t % columns) * TILE;
            int ty = (t / columns) * TILE;
            int sum = 0;
            for (int y = ty; y < ty + TILE; y++) {
                int row = (y * w + tx) * 3;
                for (int x = 0; x < TILE; x++) {
                    int i = row + 3 * x;
                    int d0 = Math.abs((a[i] & 0xff) - (b[i] & 0xff));
                    int d1 = Math.abs((a[i + 1] & 0xff) - (b[i + 1] & 0xff));
                    int d2 = Math.abs((a[i + 2] & 0xff) - (b[i + 2] & 0xff));
                    sum += Math.max(d0, Math.max(d1, d2));
                }
            }
            perTile[t] = (double) sum / (TILE * TILE);
        }
    }

    private void copyTile(int t, byte[] from, byte[] to) {
        int w = small.width();
        int tx = (t % columns) * TILE;
        int ty = (t / columns) * TILE;
        for (int y = ty; y < ty + TILE; y++) {
            int row = (y * w + tx) * 3;
            System.arraycopy(from, row, to, row, TILE * 3);
        }
    }

    @Override
    public void close() {
        shrunk.close();
    }
}
