package org.ketang.vision.scenes;

import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.ellipse;
import static org.bytedeco.opencv.global.opencv_imgproc.fillPoly;
import static org.bytedeco.opencv.global.opencv_imgproc.line;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Draws antialiased shapes with sub-pixel positions onto a picture and, when a mask is given, the same shapes in
 * white onto the mask: the mask of a person is their exact ground truth. {@link #hiding} draws an occluder, which
 * clears the mask where it covers the person.
 */
final class Canvas {

    private static final int SHIFT = 4;
    private static final double ONE = 1 << SHIFT;
    private static final Scalar WHITE = new Scalar(255, 255, 255, 0);
    private static final Scalar BLACK = new Scalar(0, 0, 0, 0);

    private final Mat picture;
    private final Mat mask;
    private final Scalar maskColour;

    private Canvas(Mat picture, Mat mask, Scalar maskColour) {
        this.picture = picture;
        this.mask = mask;
        this.maskColour = maskColour;
    }

    static Canvas on(Mat picture) {
        return new Canvas(picture, null, null);
    }

    /** Draws onto the picture and marks the shapes in {@code mask}. */
    static Canvas marking(Mat picture, Mat mask) {
        return new Canvas(picture, mask, WHITE);
    }

    /** Draws onto the picture and clears the shapes from {@code mask} (something in front of the person). */
    static Canvas hiding(Mat picture, Mat mask) {
        return new Canvas(picture, mask, BLACK);
    }

    /** A thick line with round ends: a limb, a chalk stroke, an edge. */
    void stroke(double x1, double y1, double x2, double y2, double thickness, Colour colour) {
        int t = Math.max(1, (int) Math.round(thickness));
        try (Point a = point(x1, y1); Point b = point(x2, y2); Scalar c = colour.scalar()) {
            line(picture, a, b, c, t, LINE_AA, SHIFT);
            if (mask != null) {
                line(mask, a, b, maskColour, t, LINE_AA, SHIFT);
            }
        }
    }

    /** A filled ellipse centred on (cx, cy) with half-axes rx, ry, rotated by {@code degrees}. */
    void ellipseFilled(double cx, double cy, double rx, double ry, double degrees, Colour colour) {
        try (Point c = point(cx, cy); Size axes = new Size((int) Math.round(rx * ONE), (int) Math.round(ry * ONE));
                Scalar s = colour.scalar()) {
            ellipse(picture, c, axes, degrees, 0, 360, s, -1, LINE_AA, SHIFT);
            if (mask != null) {
                ellipse(mask, c, axes, degrees, 0, 360, maskColour, -1, LINE_AA, SHIFT);
            }
        }
    }

    /** A part of an ellipse (angles in degrees, clockwise from the x axis), filled. */
    void ellipseSector(double cx, double cy, double rx, double ry, double from, double to, Colour colour) {
        try (Point c = point(cx, cy); Size axes = new Size((int) Math.round(rx * ONE), (int) Math.round(ry * ONE));
                Scalar s = colour.scalar()) {
            ellipse(picture, c, axes, 0, from, to, s, -1, LINE_AA, SHIFT);
            if (mask != null) {
                ellipse(mask, c, axes, 0, from, to, maskColour, -1, LINE_AA, SHIFT);
            }
        }
    }

    /** A filled polygon given as x0, y0, x1, y1, ... */
    void polygon(Colour colour, double... xy) {
        int n = xy.length / 2;
        try (Point points = new Point(n); Scalar s = colour.scalar()) {
            for (int i = 0; i < n; i++) {
                points.position(i).x((int) Math.round(xy[2 * i] * ONE)).y((int) Math.round(xy[2 * i + 1] * ONE));
            }
            points.position(0);
            int[] count = {n};
            try (Point offset = new Point()) {
                fillPoly(picture, points, count, 1, s, LINE_AA, SHIFT, offset);
                if (mask != null) {
                    fillPoly(mask, points, count, 1, maskColour, LINE_AA, SHIFT, offset);
                }
            }
        }
    }

    /** An axis-aligned filled rectangle. */
    void rectangle(double x, double y, double width, double height, Colour colour) {
        polygon(colour, x, y, x + width, y, x + width, y + height, x, y + height);
    }

    private static Point point(double x, double y) {
        return new Point((int) Math.round(x * ONE), (int) Math.round(y * ONE));
    }
}
