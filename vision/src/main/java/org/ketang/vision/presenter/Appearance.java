package org.ketang.vision.presenter;

import java.util.Arrays;

/**
 * The presenter's colours, to tell them apart from someone who walks past or stands next to them. Two histograms
 * over hue, saturation and value: one of the foreground inside the presenter's box, one of the foreground around it
 * (other people, a changed slide). A pixel's weight is how much more likely its colour is on the presenter than
 * around them; the tracker's mean shift follows these weights instead of plain foreground. Learned slowly, and only
 * while nobody else is close, so that a passer-by does not become part of the model.
 */
final class Appearance {

    private static final int HUES = 12;
    private static final int SATURATIONS = 4;
    private static final int VALUES = 4;
    private static final int BINS = HUES * SATURATIONS * VALUES;

    private final float[] presenter = new float[BINS];
    private final float[] around = new float[BINS];
    private final float[] countsIn = new float[BINS];
    private final float[] countsOut = new float[BINS];
    private boolean trained;

    /** Histogram bin of an HSV pixel (OpenCV's 8-bit HSV: hue 0..179). */
    static int bin(int h, int s, int v) {
        int hb = Math.min(HUES - 1, h * HUES / 180);
        int sb = Math.min(SATURATIONS - 1, s * SATURATIONS / 256);
        int vb = Math.min(VALUES - 1, v * VALUES / 256);
        return (hb * SATURATIONS + sb) * VALUES + vb;
    }

    boolean trained() {
        return trained;
    }

    /**
     * Learns from one frame: foreground pixels inside {@code box} are the presenter, foreground pixels in the rest of
     * {@code area} are around them. The surroundings are learned quickly (someone approaching is known before they
     * overlap the presenter), the presenter slowly and only when {@code presenterRate} is above zero. Boxes are
     * {x0, y0, x1, y1} in pixels of an image {@code width} wide.
     */
    void learn(byte[] hsv, byte[] foreground, int width, int[] box, int[] area, float presenterRate,
            float aroundRate) {
        Arrays.fill(countsIn, 0);
        Arrays.fill(countsOut, 0);
        int in = 0;
        int out = 0;
        for (int y = area[1]; y < area[3]; y++) {
            for (int x = area[0]; x < area[2]; x++) {
                int i = y * width + x;
                if (foreground[i] == 0) {
                    continue;
                }
                int b = bin(hsv[3 * i] & 0xff, hsv[3 * i + 1] & 0xff, hsv[3 * i + 2] & 0xff);
                if (x >= box[0] && x < box[2] && y >= box[1] && y < box[3]) {
                    countsIn[b]++;
                    in++;
                } else {
                    countsOut[b]++;
                    out++;
                }
            }
        }
        if (presenterRate > 0 && in >= 50) {
            float r = trained ? presenterRate : 1;
            for (int b = 0; b < BINS; b++) {
                presenter[b] += r * (countsIn[b] / in - presenter[b]);
            }
            trained = true;
        }
        for (int b = 0; b < BINS; b++) {
            around[b] += aroundRate * ((out > 0 ? countsOut[b] / out : 0) - around[b]);
        }
    }

    /**
     * Writes, for every foreground pixel of {@code area}, a weight 0..255: high where the colour belongs to the
     * presenter rather than to their surroundings; zero elsewhere in the area.
     */
    void weigh(byte[] hsv, byte[] foreground, int width, int[] area, byte[] weights) {
        for (int y = area[1]; y < area[3]; y++) {
            for (int x = area[0]; x < area[2]; x++) {
                int i = y * width + x;
                if (foreground[i] == 0) {
                    weights[i] = 0;
                    continue;
                }
                int b = bin(hsv[3 * i] & 0xff, hsv[3 * i + 1] & 0xff, hsv[3 * i + 2] & 0xff);
                float p = presenter[b];
                float q = around[b];
                // a colour never seen anywhere keeps a middle weight: new clothing in view, a turn to the board
                float w = p + q < 1e-4f ? 0.5f : p / (p + q);
                weights[i] = (byte) Math.round(40 + 215 * w);
            }
        }
    }
}
