package org.ketang.vision;

/**
 * An axis-aligned rectangle in pixels of one source (x, y is the top-left corner), fractional so that smooth
 * camera moves do not lose sub-pixel precision. Round with {@link #evenPixels()} when handing it to an encoder.
 */
public record Box(double x, double y, double width, double height) {

    public Box {
        if (!(width >= 0) || !(height >= 0)) {
            throw new IllegalArgumentException("width and height must be ≥ 0: " + width + "×" + height);
        }
    }

    /** A box of the given size centred on (cx, cy). */
    public static Box centred(double cx, double cy, double width, double height) {
        return new Box(cx - width / 2, cy - height / 2, width, height);
    }

    /** The whole frame of the given size. */
    public static Box of(FrameSize size) {
        return new Box(0, 0, size.width(), size.height());
    }

    public double right() {
        return x + width;
    }

    public double bottom() {
        return y + height;
    }

    public double centreX() {
        return x + width / 2;
    }

    public double centreY() {
        return y + height / 2;
    }

    public double area() {
        return width * height;
    }

    /** Whether {@code other} lies completely inside this box, allowing {@code tolerance} pixels on each side. */
    public boolean contains(Box other, double tolerance) {
        return other.x >= x - tolerance && other.y >= y - tolerance && other.right() <= right() + tolerance
                && other.bottom() <= bottom() + tolerance;
    }

    /** The overlap of both boxes, or an empty box at this box's corner when they do not overlap. */
    public Box intersection(Box other) {
        double left = Math.max(x, other.x);
        double top = Math.max(y, other.y);
        double r = Math.min(right(), other.right());
        double b = Math.min(bottom(), other.bottom());
        if (r <= left || b <= top) {
            return new Box(x, y, 0, 0);
        }
        return new Box(left, top, r - left, b - top);
    }

    /** Intersection over union, 0 for disjoint boxes. */
    public double iou(Box other) {
        double overlap = intersection(other).area();
        double union = area() + other.area() - overlap;
        return union <= 0 ? 0 : overlap / union;
    }

    /** The smallest box holding both. */
    public Box union(Box other) {
        double left = Math.min(x, other.x);
        double top = Math.min(y, other.y);
        return new Box(left, top, Math.max(right(), other.right()) - left, Math.max(bottom(), other.bottom()) - top);
    }

    /** This box grown by the given amounts on each side (negative amounts shrink it, never below zero size). */
    public Box expanded(double horizontal, double vertical) {
        double w = Math.max(0, width + 2 * horizontal);
        double h = Math.max(0, height + 2 * vertical);
        return centred(centreX(), centreY(), w, h);
    }

    /** This box with every coordinate multiplied by {@code factor} (a change of resolution). */
    public Box scaled(double factor) {
        return new Box(x * factor, y * factor, width * factor, height * factor);
    }

    /** This box scaled separately along both axes (a change of resolution with a different aspect). */
    public Box scaled(double fx, double fy) {
        return new Box(x * fx, y * fy, width * fx, height * fy);
    }

    /** This box moved (not resized) as little as possible to lie inside {@code frame}; shrunk if it is larger. */
    public Box shiftedInside(Box frame) {
        double w = Math.min(width, frame.width);
        double h = Math.min(height, frame.height);
        double nx = Math.max(frame.x, Math.min(x, frame.right() - w));
        double ny = Math.max(frame.y, Math.min(y, frame.bottom() - h));
        return new Box(nx, ny, w, h);
    }

    /** Distance between the centres. */
    public double centreDistance(Box other) {
        return Math.hypot(centreX() - other.centreX(), centreY() - other.centreY());
    }

    /**
     * Whole pixels with even position and size, which is what a crop of 4:2:0 video needs (ffmpeg's {@code crop}
     * filter): {@code [x, y, width, height]}.
     */
    public int[] evenPixels() {
        int w = Math.max(2, (int) Math.round(width / 2) * 2);
        int h = Math.max(2, (int) Math.round(height / 2) * 2);
        int left = (int) Math.round(x / 2) * 2;
        int top = (int) Math.round(y / 2) * 2;
        return new int[] {left, top, w, h};
    }
}
