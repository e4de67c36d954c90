package org.ketang.vision.director;

import java.util.List;

/**
 * What the program shows at one frame: the shot and its pictures, the first filling the program and any further
 * ones (picture-in-picture) drawn on top in order. Crops move from frame to frame (the virtual camera pans); the
 * shot changes only at a {@link Cut}.
 */
public record Layout(Shot shot, List<Placement> placements) {

    public Layout {
        placements = List.copyOf(placements);
        if (placements.isEmpty()) {
            throw new IllegalArgumentException("a layout shows at least one picture");
        }
    }

    /** The picture that fills the program. */
    public Placement main() {
        return placements.get(0);
    }
}
