package org.ketang.vision.motion;

import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.extractChannel;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2YCrCb;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_HEIGHT;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_LEFT;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_TOP;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_WIDTH;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_CLOSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_OPEN;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.connectedComponentsWithStats;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.ketang.vision.Box;
import org.ketang.vision.FrameSize;
import org.ketang.vision.Region;

/**
 * Motion and presence in a fixed camera's view, updated frame by frame at analysis resolution (640 pixels wide by
 * default). Each pixel keeps a background mean and variance of its luma and two chroma channels (YCrCb): a pixel is
 * foreground when a channel differs from its mean by more than {@code k} standard deviations and a minimum step, and
 * moving when it differs from the previous frame in the same way. Pixels inside the protected box (the tracked
 * presenter) never learn, so a presenter who stands still stays foreground; elsewhere foreground is absorbed slowly
 * (a moved chair). Exposure changes are compensated by the median brightness ratio over stable pixels; a change of
 * most of the view at once (lights switched) resets the background instead of producing a giant blob; an area that
 * changes at once and then stays still (a new slide on the projector) is learned at once ({@link SuddenChanges});
 * a ghost (the still place a person left who was part of the background) is learned at once too.
 *
 * <p>Not thread-safe; one instance per camera. Close it to free the native buffers.
 */
public final class MotionAnalysis implements AutoCloseable {

    /** How long a blob counts as live after its pixels last moved. */
    public static final double LIVE_SECONDS = 1.5;

    private static final double GAIN_STEP = 0.004;
    private static final int GAIN_BINS = 351;

    private final int[] gainHistogram = new int[GAIN_BINS];
    private final SuddenChanges sudden;
    private final FrameSize source;
    private final FrameSize analysis;
    private final double scale;
    private final int n;
    private final byte[] inRegion;
    private final int regionPixels;
    private final float k2;
    private final float minStep;
    private final float minMotionStep;
    private final double fps;

    private final Mat colour = new Mat();
    private final Mat grey = new Mat();
    private final Mat blurred = new Mat();
    private final Mat foreground;
    private final Mat cleaned = new Mat();
    private final Mat evidence;
    private final Mat labels = new Mat();
    private final Mat stats = new Mat();
    private final Mat centroids = new Mat();
    private final Mat openKernel;
    private final Mat closeKernel;

    private final Mat ycc = new Mat();
    private final byte[] pixels;
    /** Luma of this frame (bytes), and the background's mean, variance and the previous frame per channel. */
    private final byte[] current;
    private final float[] mean;
    private final float[] variance;
    private final float[] previous;
    private final float[][] chromaMean = new float[2][];
    private final float[][] chromaVariance = new float[2][];
    private final float[][] chromaPrevious = new float[2][];
    private final float minChromaStep;
    private final float[] lastMoved;
    private final byte[] fg;
    private final byte[] moving;
    private final byte[] live;
    private final int[] labelData;

    private boolean initialised;
    private int protectX0;
    private int protectX1;
    private int protectY0;
    private int protectY1;
    private int suddenPixels;
    private int ghostPixels;
    private boolean globalChange;
    private double gain = 1;
    private int movingCount;
    private final List<Blob> blobs = new ArrayList<>();

