package org.ketang.vision.evaluation;

import org.bytedeco.opencv.opencv_core.Mat;
import org.ketang.vision.FrameSize;

/** Frames to evaluate, in order: a generated scene, a decoded video or a folder of numbered pictures. */
public interface FrameSource extends AutoCloseable {

    /** The size of every frame. */
    FrameSize size();

    /** Frames per second (timestamps are frame index / fps). */
    double fps();

    /**
     * Reads the next frame, BGR 8-bit, into {@code frame} (reallocated if needed).
     *
     * @return false at the end
     */
    boolean read(Mat frame) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
