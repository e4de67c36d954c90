package org.ketang.vision.motion;

import org.ketang.vision.Box;

/**
 * A connected region of foreground at analysis resolution.
 *
 * @param box          bounding box, analysis pixels
 * @param area         foreground pixels
 * @param movingPixels pixels of the blob that moved within the last {@link MotionAnalysis#LIVE_SECONDS}
 * @param live         whether enough of it moved recently to be something alive rather than a changed background
 */
public record Blob(Box box, int area, int movingPixels, boolean live) {
}
