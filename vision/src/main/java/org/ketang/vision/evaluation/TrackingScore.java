package org.ketang.vision.evaluation;

import java.util.ArrayList;
import java.util.List;

import org.ketang.vision.Box;
import org.ketang.vision.FrameSize;

/**
 * Scores a virtual camera against the presenter's true boxes, frame by frame. Add every frame with
 * {@link #add}, then read the figures. The presenter's <i>body shift</i> between two frames is how far both sides of
 * their box moved the same way (the smaller of the two side movements; zero when the sides move apart or only one
 * moves), so that an arm stretched out is not a move. Definitions (also in vision/README.md):
 * <ul>
 * <li><b>inside</b>: share of the frames with a visible presenter whose true box lies entirely inside the crop
 * (1 pixel tolerance);</li>
 * <li><b>centre error</b>: mean distance between the true box's centre and the crop's centre, as a share of the crop
 * width, over the same frames;</li>
 * <li><b>jitter</b>: mean movement of the crop (centre shift plus half the size change) per frame, in pixels of a
 * 1080p picture, over the frames where the presenter stands still — body shift below 5 % of their height within
 * half a second before and after (gestures allowed); a jump of more than 10 % of the crop width in one frame is a
 * cut, counted separately and not as jitter;</li>
 * <li><b>reaction</b>: for every real move — after a second of standing (body shift below 10 % of the height), a
 * body shift of at least 60 % of the height (about a metre) within three seconds — the time from the start of the
 * move (body shift above 10 % of the height) until the crop has moved 2 % of its width in that direction; 3 s when it
 * never does. Moves the camera cannot or need not follow are left out: when the crop already touches the frame's
 * edge on that side, or when the presenter walks back toward the crop's centre from more than 10 % of its width
 * away.</li>
 * </ul>
 */
public final class TrackingScore {

    private static final double STILL_WINDOW = 0.5;
    private static final double STILL_TOLERANCE = 0.05;
    private static final double NO_REACTION = 3.0;
    private static final double REST = 0.1;
    private static final double MOVE = 0.6;

    private final double fps;
    private final double toFullHd;
    private final int sourceWidth;
    private final List<Box> truth = new ArrayList<>();
    private final List<Box> crops = new ArrayList<>();

    /**
     * @param fps    frame rate of the scored video
     * @param source size of its frames (jitter is reported in pixels of a 1080-line picture)
     */
    public TrackingScore(double fps, FrameSize source) {
        this.fps = fps;
        this.sourceWidth = source.width();
        this.toFullHd = 1080.0 / source.height();
    }

    /** Adds the next frame: where the presenter really is (null: not visible) and the crop shown. */
    public void add(Box presenter, Box crop) {
        truth.add(presenter);
        crops.add(crop);
    }

    public int frames() {
        return truth.size();
    }

    /** Frames with a visible presenter. */
    public int visibleFrames() {
        int visible = 0;
        for (Box t : truth) {
            if (t != null) {
                visible++;
            }
        }
        return visible;
    }

    /** Frames the jitter is measured on (presenter still, no cut). */
    public int jitterFrames() {
        int count = 0;
        for (int i = 1; i < truth.size(); i++) {
            if (still(i) && still(i - 1) && !cut(i)) {
                count++;
            }
        }
        return count;
    }

    /** Share of frames with a visible presenter fully inside the crop, 0..1 (NaN without any such frame). */
    public double inside() {
        int visible = 0;
        int inside = 0;
        for (int i = 0; i < truth.size(); i++) {
            if (truth.get(i) != null) {
                visible++;
                if (crops.get(i).contains(truth.get(i), 1)) {
                    inside++;
                }
            }
        }
        return visible == 0 ? Double.NaN : (double) inside / visible;
    }

