package org.ketang.recorder.capture;

import java.awt.Color;
import java.awt.Graphics2D;
import java.util.OptionalLong;

/**
 * The wall-clock time burnt into the synthetic source's picture, machine-readable after H.264 and scaling, so
 * that latency is measured rather than guessed (a browser reads it from a canvas, tests from decoded frames).
 *
 * <p>Geometry, relative to the frame width {@code W} only (so any scaled copy decodes the same way): blocks are
 * squares of side {@code s = W / 80}. A black quiet zone covers {@code [0, 34s) × [0, 4s)} in the top-left corner.
 * Two rows of 32 blocks start at {@code (s, s)} and {@code (s, 2s)}. Each row is: white, black (start guard),
 * 28 data blocks, black, white (stop guard). White is 1, black is 0. The 56 data bits, row 0 first, left to right,
 * are the 48-bit epoch milliseconds (most significant bit first) followed by a CRC-8 (polynomial 0x07, initial 0)
 * of those 6 bytes (big-endian).
 *
 * <p>Decoding: sample the mean luma of the middle half of each block, take the midpoint between the mean of the
 * white guards and the mean of the black guards as the threshold, check the guards and the CRC.
 */
public final class TimeStrip {

    /** The frame width is divided into this many block widths. */
    public static final int WIDTH_DIVISOR = 80;
    /** Blocks per row, guards included. */
    public static final int BLOCKS_PER_ROW = 32;
    /** Rows of blocks. */
    public static final int ROWS = 2;
    /** Data bits per row. */
    public static final int BITS_PER_ROW = BLOCKS_PER_ROW - 4;
    /** Bits of the time value. */
    public static final int TIME_BITS = 48;

    private static final int MIN_CONTRAST = 48;

    /** A picture to decode from: luma (0–255) at a pixel. */
    @FunctionalInterface
    public interface Luma {
        int at(int x, int y);
    }

    private TimeStrip() {
    }

    /** The 56 bits (time, then CRC) for {@code epochMillis}. */
    public static boolean[] bits(long epochMillis) {
        if (epochMillis < 0 || epochMillis >= (1L << TIME_BITS)) {
            throw new IllegalArgumentException("Time out of the strip's 48-bit range: " + epochMillis);
        }
        byte[] bytes = timeBytes(epochMillis);
        int crc = crc8(bytes);
        boolean[] bits = new boolean[ROWS * BITS_PER_ROW];
        for (int i = 0; i < TIME_BITS; i++) {
            bits[i] = ((epochMillis >>> (TIME_BITS - 1 - i)) & 1) == 1;
        }
        for (int i = 0; i < 8; i++) {
            bits[TIME_BITS + i] = ((crc >>> (7 - i)) & 1) == 1;
        }
        return bits;
    }

    /** Draws the strip for {@code epochMillis} into the top-left corner of a frame {@code frameWidth} wide. */
    public static void draw(Graphics2D g, int frameWidth, long epochMillis) {
        if (frameWidth % WIDTH_DIVISOR != 0) {
            throw new IllegalArgumentException("Draw on frames whose width is a multiple of " + WIDTH_DIVISOR);
        }
        int s = frameWidth / WIDTH_DIVISOR;
        boolean[] bits = bits(epochMillis);
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, (BLOCKS_PER_ROW + 2) * s, (ROWS + 2) * s);
        g.setColor(Color.WHITE);
        for (int row = 0; row < ROWS; row++) {
            for (int block = 0; block < BLOCKS_PER_ROW; block++) {
                if (white(bits, row, block)) {
                    g.fillRect((1 + block) * s, (1 + row) * s, s, s);
                }
            }
        }
    }

    /** Reads the time from a picture {@code width} × {@code height}; empty when no valid strip is found. */
    public static OptionalLong decode(Luma picture, int width, int height) {
        double s = (double) width / WIDTH_DIVISOR;
        if (s < 2 || (ROWS + 2) * s > height) {
            return OptionalLong.empty();
        }
        int[][] levels = new int[ROWS][BLOCKS_PER_ROW];
        for (int row = 0; row < ROWS; row++) {
            for (int block = 0; block < BLOCKS_PER_ROW; block++) {
                levels[row][block] = mean(picture, (1 + block) * s, (1 + row) * s, s);
            }
        }
        double white = 0;
        double black = 0;
        for (int row = 0; row < ROWS; row++) {
            white += levels[row][0] + levels[row][BLOCKS_PER_ROW - 1];
            black += levels[row][1] + levels[row][BLOCKS_PER_ROW - 2];
        }
        white /= 2 * ROWS;
        black /= 2 * ROWS;
        if (white - black < MIN_CONTRAST) {
            return OptionalLong.empty();
        }
        double threshold = (white + black) / 2;
        for (int row = 0; row < ROWS; row++) {
            if (levels[row][0] < threshold || levels[row][1] >= threshold
                    || levels[row][BLOCKS_PER_ROW - 2] >= threshold || levels[row][BLOCKS_PER_ROW - 1] < threshold) {
                return OptionalLong.empty();
            }
        }
        long time = 0;
        int crc = 0;
        for (int i = 0; i < ROWS * BITS_PER_ROW; i++) {
            int bit = levels[i / BITS_PER_ROW][2 + i % BITS_PER_ROW] >= threshold ? 1 : 0;
            if (i < TIME_BITS) {
                time = (time << 1) | bit;
            } else {
                crc = (crc << 1) | bit;
            }
        }
        return crc == crc8(timeBytes(time)) ? OptionalLong.of(time) : OptionalLong.empty();
    }

    /** Reads the time from 8-bit gray pixels (row-major, {@code width} per row). */
    public static OptionalLong decodeGray(byte[] gray, int width, int height) {
        return decode((x, y) -> gray[y * width + x] & 0xFF, width, height);
    }

    private static boolean white(boolean[] bits, int row, int block) {
        if (block == 0 || block == BLOCKS_PER_ROW - 1) {
            return true;
        }
        if (block == 1 || block == BLOCKS_PER_ROW - 2) {
            return false;
        }
        return bits[row * BITS_PER_ROW + block - 2];
    }

    private static int mean(Luma picture, double x0, double y0, double s) {
        int from = (int) Math.round(x0 + s / 4);
        int to = Math.max(from + 1, (int) Math.round(x0 + 3 * s / 4));
        int top = (int) Math.round(y0 + s / 4);
        int bottom = Math.max(top + 1, (int) Math.round(y0 + 3 * s / 4));
        long sum = 0;
        int n = 0;
        for (int y = top; y < bottom; y++) {
            for (int x = from; x < to; x++) {
                sum += picture.at(x, y);
                n++;
            }
        }
        return (int) (sum / n);
    }

    private static byte[] timeBytes(long epochMillis) {
        byte[] bytes = new byte[6];
        for (int i = 0; i < 6; i++) {
            bytes[i] = (byte) (epochMillis >>> (8 * (5 - i)));
        }
        return bytes;
    }

    static int crc8(byte[] bytes) {
        int crc = 0;
        for (byte b : bytes) {
            crc ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc;
    }
}
