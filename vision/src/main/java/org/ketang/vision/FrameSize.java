package org.ketang.vision;

/** Width and height of a source's frames in pixels. */
public record FrameSize(int width, int height) {

    public FrameSize {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive: " + width + "×" + height);
        }
    }

    /** The size scaled to the given width, keeping the aspect ratio (height rounded to an even number). */
    public FrameSize scaledToWidth(int newWidth) {
        int h = Math.max(2, (int) Math.round(height * (double) newWidth / width / 2) * 2);
        return new FrameSize(newWidth, h);
    }

    public double aspect() {
        return (double) width / height;
    }
}