    /**
     * @param source        size of the frames that will be passed in
     * @param analysisWidth width of the analysis picture (height keeps the aspect)
     * @param region        the part of the view to analyse
     * @param sensitivity   0..1; higher finds fainter changes
     * @param fps           frame rate, for the learning rates
     */
    public MotionAnalysis(FrameSize source, int analysisWidth, Region region, double sensitivity, double fps) {
        this.source = source;
        this.analysis = source.width() <= analysisWidth ? source : source.scaledToWidth(analysisWidth);
        this.scale = (double) analysis.width() / source.width();
        this.n = analysis.width() * analysis.height();
        this.fps = fps;
        double strictness = 1 - sensitivity;
        double k = 2.5 + 3.0 * strictness;
        this.k2 = (float) (k * k);
        this.minStep = (float) (4 + 10 * strictness);
        this.minMotionStep = (float) (3 + 8 * strictness);
        this.minChromaStep = (float) (3 + 6 * strictness);
        this.inRegion = new byte[n];
        Box r = region.in(analysis);
        int count = 0;
        for (int y = 0; y < analysis.height(); y++) {
            for (int x = 0; x < analysis.width(); x++) {
                if (x + 0.5 >= r.x() && x + 0.5 <= r.right() && y + 0.5 >= r.y() && y + 0.5 <= r.bottom()) {
                    inRegion[y * analysis.width() + x] = 1;
                    count++;
                }
            }
        }
        this.regionPixels = Math.max(1, count);
        this.sudden = new SuddenChanges(analysis);
        this.current = new byte[n];
        this.pixels = new byte[3 * n];
        for (int c = 0; c < 2; c++) {
            chromaMean[c] = new float[n];
            chromaVariance[c] = new float[n];
            chromaPrevious[c] = new float[n];
        }
        this.mean = new float[n];
        this.variance = new float[n];
        this.previous = new float[n];
        this.lastMoved = new float[n];
        this.fg = new byte[n];
        this.moving = new byte[n];
        this.live = new byte[n];
        this.labelData = new int[n];
        this.foreground = new Mat(analysis.height(), analysis.width(), CV_8UC1);
        this.evidence = new Mat(analysis.height(), analysis.width(), CV_8UC1);
        this.openKernel = getStructuringElement(MORPH_RECT, new Size(3, 3));
        int c = Math.max(3, (int) Math.round(analysis.width() / 90.0) | 1);
        this.closeKernel = getStructuringElement(MORPH_ELLIPSE, new Size(c, c + 2 * (c / 2)));
    }

    /** Size of the analysis picture. */
    public FrameSize analysisSize() {
        return analysis;
    }

    /** Analysis pixels per source pixel. */
    public double scale() {
        return scale;
    }

