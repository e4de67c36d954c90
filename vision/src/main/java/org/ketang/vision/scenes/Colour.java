package org.ketang.vision.scenes;

import java.util.SplittableRandom;

import org.bytedeco.opencv.opencv_core.Scalar;

/** A BGR colour of the synthetic scenes. */
record Colour(int b, int g, int r) {

    static Colour rgb(int r, int g, int b) {
        return new Colour(b, g, r);
    }

    Scalar scalar() {
        return new Scalar(b, g, r, 0);
    }

    /** The colour multiplied by {@code factor} (below 1 darker, above 1 brighter), clamped. */
    Colour times(double factor) {
        return new Colour(clamp(b * factor), clamp(g * factor), clamp(r * factor));
    }

    /** This colour with every channel shifted by up to ±{@code spread} at random. */
    Colour varied(SplittableRandom random, int spread) {
        return new Colour(clamp(b + random.nextInt(-spread, spread + 1)), clamp(g + random.nextInt(-spread, spread + 1)),
                clamp(r + random.nextInt(-spread, spread + 1)));
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
