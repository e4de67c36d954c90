package org.ketang.vision.presenter;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2HSV;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_video.meanShift;

import java.util.ArrayList;
import java.util.Arrays;
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
 * Finds and follows the presenter in a fixed wide camera. Call {@link #update} with every frame (or every frame the
 * analysis can afford, with its true timestamp); it returns where the presenter is.
 *
 * <p>How it works. {@link MotionAnalysis} gives live foreground: what differs from the learned background and moved
 * within the last seconds. <b>Searching</b>: live blobs become candidates; the person detector (HOG, on a strip
 * around a candidate, or on one of three tiles when nothing moves, every few frames) confirms them. A candidate is
 * locked when the detector confirms it, or when it has the shape of a whole person and keeps moving for
 * {@code lockSeconds}; never while it is at a side edge of the teaching area (someone passing at the edge).
 * <b>Tracking</b>: a mean shift on the live foreground follows the presenter's mass from the predicted position; the
 * box's extent comes from the foreground around it, with the presenter's height remembered so that a hidden part
 * (legs behind the podium, dark hair against a dark board) does not shrink the box; the background under the presenter
 * does not learn, so a presenter who stands still stays in place rather than fading into the background. When nothing
 * moves there the box is held; the detector re-confirms a still presenter. Only when the place no longer differs from
 * the background and the detector does not see a person there for {@code leaveSeconds} is the lock released. A
 * candidate elsewhere that keeps moving while the track has shown nothing for seconds takes over. Sudden global
 * changes (lights) hold the track for that frame.
 *
 * <p>Not thread-safe. Close it to free native memory.
 */
public final class PresenterTracker implements AutoCloseable {

    /** How long the background under an unseen presenter stays protected from learning. */
    private static final double PROTECT_SECONDS = 8;
    /** How long the presenter must show nothing before someone else moving elsewhere may take over the lock. */
    private static final double SWITCH_SECONDS = 5;
    /** How long a detector confirmation counts as the presenter being there. */
    private static final double CONFIRMED_SECONDS = 3;