    /**
     * Analyses the next frame.
     *
     * @param seconds   timestamp of the frame
     * @param bgr       the frame, 8-bit BGR at the source size
     * @param protect   analysis-pixel box whose background must not learn (the tracked person), or null
     */
    public void update(double seconds, Mat bgr, Box protect) {
        if (bgr.cols() != source.width() || bgr.rows() != source.height()) {
            throw new IllegalArgumentException("expected " + source.width() + "×" + source.height() + " frames, got "
                    + bgr.cols() + "×" + bgr.rows());
        }
        if (analysis.equals(source)) {
            bgr.copyTo(colour);
        } else {
            resize(bgr, colour, new Size(analysis.width(), analysis.height()), 0, 0, INTER_AREA);
        }
        // luma (the grey picture) and two chroma channels: a red shirt before a green board differs in colour far more
        // than in brightness
        cvtColor(colour, grey, COLOR_BGR2YCrCb);
        GaussianBlur(grey, ycc, new Size(5, 5), 0);
        extractChannel(ycc, blurred, 0);
        ((BytePointer) ycc.data()).get(pixels);
        for (int i = 0; i < n; i++) {
            current[i] = pixels[3 * i];
        }
        int w = analysis.width();
        int px0 = 0;
        int px1 = 0;
        int py0 = 0;
        int py1 = 0;
        if (protect != null) {
            px0 = Math.max(0, (int) Math.floor(protect.x()));
            px1 = Math.min(w, (int) Math.ceil(protect.right()));
            py0 = Math.max(0, (int) Math.floor(protect.y()));
            py1 = Math.min(analysis.height(), (int) Math.ceil(protect.bottom()));
        }
        protectX0 = px0;
        protectX1 = px1;
        protectY0 = py0;
        protectY1 = py1;
        if (!initialised) {
            for (int i = 0; i < n; i++) {
                float v = current[i] & 0xff;
                mean[i] = v;
                previous[i] = v;
                variance[i] = 4;
                lastMoved[i] = Float.NEGATIVE_INFINITY;
                for (int c = 0; c < 2; c++) {
                    float u = pixels[3 * i + 1 + c] & 0xff;
                    chromaMean[c][i] = u;
                    chromaPrevious[c][i] = u;
                    chromaVariance[c][i] = 1;
                }
            }
            initialised = true;
            globalChange = false;
            blobs.clear();
            foreground.put(new Scalar(0.0));
            evidence.put(new Scalar(0.0));
            return;
        }
        gain = compensation(px0, px1, py0, py1);
        int fgCount = 0;
        int moveCount = 0;
        float g = (float) gain;
        sudden.startFrame();
        for (int i = 0; i < n; i++) {
            if (inRegion[i] == 0) {
                fg[i] = 0;
                moving[i] = 0;
                continue;
            }
            boolean wasForeground = fg[i] != 0;
            float x = (current[i] & 0xff) * g;
            float v = Math.max(variance[i], 2.25f);
            float d = x - mean[i];
            boolean f = d * d > k2 * v && Math.abs(d) > minStep;
            float dm = x - previous[i];
            boolean m = dm * dm > k2 * 2 * v && Math.abs(dm) > minMotionStep;
            for (int c = 0; c < 2; c++) {
                float u = 128 + ((pixels[3 * i + 1 + c] & 0xff) - 128) * g;
                float cv = Math.max(chromaVariance[c][i], 1f);
                float dc = u - chromaMean[c][i];
                f |= dc * dc > k2 * cv && Math.abs(dc) > minChromaStep;
                float dcm = u - chromaPrevious[c][i];
                m |= dcm * dcm > k2 * 2 * cv && Math.abs(dcm) > minChromaStep;
            }
            fg[i] = f ? (byte) 255 : 0;
            moving[i] = m ? (byte) 255 : 0;
            sudden.count(i, f && !wasForeground, m);
            if (f) {
                fgCount++;
            }
            if (m) {
                moveCount++;
            }
        }
        globalChange = fgCount > 0.5 * regionPixels || moveCount > 0.25 * regionPixels;
        if (globalChange) {
            sudden.clear();
        } else {
            sudden.decide();
        }
        float now = (float) seconds;
        suddenPixels = 0;
        float learn = (float) Math.min(0.2, 1 / (2.0 * fps));
        float absorb = (float) (1 / (15.0 * fps));
        float learnVariance = (float) Math.min(0.05, 1 / (4.0 * fps));
        for (int i = 0; i < n; i++) {
            float x = (current[i] & 0xff) * g;
            int y = i / w;
            int xx = i - y * w;
            boolean isProtected = protect != null && xx >= px0 && xx < px1 && y >= py0 && y < py1;
            float u0 = 128 + ((pixels[3 * i + 1] & 0xff) - 128) * g;
            float u1 = 128 + ((pixels[3 * i + 2] & 0xff) - 128) * g;
            if (globalChange || (sudden.absorb(i) && !isProtected)) {
                if (!isProtected || !globalChange) {
                    mean[i] = x;
                    chromaMean[0][i] = u0;
                    chromaMean[1][i] = u1;
                }
                fg[i] = 0;
                if (globalChange) {
                    moving[i] = 0;
                }
                if (!globalChange) {
                    suddenPixels++;
                }
            } else if (!isProtected) {
                float rate = fg[i] != 0 ? absorb : learn;
                learn(mean, variance, i, x, rate, learnVariance);
                learn(chromaMean[0], chromaVariance[0], i, u0, rate, learnVariance);
                learn(chromaMean[1], chromaVariance[1], i, u1, rate, learnVariance);
            }
            if (moving[i] != 0 && !sudden.suspect(i)) {
                lastMoved[i] = now;
            }
            previous[i] = x;
            chromaPrevious[0][i] = u0;
            chromaPrevious[1][i] = u1;
        }
        movingCount = globalChange ? 0 : moveCount;
        ((BytePointer) foreground.data()).put(fg);
        findBlobs(now);
    }

    /**
     * One step of a pixel's running mean and variance. A deviation counts at most a few standard deviations, so
     * something passing by barely widens the variance while a flickering screen widens it steadily.
     */
    private static void learn(float[] mean, float[] variance, int i, float x, float rate, float varianceRate) {
        float d = x - mean[i];
        float sd = (float) Math.sqrt(variance[i]);
        float cap = 3 * sd + 8;
        float e2 = Math.min(d * d, cap * cap);
        variance[i] += varianceRate * (e2 - variance[i]);
        mean[i] += rate * d;
    }

