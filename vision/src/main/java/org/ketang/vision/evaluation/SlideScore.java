package org.ketang.vision.evaluation;

import java.util.List;

/**
 * Scores recognised slide changes against the true ones: a detection matches a true change when it comes within two
 * seconds after it; each true change matches at most one detection. <b>Precision</b>: matched / detections;
 * <b>recall</b>: matched / true changes.
 */
public final class SlideScore {

    private final int truths;
    private final int detections;
    private int matched;
    private double delaySum;

    /** @param truth and detections: times in seconds */
    public SlideScore(List<Double> truth, List<Double> detections) {
        this.truths = truth.size();
        this.detections = detections.size();
        boolean[] used = new boolean[truth.size()];
        for (double d : detections) {
            for (int i = 0; i < truth.size(); i++) {
                double t = truth.get(i);
                if (!used[i] && d >= t - 0.1 && d <= t + 2) {
                    used[i] = true;
                    matched++;
                    delaySum += d - t;
                    break;
                }
            }
        }
    }

    public int truths() {
        return truths;
    }

    public int detections() {
        return detections;
    }

    public int matched() {
        return matched;
    }

    public double precision() {
        if (detections == 0) {
            return truths == 0 ? 1 : Double.NaN;
        }
        return (double) matched / detections;
    }

    public double recall() {
        return truths == 0 ? Double.NaN : (double) matched / truths;
    }

    /** Mean seconds from a change to its recognition, over matched changes. */
    public double delay() {
        return matched == 0 ? Double.NaN : delaySum / matched;
    }
}