    private final TrackerSettings settings;
    private final MotionAnalysis motion;
    private final PersonDetector people;
    private final Box area;
    private final double fps;
    private final List<Candidate> candidates = new ArrayList<>();
    private final TermCriteria criteria = new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, 10, 0.5);
    private final byte[] evidence;
    private final byte[] weights;
    private final byte[] hsvBytes;
    private final Mat hsv = new Mat();
    private final Mat weighted;
    private Appearance appearance = new Appearance();

    private TrackingState state = TrackingState.SEARCHING;
    private Box track;
    private double velocity;
    private double bodyX;
    private double personHeight;
    private double completeness;
    private double lastSeen;
    private double lastPresent;
    private double lastConfirmed = Double.NEGATIVE_INFINITY;
    private double lastTime = Double.NaN;
    private long frame;
    private long quietChecks;
    /** Whether the whole body was seen since the lock (detector, or a walk with full evidence). */
    private boolean whole;
    private int walkingFrames;

    public PresenterTracker(FrameSize source, double fps, TrackerSettings settings) {
        this.settings = settings;
        this.fps = fps;
        this.motion = new MotionAnalysis(source, settings.analysisWidth(), settings.teachingArea(),
                settings.sensitivity(), fps);
        this.area = settings.teachingArea().in(motion.analysisSize());
        this.people = settings.personDetection() ? new PersonDetector(motion.analysisSize(), area) : null;
        int pixelCount = motion.analysisSize().width() * motion.analysisSize().height();
        this.evidence = new byte[pixelCount];
        this.weights = new byte[pixelCount];
        this.hsvBytes = new byte[3 * pixelCount];
        this.weighted = new Mat(motion.analysisSize().height(), motion.analysisSize().width(), CV_8UC1);
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
        // the background under the presenter does not learn while they are (recently) seen or confirmed there
        boolean fresh = seconds - lastSeen < PROTECT_SECONDS || seconds - lastConfirmed < CONFIRMED_SECONDS;
        Box protect = state == TrackingState.TRACKING && fresh
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
        double body = Math.max(track.x(), Math.min(track.right(), bodyX));
        return new PresenterObservation(seconds, state, track.scaled(1 / s), body / s, velocity / s,
                lastSeen == seconds, whole);
    }

    private void follow(double seconds, double dt) {
        Box frameBox = Box.of(motion.analysisSize());
        Box predicted = new Box(track.x() + velocity * dt, track.y(), track.width(), track.height())
                .shiftedInside(frameBox);
        bodyX += velocity * dt;
        int[] area = pixels(predicted.expanded(0.8 * personHeight, 0.3 * personHeight));
        weighEvidence(area);
        Mat live = weighted;
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
            // moving blob of the presenter's size within a body height
            Blob near = nearestLivePerson(track, personHeight);
            if (near != null) {
                shifted = Box.centred(near.box().centreX(), track.centreY(), track.width(), track.height());
                seen = true;
            }
        }
        if (seen) {
            Measurement measurement = measure(shifted);
            Box measured = measurement != null ? measurement.extent() : shifted;
            double oldBody = bodyX;
            track = blend(track, measured, shifted);
            double trust = Math.max(0.2, completeness * completeness);
            double body = measurement != null ? measurement.bodyX() : shifted.centreX();
            bodyX = oldBody + 0.5 * trust * (body - oldBody);
            velocity = 0.7 * velocity + 0.3 * (bodyX - oldBody) / dt;
            if (Math.abs(velocity) > 0.3 * personHeight && completeness > 0.8 && ++walkingFrames >= fps / 2) {
                // a walking person moves all over: the foreground is their whole body
                whole = true;
            }
            lastSeen = seconds;
            lastPresent = seconds;
            appearance.learn(hsvBytes, evidence, motion.analysisSize().width(),
                    pixels(track.expanded(-0.1 * track.width(), -0.03 * track.height())), area,
                    nobodyNear() ? 0.03f : 0, 0.2f);
        } else {
            velocity *= 0.8;
            completeness = 0;
            double present = motion.foregroundIn(track) / Math.max(1.0, track.area());
            if (present > 0.08) {
                lastPresent = seconds;
            }
        }
        confirm(seconds);
        if (seconds - lastPresent > settings.leaveSeconds()) {
            release();
            return;
        }
        considerSwitch(seconds);
    }

    /**
     * Asks the detector about the presenter: often when they show little movement (standing still, or standing where
     * the background was learned with them in it), now and then otherwise. A detection keeps the lock, corrects a
     * remembered height that was learned from part of the body, and moves a box that has little evidence of its own.
     */
    private void confirm(double seconds) {
        if (people == null || !people.due(frame)) {
            return;
        }
        boolean weak = seconds - lastSeen >= 0.5 || completeness <= 0.7;
        if (!weak && ++quietChecks % 4 != 0) {
            return;
        }
        Box roi = track.expanded(0.6 * personHeight, 0.15 * personHeight);
        Box best = null;
        for (Box found : people.detect(motion.colour(), roi, minHeight(), PersonDetector.NEAR_MOTION)) {
            if (found.iou(track) > 0.25 || found.contains(Box.centred(track.centreX(), track.centreY(), 1, 1), 0)) {
                if (best == null || found.iou(track) > best.iou(track)) {
                    best = found;
                }
            }
        }
        if (best == null) {
            return;
        }
        lastConfirmed = seconds;
        lastPresent = seconds;
        whole = true;
        boolean taller = best.height() > 1.15 * personHeight;
        personHeight = Math.max(personHeight, 0.95 * best.height());
        if (completeness < 0.7 || taller) {
            bodyX += 0.5 * (best.centreX() - bodyX);
            track = new Box(track.x() + 0.5 * (best.x() - track.x()), track.y() + 0.5 * (best.y() - track.y()),
                    track.width() + 0.5 * (best.width() - track.width()),
                    track.height() + 0.5 * (best.height() - track.height()));
        }
    }

    /**
     * Fills {@link #weighted} with the evidence of the presenter inside {@code area}: the live foreground, weighted by
     * the presenter's colours once they are known.
     */
    private void weighEvidence(int[] area) {
        ((BytePointer) motion.liveForeground().data()).get(evidence);
        cvtColor(motion.colour(), hsv, COLOR_BGR2HSV);
        ((BytePointer) hsv.data()).get(hsvBytes);
        Arrays.fill(weights, (byte) 0);
        int width = motion.analysisSize().width();
        if (appearance.trained()) {
            appearance.weigh(hsvBytes, evidence, width, area, weights);
        } else {
            for (int y = area[1]; y < area[3]; y++) {
                System.arraycopy(evidence, y * width + area[0], weights, y * width + area[0], area[2] - area[0]);
            }
        }
        ((BytePointer) weighted.data()).put(weights);
    }

    /** Whether no other moving person is close to the presenter (then their colours are learned). */
    private boolean nobodyNear() {
        for (Blob blob : motion.blobs()) {
            if (blob.live() && blob.box().height() > 0.4 * personHeight && blob.box().iou(track) < 0.3
                    && blob.box().centreDistance(track) < 1.2 * personHeight) {
                return false;
            }
        }
        return true;
    }

    /** A box as whole pixels {x0, y0, x1, y1} clipped to the analysis picture. */
    private int[] pixels(Box box) {
        FrameSize size = motion.analysisSize();
        return new int[] {Math.max(0, (int) Math.floor(box.x())), Math.max(0, (int) Math.floor(box.y())),
            Math.min(size.width(), (int) Math.ceil(box.right())),
            Math.min(size.height(), (int) Math.ceil(box.bottom()))};
    }

    private Blob nearestLivePerson(Box around, double within) {
        Blob best = null;
        double bestDistance = within;
        for (Blob blob : motion.blobs()) {
            double ratio = blob.box().height() / personHeight;
            if (blob.live() && personShaped(blob) && ratio > 0.7 && ratio < 1.4) {
                double d = blob.box().centreDistance(around);
                if (d < bestDistance) {
                    best = blob;
                    bestDistance = d;
                }
            }
        }
        return best;
    }

    /**
     * Moves and resizes the track toward the measured extent. The presenter's height is remembered: when the
     * measurement is clearly shorter (legs behind the podium, dark hair against a dark board) or taller (a changed
     * slide next to the head joined the presenter's blob), the end that stayed where it was is trusted and the box
     * keeps the remembered height from there; the weaker the measurement, the less it moves the box.
     */
    private Box blend(Box old, Box measured, Box window) {
        if (measured.height() > personHeight) {
            // people do not grow: a much taller measurement is something else joined to the presenter
            personHeight += 0.1 * (Math.min(measured.height(), 1.25 * personHeight) - personHeight);
        } else if (measured.height() > 0.85 * personHeight) {
            personHeight += 0.03 * (measured.height() - personHeight);
        }
        completeness = Math.min(1, measured.height() / personHeight);
        double height = Math.max(Math.min(measured.height(), 1.15 * personHeight), 0.9 * personHeight);
        double top = measured.y();
        if (Math.abs(measured.height() - personHeight) > 0.1 * personHeight) {
            // part of the body is missing, or something joined it: trust the end that stayed in place
            double topMove = Math.abs(measured.y() - old.y());
            double bottomMove = Math.abs(measured.bottom() - old.bottom());
            top = topMove > bottomMove ? measured.bottom() - height : measured.y();
        }
        double trust = Math.max(0.2, completeness * completeness);
        height = old.height() + 0.3 * trust * (height - old.height());
        top = old.y() + 0.4 * trust * (top - old.y());
        double width = Math.min(measured.width(), 1.2 * height);
        width = old.width() + 0.3 * trust * (width - old.width());
        // the horizontal position follows the mass (mean shift) and the extent equally
        double cx = 0.5 * window.centreX() + 0.5 * measured.centreX();
        cx = old.centreX() + 0.7 * trust * (cx - old.centreX());
        return new Box(cx - width / 2, top, width, height).shiftedInside(Box.of(motion.analysisSize()));
    }

    /** The extent of the presenter's live foreground and the median column of it (their body's centre). */
    private record Measurement(Box extent, double bodyX) {
    }

    /**
     * The extent of the live foreground around the mean-shift window: contiguous columns around the window's centre
     * (within an arm's reach), then the rows from the first to the last with foreground (near the track's ends).
     * Null when there is nothing.
     */
    private Measurement measure(Box window) {
        FrameSize size = motion.analysisSize();
        double reach = Math.max(window.width() / 2, 0.55 * personHeight);
        Box search = new Box(window.centreX() - reach, track.y() - 0.2 * personHeight, 2 * reach,
                track.height() + 0.4 * personHeight).intersection(Box.of(size));
        int x0 = (int) search.x();
        int y0 = (int) search.y();
        int x1 = (int) Math.min(size.width(), Math.ceil(search.right()));
        int y1 = (int) Math.min(size.height(), Math.ceil(search.bottom()));
        if (x1 - x0 < 2 || y1 - y0 < 2) {
            return null;
        }
        int w = size.width();
        int[] columns = new int[x1 - x0];
        for (int y = y0; y < y1; y++) {
            int row = y * w;
            for (int x = x0; x < x1; x++) {
                columns[x - x0] += weights[row + x] & 0xff;
            }
        }
        int centre = Math.max(0, Math.min(columns.length - 1, (int) Math.round(window.centreX()) - x0));
        int peak = 0;
        for (int c : columns) {
            peak = Math.max(peak, c);
        }
        if (peak == 0) {
            return null;
        }
        int floor = Math.max(1, peak / 20);
        int gap = Math.max(2, (int) (window.width() * 0.08));
        int left = run(columns, centre, -1, floor, gap);
        int right = run(columns, centre, 1, floor, gap);
        int top = -1;
        int bottom = -1;
        for (int y = y0; y < y1; y++) {
            int row = y * w;
            for (int x = x0 + left; x <= x0 + right; x++) {
                if (weights[row + x] != 0) {
                    if (top < 0) {
                        top = y;
                    }
                    bottom = y;
                    break;
                }
            }
        }
        if (top < 0) {
            return null;
        }
        // the median column: an arm stretched out moves the extent's centre, hardly the median
        int total = 0;
        for (int c = left; c <= right; c++) {
            total += columns[c];
        }
        int half = total / 2;
        int median = left;
        for (int c = left, sum = 0; c <= right; c++) {
            sum += columns[c];
            if (sum > half) {
                median = c;
                break;
            }
        }
        return new Measurement(new Box(x0 + left, top, right - left + 1, bottom - top + 1), x0 + median + 0.5);
    }

    /** The last index from {@code start} in {@code direction} before more than {@code gap} columns below floor. */
    private static int run(int[] columns, int start, int direction, int floor, int gap) {
        int end = start;
        int misses = 0;
        for (int c = start; c >= 0 && c < columns.length; c += direction) {
            if (columns[c] >= floor) {
                end = c;
                misses = 0;
            } else if (++misses > gap) {
                break;
            }
        }
        return end;
    }

    private void release() {
        state = TrackingState.SEARCHING;
        track = null;
        velocity = 0;
        candidates.clear();
    }

    /**
     * While tracking, a candidate elsewhere that keeps moving takes over when the track has shown no movement for a
     * while and no detector confirmation: the lock was on something that is not the presenter, or on a place the
     * presenter left unseen.
     */
    private void considerSwitch(double seconds) {
        updateCandidates(seconds, track);
        if (seconds - lastSeen < SWITCH_SECONDS || seconds - lastConfirmed < CONFIRMED_SECONDS) {
            return;
        }
        for (Candidate c : candidates) {
            if (seconds - c.firstSeen >= 2.0 && c.seenShare() > 0.7 && personShaped(c.box, c.box.area() * 0.5)
                    && c.box.height() >= 0.7 * personHeight && !atSideEdge(c.body())) {
                lock(c, seconds);
                return;
            }
        }
    }

    private void search(double seconds) {
        updateCandidates(seconds, null);
        if (people != null && people.due(frame)) {
            detectAround(seconds);
        }
        Candidate best = null;
        for (Candidate c : candidates) {
            boolean confirmed = c.person != null && (c.moving ? c.detections >= 1 : c.detections >= 2);
            // without the detector's word, only a blob with the build of a standing person: taller than wide
            boolean wholePerson = c.moving && personShaped(c.box, c.box.area() * 0.5)
                    && c.box.height() >= 1.3 * c.box.width()
                    && seconds - c.firstSeen >= settings.lockSeconds() - 1e-9 && c.seenShare() > 0.6;
            if ((confirmed || wholePerson) && !atSideEdge(c.body())
                    && (best == null || c.body().area() > best.body().area())) {
                best = c;
            }
        }
        if (best != null) {
            lock(best, seconds);
        }
    }

    /** Runs the detector on a strip around the oldest unconfirmed candidate, or on the next tile. */
    private void detectAround(double seconds) {
        Candidate target = null;
        for (Candidate c : candidates) {
            if (c.person == null && (target == null || c.firstSeen < target.firstSeen)) {
                target = c;
            }
        }
        Box roi;
        double strictness;
        if (target != null) {
            double tall = Math.max(target.box.height(), 0.5 * area.height());
            roi = new Box(target.box.centreX() - 0.5 * tall, area.y(), tall, area.height());
            strictness = PersonDetector.NEAR_MOTION;
        } else {
            roi = people.nextTile();
            strictness = PersonDetector.ANYWHERE;
        }
        for (Box found : people.detect(motion.colour(), roi, minHeight(), strictness)) {
            if (target != null && !found.contains(Box.centred(target.box.centreX(), target.box.centreY(), 1, 1), 0)
                    && found.iou(target.box) < 0.2) {
                continue;
            }
            Candidate match = null;
            for (Candidate c : candidates) {
                if (c.matches(found)) {
                    match = c;
                    break;
                }
            }
            if (match == null) {
                match = new Candidate(found, seconds, false);
                candidates.add(match);
            }
            match.detected(found, seconds);
        }
    }

    private void lock(Candidate c, double seconds) {
        state = TrackingState.TRACKING;
        appearance = new Appearance();
        track = c.body();
        bodyX = track.centreX();
        personHeight = track.height();
        completeness = 1;
        velocity = 0;
        lastSeen = seconds;
        lastPresent = seconds;
        lastConfirmed = c.person != null ? seconds : Double.NEGATIVE_INFINITY;
        whole = c.person != null;
        walkingFrames = 0;
        candidates.clear();
    }

    private void updateCandidates(double seconds, Box exclude) {
        for (Candidate c : candidates) {
            c.frames++;
        }
        for (Blob blob : motion.blobs()) {
            if (!blob.live() || blob.box().height() < 0.5 * minHeight()) {
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
                match.seen(blob.box(), seconds);
            } else {
                candidates.add(new Candidate(blob.box(), seconds, true));
            }
        }
        Iterator<Candidate> it = candidates.iterator();
        while (it.hasNext()) {
            Candidate c = it.next();
            if (seconds - c.lastSeen > (c.person != null ? 1.5 : 0.6)) {
                it.remove();
            }
        }
    }

    private double minHeight() {
        return settings.minPersonHeight() * area.height();
    }

    private boolean personShaped(Blob blob) {
        return personShaped(blob.box(), blob.area());
    }

    /** Tall enough, not too wide (arms stretched out are as wide as the body is tall), not too hollow. */
    private boolean personShaped(Box box, double area) {
        return box.height() >= minHeight() && box.width() <= 1.2 * box.height() && box.width() >= 0.2 * box.height()
                && area >= 0.2 * box.area();
    }

    /**
     * Whether a box is at the side edge of the teaching area: touching it, or with its centre in the outer 8 % — where
     * people pass by, step in through a door and leave again.
     */
    private boolean atSideEdge(Box box) {
        double margin = Math.max(2, 0.01 * area.width());
        double zone = 0.08 * area.width();
        return box.x() <= area.x() + margin || box.right() >= area.right() - margin
                || box.centreX() < area.x() + zone || box.centreX() > area.right() - zone;
    }

    private static Rect rect(Box b) {
        return new Rect((int) Math.round(b.x()), (int) Math.round(b.y()), Math.max(1, (int) Math.round(b.width())),
                Math.max(1, (int) Math.round(b.height())));
    }

    @Override
    public void close() {
        motion.close();
        criteria.close();
        hsv.close();
        weighted.close();
        if (people != null) {
            people.close();
        }
    }
}