    /**
     * The exposure gain that maps this frame onto the background: the median ratio over a sparse grid of stable
     * pixels, so that a part of the view changing (a new slide on the projector) does not pass for a change of
     * exposure.
     */
    private double compensation(int px0, int px1, int py0, int py1) {
        int[] histogram = gainHistogram;
        Arrays.fill(histogram, 0);
        int samples = 0;
        int w = analysis.width();
        for (int i = 0; i < n; i += 7) {
            if (inRegion[i] == 0 || fg[i] != 0) {
                continue;
            }
            int y = i / w;
            int x = i - y * w;
            if (x >= px0 && x < px1 && y >= py0 && y < py1) {
                continue;
            }
            int c = current[i] & 0xff;
            if (c < 16 || c > 250 || mean[i] < 16) {
                continue;
            }
            double logRatio = Math.log(mean[i] / c);
            int bin = (int) Math.round(logRatio / GAIN_STEP) + GAIN_BINS / 2;
            if (bin >= 0 && bin < GAIN_BINS) {
                histogram[bin]++;
                samples++;
            }
        }
        if (samples < 100) {
            return 1;
        }
        int half = samples / 2;
        int cumulative = 0;
        for (int bin = 0; bin < GAIN_BINS; bin++) {
            cumulative += histogram[bin];
            if (cumulative > half) {
                return Math.exp((bin - GAIN_BINS / 2) * GAIN_STEP);
            }
        }
        return 1;
    }

    private void findBlobs(float now) {
        blobs.clear();
        morphologyEx(foreground, cleaned, MORPH_OPEN, openKernel);
        morphologyEx(cleaned, cleaned, MORPH_CLOSE, closeKernel);
        int count = connectedComponentsWithStats(cleaned, labels, stats, centroids, 8, CV_32S);
        try (IntPointer l = new IntPointer(labels.data())) {
            l.get(labelData);
        }
        int[] livePixels = new int[count];
        int[] movingNow = new int[count];
        int[] areas = new int[count];
        float since = now - (float) LIVE_SECONDS;
        int w = analysis.width();
        for (int i = 0; i < n; i++) {
            int label = labelData[i];
            if (label == 0) {
                continue;
            }
            areas[label]++;
            if (lastMoved[i] >= since) {
                livePixels[label]++;
            }
            if (moving[i] != 0) {
                movingNow[label]++;
            }
        }
        boolean[] ghost = ghosts(count);
        for (int label = 1; label < count; label++) {
            // a ghost does not move (a person, even standing, always moves a little)
            ghost[label] &= movingNow[label] < 0.02 * areas[label];
        }
        boolean[] isLive = new boolean[count];
        IntPointer s = new IntPointer(stats.data());
        int columns = stats.cols();
        for (int label = 1; label < count; label++) {
            int area = s.get((long) label * columns + CC_STAT_AREA);
            Box box = new Box(s.get((long) label * columns + CC_STAT_LEFT), s.get((long) label * columns + CC_STAT_TOP),
                    s.get((long) label * columns + CC_STAT_WIDTH), s.get((long) label * columns + CC_STAT_HEIGHT));
            if (ghost[label]) {
                continue;
            }
            isLive[label] = livePixels[label] >= Math.max(8, 0.01 * area);
            blobs.add(new Blob(box, area, livePixels[label], isLive[label]));
        }
        forgetGhosts(ghost);
        for (int i = 0; i < n; i++) {
            live[i] = isLive[labelData[i]] && labelData[i] > 0 && !sudden.suspect(i) ? (byte) 255 : 0;
        }
        ((BytePointer) evidence.data()).put(live);
    }

