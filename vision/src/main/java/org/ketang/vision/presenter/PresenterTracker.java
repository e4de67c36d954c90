package org.ketang.vision.presenter;

import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_video.meanShift;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.TermCriteria;
import org.ketang.vision.Box;
import org.ketang.vision.FrameSize;
import org.ketang.vision.motion.Blob;
import org.ketang.vision.motion.MotionAnalysis;

/**
 * Finds and follows the presenter in a fixed wide camera. Call {@link #update} with every frame (or every frame
 * the analysis can afford, with its true timestamp); it returns where the presenter is.
 *
 * <p>How it works: {@link MotionAnalysis} gives live foreground (things that differ from the learned background and
 * moved within the last seconds). While searching, person-sized live blobs that keep moving inside the teaching area
 * become candidates; one that is seen for {@code lockSeconds} without touching the side edges of the area is locked
 * (someone passing at the edge never gets fully inside). While tracking, a mean shift on the live foreground follows
 * the presenter's mass from the predicted position, the box's extent comes from the foreground around it, and the
 * background under the presenter does not learn, so a presenter who stands still stays in place instead of fading
 * into the background. When nothing live is near, the box is held; only when the presenter's place no longer differs
 * from the background for {@code leaveSeconds} (they walked out) is the lock released. Sudden global changes (lights)
 * hold the track for that frame. A person detector (HOG, run on a part of the area every few frames) finds a presenter
 * who stands still from the start and confirms candidates.
 *
 * <p>Not thread-safe. Close it to free native memory.
 */
public final class PresenterTracker implements AutoCloseable {

    /** How long the background under an unseen presenter stays protected from learning. */
    private static final double PROTECT_SECONDS = 8;

