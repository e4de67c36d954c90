package org.ketang.vision.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.ketang.vision.Box;

/**
 * Where the presenter really is in every frame of a teacher-camera video: a box per frame index, or nothing
 * when the presenter is not visible. Read from the plain {@code frame x y w h} format by {@link TruthFiles}.
 */
public final class PresenterTruth {

    private final List<Box> boxes = new ArrayList<>();

    /** Records the box of the given frame ({@code null}: not visible); frames in between are not visible. */
    public void put(int frame, Box box) {
        while (boxes.size() <= frame) {
            boxes.add(null);
        }
        boxes.set(frame, box);
    }

    /** The presenter's box in the given frame, empty when they are not visible or the frame is unknown. */
    public Optional<Box> at(int frame) {
        return frame >= 0 && frame < boxes.size() ? Optional.ofNullable(boxes.get(frame)) : Optional.empty();
    }

    /** One past the last frame with an entry. */
    public int frames() {
        return boxes.size();
    }
}