    /**
     * Finds ghosts: foreground where something that was part of the background has gone (a person standing there when
     * the analysis started, a chair carried away, the place a board panel slid from). Along a real object's outline
     * the current frame has edges; along a ghost's outline the edges are in the background instead.
     */
    private boolean[] ghosts(int count) {
        double[] current = new double[count];
        double[] background = new double[count];
        int[] border = new int[count];
        int w = analysis.width();
        int h = analysis.height();
        for (int y = 1; y < h - 1; y++) {
            int row = y * w;
            for (int x = 1; x < w - 1; x++) {
                int i = row + x;
                int label = labelData[i];
                if (label == 0 || (labelData[i - 1] == label && labelData[i + 1] == label
                        && labelData[i - w] == label && labelData[i + w] == label)) {
                    continue;
                }
                current[label] += Math.abs(previous[i + 1] - previous[i - 1]) + Math.abs(previous[i + w] - previous[i - w]);
                background[label] += Math.abs(mean[i + 1] - mean[i - 1]) + Math.abs(mean[i + w] - mean[i - w]);
                border[label]++;
            }
        }
        boolean[] ghost = new boolean[count];
        for (int label = 1; label < count; label++) {
            if (border[label] < 20) {
                continue;
            }
            double meanBackground = background[label] / border[label];
            double meanCurrent = current[label] / border[label];
            ghost[label] = meanBackground > 6 && meanCurrent < 0.5 * meanBackground;
        }
        return ghost;
    }

    /** Ghosts are learned into the background at once, wherever they are. */
    private void forgetGhosts(boolean[] ghost) {
        ghostPixels = 0;
        boolean any = false;
        for (int label = 1; label < ghost.length; label++) {
            any |= ghost[label];
        }
        if (!any) {
            return;
        }
        for (int i = 0; i < n; i++) {
            if (ghost[labelData[i]] && labelData[i] > 0) {
                mean[i] = previous[i];
                chromaMean[0][i] = chromaPrevious[0][i];
                chromaMean[1][i] = chromaPrevious[1][i];
                fg[i] = 0;
                ghostPixels++;
            }
        }
        ((BytePointer) foreground.data()).put(fg);
    }

    /** The frame at analysis resolution, BGR. */
    public Mat colour() {
        return colour;
    }

    /** The frame at analysis resolution, grey, lightly blurred. */
    public Mat grey() {
        return blurred;
    }

    /** Foreground mask (0/255) before clean-up: everything that differs from the background. */
    public Mat foreground() {
        return foreground;
    }

    /** Mask (0/255) of the cleaned foreground blobs that are live: the evidence of people. */
    public Mat liveForeground() {
        return evidence;
    }

    /** Cleaned foreground mask (0/255), live or not. */
    public Mat cleanedForeground() {
        return cleaned;
    }

    /** Blobs of this frame. */
    public List<Blob> blobs() {
        return blobs;
    }

    /** Whether most of the view changed at once in this frame (lights); the frame carries no motion information. */
    public boolean globalChange() {
        return globalChange;
    }

    /** Pixels learned at once in this frame as a sudden change (for tests and pictures of a run). */
    public int suddenPixels() {
        return suddenPixels;
    }

    /** Pixels learned at once in this frame as a ghost (for tests and pictures of a run). */
    public int ghostPixels() {
        return ghostPixels;
    }

    /** Pixels that moved since the previous frame. */
    public int movingPixels() {
        return movingCount;
    }

    /** Whether the pixel moved since the previous frame. */
    public boolean movedAt(int x, int y) {
        return moving[y * analysis.width() + x] != 0;
    }

    /** The exposure gain applied to this frame to match the background. */
    public double gain() {
        return gain;
    }

    /** Number of analysis pixels inside the region. */
    public int regionPixels() {
        return regionPixels;
    }

    /** Counts foreground pixels (before clean-up) inside the box, analysis pixels. */
    public int foregroundIn(Box box) {
        int w = analysis.width();
        int x0 = Math.max(0, (int) box.x());
        int x1 = Math.min(w, (int) Math.ceil(box.right()));
        int y0 = Math.max(0, (int) box.y());
        int y1 = Math.min(analysis.height(), (int) Math.ceil(box.bottom()));
        int count = 0;
        for (int y = y0; y < y1; y++) {
            int row = y * w;
            for (int x = x0; x < x1; x++) {
                if (fg[row + x] != 0) {
                    count++;
                }
            }
        }
        return count;
    }

    @Override
    public void close() {
        colour.close();
        grey.close();
        ycc.close();
        blurred.close();
        foreground.close();
        cleaned.close();
        evidence.close();
        labels.close();
        stats.close();
        centroids.close();
        openKernel.close();
        closeKernel.close();
    }
}
