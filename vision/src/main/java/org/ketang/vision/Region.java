package org.ketang.vision;

/**
 * A part of a camera's view as fractions of its width and height (0..1), so that a setting stays valid when the
 * camera's resolution changes. {@link #WHOLE} is the entire view.
 */
public record Region(double x, double y, double width, double height) {

    /** The entire view. */
    public static final Region WHOLE = new Region(0, 0, 1, 1);

    public Region {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > 1 + 1e-9 || y + height > 1 + 1e-9) {
            throw new IllegalArgumentException(
                    "a region is a part of the view in fractions 0..1: " + x + "," + y + " " + width + "×" + height);
        }
    }

    /** This region in pixels of a frame of the given size. */
    public Box in(FrameSize size) {
        return new Box(x * size.width(), y * size.height(), width * size.width(), height * size.height());
    }
}
