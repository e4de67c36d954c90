package org.ketang.vision.evaluation;

import java.util.List;

/**
 * The ground truth of one video, as read from a truth file ({@link TruthFile}): the presenter's box per frame,
 * stand-ups, slide changes (seconds). A file usually holds one kind; the others are then empty.
 */
public record Truth(PresenterTruth presenter, List<StandUpTruth> standUps, List<Double> slideChanges) {

    public Truth {
        standUps = List.copyOf(standUps);
        slideChanges = List.copyOf(slideChanges);
    }
}
