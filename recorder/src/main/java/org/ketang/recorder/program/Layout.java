package org.ketang.recorder.program;

import java.util.List;
import java.util.Map;

/**
 * What the program shows at one moment: a main source full screen, picture-in-picture windows on top, and
 * optional crops of sources (a virtual pan/zoom). Sources are named by role ({@code teacher}, {@code student},
 * {@code courseware}); rectangles are fractions (0–1) of the program frame (PiP) or of the source frame (crop).
 * The program places a PiP window at {@link Pip#area()}'s position with the program's configured PiP size.
 *
 * @param main  the source shown full screen
 * @param pips  windows on top, first drawn first
 * @param crops per source, the part of its frame to show (absent: all of it)
 */
public record Layout(String main, List<Pip> pips, Map<String, Rect> crops) {

    public Layout {
        pips = List.copyOf(pips);
        crops = Map.copyOf(crops);
    }

    /** A rectangle in fractions of a frame. */
    public record Rect(double x, double y, double width, double height) {

        public Rect {
            if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > 1.0001 || y + height > 1.0001) {
                throw new IllegalArgumentException("A rectangle must lie within the frame: " + x + "," + y + " "
                        + width + "×" + height);
            }
        }
    }

    /** A picture-in-picture window. */
    public record Pip(String source, Rect area) {
    }

    /** {@code source} full screen, nothing else. */
    public static Layout full(String source) {
        return new Layout(source, List.of(), Map.of());
    }
}
