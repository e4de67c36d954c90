package org.ketang.vision.evaluation;

import java.util.List;

import org.ketang.vision.Box;

/**
 * Scores stand-up detections against the truth. A detection matches a true stand-up when it comes between half a
 * second before the student starts to rise and three seconds after, and its box overlaps the student's standing box
 * (or its centre lies in it); each true stand-up matches at most one detection. <b>Precision</b>: matched detections
 * / detections; <b>recall</b>: matched stand-ups / true stand-ups; <b>delay</b>: mean time from the start of the
 * rise to the detection.
 */
public final class StandUpScore {

    /** A detected stand-up: when, and where in the student camera. */
    public record Detection(double seconds, Box box) {
    }

    private final List<StandUpTruth> truth;
    private final List<Detection> detections;
    private int matched;
    private double delaySum;

    public StandUpScore(List<StandUpTruth> truth, List<Detection> detections) {
        this.truth = List.copyOf(truth);
        this.detections = List.copyOf(detections);
        match();
    }

    private void match() {
        boolean[] used = new boolean[truth.size()];
        for (Detection d : detections) {
            for (int i = 0; i < truth.size(); i++) {
                StandUpTruth t = truth.get(i);
                boolean inTime = d.seconds() >= t.upAt() - 0.5 && d.seconds() <= t.upAt() + 3;
                Box c = Box.centred(d.box().centreX(), d.box().centreY(), 0, 0);
                boolean inPlace = d.box().iou(t.standing()) > 0.1 || t.standing().contains(c, 0);
                if (!used[i] && inTime && inPlace) {
                    used[i] = true;
                    matched++;
                    delaySum += d.seconds() - t.upAt();
                    break;
                }
            }
        }
    }

    public int truths() {
        return truth.size();
    }

    public int detections() {
        return detections.size();
    }

    /** Matched detections / detections (1 when nothing was detected and nothing happened, NaN with no detection). */
    public double precision() {
        if (detections.isEmpty()) {
            return truth.isEmpty() ? 1 : Double.NaN;
        }
        return (double) matched / detections.size();
    }

    /** Matched stand-ups / true stand-ups (NaN without any). */
    public double recall() {
        return truth.isEmpty() ? Double.NaN : (double) matched / truth.size();
    }

    /** Mean seconds from the start of a rise to its detection, over matched stand-ups. */
    public double delay() {
        return matched == 0 ? Double.NaN : delaySum / matched;
    }

    /** Matched count. */
    public int matched() {
        return matched;
    }

}
