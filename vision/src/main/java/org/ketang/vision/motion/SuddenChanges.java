package org.ketang.vision.motion;

import java.util.Arrays;

import org.ketang.vision.FrameSize;

/**
 * Finds areas that change all at once and then stay still — a new slide on the projector screen, a monitor, the
 * lights over one part of the room — so that they are learned into the background at once instead of becoming a
 * blob that attracts the tracker. The view is split into square cells; a cell where most pixels turned foreground in
 * one frame is suspect (and so is a neighbour that partly turned in the same frame: the rim of the area), and a
 * suspect cell that shows no motion for a few frames is absorbed. A person never turns a
 * whole cell into foreground in one frame (that would take several metres per second), and a person keeps moving.
 */
final class SuddenChanges {

    private static final double SUDDEN = 0.5;
    private static final double EDGE = 0.05;
    private static final double QUIET = 0.05;
    private static final double BUSY = 0.15;
    private static final int QUIET_FRAMES = 5;

    private final int width;
    private final int cell;
    private final int columns;
    private final int[] cellOfPixel;
    private final int[] area;
    private final int[] turned;
    private final int[] moved;
    private final boolean[] suspect;
    private final boolean[] absorb;
    private final int[] quietFrames;

    SuddenChanges(FrameSize size) {
        this.width = size.width();
        this.cell = Math.max(8, size.width() / 40);
        this.columns = (size.width() + cell - 1) / cell;
        int rows = (size.height() + cell - 1) / cell;
        int cells = columns * rows;
        this.cellOfPixel = new int[size.width() * size.height()];
        this.area = new int[cells];
        for (int i = 0; i < cellOfPixel.length; i++) {
            int y = i / width;
            int x = i - y * width;
            cellOfPixel[i] = (y / cell) * columns + x / cell;
            area[cellOfPixel[i]]++;
        }
        this.turned = new int[cells];
        this.moved = new int[cells];
        this.suspect = new boolean[cells];
        this.absorb = new boolean[cells];
        this.quietFrames = new int[cells];
    }

    int cellOf(int pixel) {
        return cellOfPixel[pixel];
    }

    /** Starts counting a new frame. */
    void startFrame() {
        Arrays.fill(turned, 0);
        Arrays.fill(moved, 0);
    }

    /** Counts one pixel of the frame: whether it turned foreground since the last frame, whether it moved. */
    void count(int pixel, boolean turnedForeground, boolean moving) {
        int c = cellOfPixel[pixel];
        if (turnedForeground) {
            turned[c]++;
        }
        if (moving) {
            moved[c]++;
        }
    }

    /** Decides, after the frame is counted, which cells are suspect and which are to be absorbed now. */
    void decide() {
        int rows = area.length / columns;
        for (int c = 0; c < area.length; c++) {
            absorb[c] = false;
            boolean sudden = turned[c] >= SUDDEN * area[c];
            if (!sudden && turned[c] >= EDGE * area[c]) {
                // the rim of a sudden area only partly covers its cells
                int cx = c % columns;
                int cy = c / columns;
                for (int dy = -1; dy <= 1 && !sudden; dy++) {
                    for (int dx = -1; dx <= 1 && !sudden; dx++) {
                        int x = cx + dx;
                        int y = cy + dy;
                        if (x >= 0 && x < columns && y >= 0 && y < rows) {
                            int n = y * columns + x;
                            sudden = turned[n] >= SUDDEN * area[n];
                        }
                    }
                }
            }
            if (sudden) {
                suspect[c] = true;
                quietFrames[c] = 0;
            } else if (suspect[c]) {
                if (moved[c] <= QUIET * area[c]) {
                    if (++quietFrames[c] >= QUIET_FRAMES) {
                        absorb[c] = true;
                        suspect[c] = false;
                    }
                } else if (moved[c] > BUSY * area[c]) {
                    suspect[c] = false;
                }
            }
        }
    }

    /** Whether the pixel lies in a cell that changed suddenly and may be absorbed soon. */
    boolean suspect(int pixel) {
        return suspect[cellOfPixel[pixel]];
    }

    /** Whether the pixel lies in a cell to be learned into the background in this frame. */
    boolean absorb(int pixel) {
        return absorb[cellOfPixel[pixel]];
    }

    /** Forgets everything (after a global change). */
    void clear() {
        Arrays.fill(suspect, false);
        Arrays.fill(absorb, false);
    }
}