    private final TrackerSettings settings;
    private final MotionAnalysis motion;
    private final PersonDetector people;
    private final Box area;
    private final double fps;
    private final List<Candidate> candidates = new ArrayList<>();
    private final TermCriteria criteria = new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, 10, 0.5);
    private final byte[] evidence;

    private TrackingState state = TrackingState.SEARCHING;
    private Box track;
    private double velocity;
    private double lastSeen;
    private double lastPresent;
    private double lastTime = Double.NaN;
    private long frame;

    public PresenterTracker(FrameSize source, double fps, TrackerSettings settings) {
        this.settings = settings;
        this.fps = fps;
        this.motion = new MotionAnalysis(source, settings.analysisWidth(), settings.teachingArea(),
                settings.sensitivity(), fps);
        this.area = settings.teachingArea().in(motion.analysisSize());
        this.people = settings.personDetection() ? new PersonDetector(motion.analysisSize(), area) : null;
        this.evidence = new byte[motion.analysisSize().width() * motion.analysisSize().height()];
    }

    /** The motion analysis behind the tracker (for tests and pictures of a run). */
    MotionAnalysis motion() {
        return motion;
    }

    /** The state after the last update. */
    public TrackingState state() {
        return state;
    }

    /**
     * Analyses the next frame of the teacher camera.
     *
     * @param seconds timestamp of the frame, increasing
     * @param bgr     the frame, 8-bit BGR at the source size given to the constructor
     */
    public PresenterObservation update(double seconds, Mat bgr) {
        double dt = Double.isNaN(lastTime) ? 1 / fps : Math.max(1e-3, seconds - lastTime);
        lastTime = seconds;
        frame++;
        // the background under the presenter does not learn while they are (recently) seen there
        Box protect = state == TrackingState.TRACKING && seconds - lastSeen < PROTECT_SECONDS
                ? track.expanded(0.12 * track.width(), 0.06 * track.height()) : null;
        motion.update(seconds, bgr, protect);
        if (!motion.globalChange()) {
            if (state == TrackingState.TRACKING) {
                follow(seconds, dt);
            }
            if (state == TrackingState.SEARCHING) {
                search(seconds);
            }
        }
        return observation(seconds);
    }

    private PresenterObservation observation(double seconds) {
        if (state != TrackingState.TRACKING) {
            return PresenterObservation.searching(seconds);
        }
        double s = motion.scale();
        return new PresenterObservation(seconds, state, track.scaled(1 / s), velocity / s, lastSeen == seconds);
    }

    private void follow(double seconds, double dt) {
        Box frameBox = Box.of(motion.analysisSize());
        Box predicted = new Box(track.x() + velocity * dt, track.y(), track.width(), track.height())
                .shiftedInside(frameBox);
        Mat live = motion.liveForeground();
        Box shifted;
        try (Rect window = rect(predicted)) {
            meanShift(live, window, criteria);
            shifted = new Box(window.x(), window.y(), window.width(), window.height());
        }
        double mass;
        try (Rect r = rect(shifted); Mat roi = live.apply(r)) {
            mass = countNonZero(roi) / Math.max(1.0, shifted.area());
        }
        boolean seen = mass > 0.04;
        if (!seen) {
            // the presenter may have left the window faster than the mean shift could follow: take the nearest
            // moving person-sized blob within a body height
            Blob near = nearestLivePerson(track, track.height());
            if (near != null) {
                shifted = Box.centred(near.box().centreX(), track.centreY(), track.width(), track.height());
                seen = true;
            }
        }
        if (seen) {
            Box extent = extent(shifted);
            Box measured = extent != null ? extent : shifted;
            double oldCentre = track.centreX();
            track = blend(track, measured, shifted);
            velocity = 0.7 * velocity + 0.3 * (track.centreX() - oldCentre) / dt;
            lastSeen = seconds;
            lastPresent = seconds;
        } else {
            velocity *= 0.8;
            double present = motion.foregroundIn(track) / Math.max(1.0, track.area());
            if (present > 0.08) {
                lastPresent = seconds;
            }
            if (seconds - lastPresent > settings.leaveSeconds()) {
                release();
                return;
            }
        }
        considerSwitch(seconds);
    }

    private Blob nearestLivePerson(Box around, double within) {
        Blob best = null;
        double bestDistance = within;
        for (Blob blob : motion.blobs()) {
            if (blob.live() && personLike(blob)) {
                double d = blob.box().centreDistance(around);
                if (d < bestDistance) {
                    best = blob;
                    bestDistance = d;
                }
            }
        }
        return best;
    }

    /** Moves and resizes the track toward the measured extent, a little at a time for the size. */
    private Box blend(Box old, Box measured, Box window) {
        double height = measured.height() < 0.6 * old.height() ? old.height()
                : old.height() + 0.25 * (measured.height() - old.height());
        double width = Math.min(measured.width(), 1.6 * height);
        width = old.width() + 0.3 * (width - old.width());
        // the horizontal position follows the mass (mean shift) and the extent equally
        double cx = 0.5 * window.centreX() + 0.5 * measured.centreX();
        cx = old.centreX() + 0.7 * (cx - old.centreX());
        double top = measured.height() < 0.6 * old.height() ? old.y() : old.y() + 0.4 * (measured.y() - old.y());
        return new Box(cx - width / 2, top, width, height).shiftedInside(Box.of(motion.analysisSize()));
    }

    /**
     * The extent of the foreground around the mean-shift window: contiguous columns around the window's centre,
     * then the rows from the first to the last with foreground. Null when there is nothing.
     */
    private Box extent(Box window) {
        FrameSize size = motion.analysisSize();
        Box search = window.expanded(0.5 * window.width(), 0.25 * window.height()).intersection(Box.of(size));
        int x0 = (int) search.x();
        int y0 = (int) search.y();
        int x1 = (int) Math.min(size.width(), Math.ceil(search.right()));
        int y1 = (int) Math.min(size.height(), Math.ceil(search.bottom()));
        if (x1 - x0 < 2 || y1 - y0 < 2) {
            return null;
        }
        ((BytePointer) motion.liveForeground().data()).get(evidence);
        int w = size.width();
        int[] columns = new int[x1 - x0];
        for (int y = y0; y < y1; y++) {
            int row = y * w;
            for (int x = x0; x < x1; x++) {
                if (evidence[row + x] != 0) {
                    columns[x - x0]++;
                }
            }
        }
        int centre = (int) Math.round(window.centreX()) - x0;
        centre = Math.max(0, Math.min(columns.length - 1, centre));
        int peak = 0;
        for (int c : columns) {
            peak = Math.max(peak, c);
        }
        if (peak == 0) {
            return null;
        }
        int floor = Math.max(1, peak / 20);
        int gap = Math.max(2, (int) (window.width() * 0.08));
        int left = centre;
        int misses = 0;
        for (int c = centre; c >= 0; c--) {
            if (columns[c] >= floor) {
                left = c;
                misses = 0;
            } else if (++misses > gap) {
                break;
            }
        }
        int right = centre;
        misses = 0;
        for (int c = centre; c < columns.length; c++) {
            if (columns[c] >= floor) {
                right = c;
                misses = 0;
            } else if (++misses > gap) {
                break;
            }
        }
        int top = -1;
        int bottom = -1;
        for (int y = y0; y < y1; y++) {
            int row = y * w;
            int count = 0;
            for (int x = x0 + left; x <= x0 + right; x++) {
                if (evidence[row + x] != 0) {
                    count++;
                }
            }
            if (count > 0) {
                if (top < 0) {
                    top = y;
                }
                bottom = y;
            }
        }
        if (top < 0) {
            return null;
        }
        return new Box(x0 + left, top, right - left + 1, bottom - top + 1);
    }

    private void release() {
        state = TrackingState.SEARCHING;
        track = null;
        velocity = 0;
        candidates.clear();
    }

    /**
     * While tracking, a strong candidate elsewhere takes over when the track has shown no movement for a while:
     * the lock was on something that is not the presenter (or on a place the presenter left unseen).
     */
    private void considerSwitch(double seconds) {
        updateCandidates(seconds, track);
        if (seconds - lastSeen < 2.0) {
            return;
        }
        for (Candidate c : candidates) {
            if (seconds - c.firstSeen >= 2.0 && c.seenShare() > 0.7 && !touchesSides(c.box)) {
                lock(c, seconds);
                return;
            }
        }
    }

    private void search(double seconds) {
        updateCandidates(seconds, null);
        if (people != null) {
            people.scan(motion.colour(), frame, candidates, minHeight()).ifPresent(found -> {
                Candidate c = new Candidate(found, seconds);
                c.confirmedAsPerson = true;
                candidates.add(c);
            });
        }
        Candidate best = null;
        for (Candidate c : candidates) {
            double needed = c.confirmedAsPerson ? 0.2 : settings.lockSeconds();
            boolean ready = seconds - c.firstSeen >= needed - 1e-9 && (c.confirmedAsPerson || c.seenShare() > 0.6);
            if (ready && !touchesSides(c.box) && (best == null || c.box.area() > best.box.area())) {
                best = c;
            }
        }
        if (best != null) {
            lock(best, seconds);
        }
    }

    private void lock(Candidate c, double seconds) {
        state = TrackingState.TRACKING;
        track = c.box;
        velocity = 0;
        lastSeen = seconds;
        lastPresent = seconds;
        candidates.clear();
    }

    private void updateCandidates(double seconds, Box exclude) {
        for (Candidate c : candidates) {
            c.frames++;
        }
        for (Blob blob : motion.blobs()) {
            if (!blob.live() || !personLike(blob)) {
                continue;
            }
            if (exclude != null && (blob.box().iou(exclude) > 0.05
                    || blob.box().centreDistance(exclude) < exclude.height() * 0.6)) {
                continue;
            }
            Candidate match = null;
            for (Candidate c : candidates) {
                if (c.matches(blob.box())) {
                    match = c;
                    break;
                }
            }
            if (match != null) {
                if (match.lastSeen != seconds) {
                    match.seen(blob.box(), seconds);
                }
            } else {
                candidates.add(new Candidate(blob.box(), seconds));
            }
        }
        Iterator<Candidate> it = candidates.iterator();
        while (it.hasNext()) {
            if (seconds - it.next().lastSeen > 0.6) {
                it.remove();
            }
        }
    }

    private double minHeight() {
        return settings.minPersonHeight() * area.height();
    }

    private boolean personLike(Blob blob) {
        Box b = blob.box();
        return b.height() >= minHeight() && b.width() <= 1.6 * b.height() && b.width() >= 0.1 * b.height()
                && blob.area() >= 0.15 * b.area();
    }

    private boolean touchesSides(Box box) {
        double margin = Math.max(2, 0.01 * area.width());
        return box.x() <= area.x() + margin || box.right() >= area.right() - margin;
    }

    private static Rect rect(Box b) {
        return new Rect((int) Math.round(b.x()), (int) Math.round(b.y()), Math.max(1, (int) Math.round(b.width())),
                Math.max(1, (int) Math.round(b.height())));
    }

    @Override
    public void close() {
        motion.close();
        criteria.close();
        if (people != null) {
            people.close();
        }
    }
}