    /** Mean distance of the presenter's centre from the crop's centre, as a share of the crop width. */
    public double centreError() {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < truth.size(); i++) {
            Box t = truth.get(i);
            if (t != null) {
                Box c = crops.get(i);
                sum += t.centreDistance(c) / c.width();
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Mean crop movement per frame while the presenter is still, in 1080p pixels; cuts are not counted. */
    public double jitter() {
        double sum = 0;
        int count = 0;
        for (int i = 1; i < truth.size(); i++) {
            if (still(i) && still(i - 1) && !cut(i)) {
                sum += movement(i) * toFullHd;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Frames where the crop jumps (a cut rather than a camera move): more than 10 % of its width at once. */
    public int cuts() {
        int count = 0;
        for (int i = 1; i < truth.size(); i++) {
            if (cut(i)) {
                count++;
            }
        }
        return count;
    }

    private boolean cut(int frame) {
        return movement(frame) > 0.1 * crops.get(frame - 1).width();
    }

    private double movement(int frame) {
        Box a = crops.get(frame - 1);
        Box b = crops.get(frame);
        return Math.hypot(b.centreX() - a.centreX(), b.centreY() - a.centreY())
                + (Math.abs(b.width() - a.width()) + Math.abs(b.height() - a.height())) / 4;
    }

    /** Frames counted as still. */
    public int stillFrames() {
        int count = 0;
        for (int i = 0; i < truth.size(); i++) {
            if (still(i)) {
                count++;
            }
        }
        return count;
    }

    private boolean still(int frame) {
        Box at = truth.get(frame);
        if (at == null) {
            return false;
        }
        int k = (int) Math.round(STILL_WINDOW * fps);
        if (frame - k < 0 || frame + k >= truth.size()) {
            return false;
        }
        for (int j = frame - k; j <= frame + k; j++) {
            Box other = truth.get(j);
            if (other == null || Math.abs(bodyShift(at, other)) > STILL_TOLERANCE * at.height()) {
                return false;
            }
        }
        return true;
    }

    /** How far both sides of the box moved the same way (signed), zero when they did not move together. */
    static double bodyShift(Box from, Box to) {
        double left = to.x() - from.x();
        double right = to.right() - from.right();
        if (Math.signum(left) != Math.signum(right)) {
            return 0;
        }
        return Math.signum(left) * Math.min(Math.abs(left), Math.abs(right));
    }

    /** The camera's reaction to one real move: the frame the move started and the delay in seconds. */
    public record Reaction(int frame, double delay) {
    }

    /** Reactions to every real move. */
    public List<Reaction> reactions() {
        List<Reaction> delays = new ArrayList<>();
        int restFrames = (int) Math.round(fps);
        int window = (int) Math.round(3 * fps);
        int anchor = -1;
        for (int i = 0; i < truth.size(); i++) {
            Box now = truth.get(i);
            if (now == null) {
                anchor = -1;
                continue;
            }
            if (anchor < 0) {
                anchor = i;
                continue;
            }
            Box rest = truth.get(anchor);
            double shift = bodyShift(rest, now);
            if (Math.abs(shift) <= REST * rest.height()) {
                continue;
            }
            if (i - anchor >= restFrames && realMove(rest, i, Math.signum(shift), window)
                    && needsCamera(crops.get(i - 1), now, Math.signum(shift))) {
                double direction = Math.signum(shift);
                double startCrop = crops.get(i - 1).centreX();
                double threshold = 0.02 * crops.get(i - 1).width();
                double delay = NO_REACTION;
                for (int j = i; j < Math.min(truth.size(), i + window); j++) {
                    if ((crops.get(j).centreX() - startCrop) * direction >= threshold) {
                        delay = (j - i + 1) / fps;
                        break;
                    }
                }
                delays.add(new Reaction(i, delay));
            }
            anchor = i;
        }
        return delays;
    }

    /**
     * Whether a move obliges the camera to follow: it can still pan that way (not at the frame's edge), and the
     * presenter is not walking back toward the crop's centre from a side (then the camera rightly waits).
     */
    private boolean needsCamera(Box crop, Box presenter, double direction) {
        boolean atEdge = direction > 0 ? crop.right() >= sourceWidth - 1 : crop.x() <= 1;
        boolean towardCentre = (presenter.centreX() - crop.centreX()) * direction < -0.1 * crop.width();
        return !atEdge && !towardCentre;
    }

    private boolean realMove(Box rest, int from, double direction, int window) {
        for (int j = from; j < Math.min(truth.size(), from + window); j++) {
            Box b = truth.get(j);
            if (b != null && bodyShift(rest, b) * direction >= MOVE * rest.height()) {
                return true;
            }
        }
        return false;
    }
}
