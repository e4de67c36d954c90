package org.ketang.recorder.program;

import java.util.Map;

/**
 * Frames a {@link Director} wants to look at: the encoder sends every frame of each listed source, scaled to
 * {@code width}×{@code height} (BGR24, no header: one frame is {@code width * height * 3} bytes), to a TCP port on
 * the loopback interface where the director listens and reads them at once. The frames are the ones the program is
 * made of (after the source is brought to the program's frame rate), so frame {@code n} of a tap is frame {@code n}
 * of that source in the program.
 *
 * @param width  frame width
 * @param height frame height
 * @param ports  the loopback port per source role
 */
public record FrameTap(int width, int height, Map<String, Integer> ports) {

    /** No frames wanted. */
    public static final FrameTap NONE = new FrameTap(0, 0, Map.of());

    public FrameTap {
        ports = Map.copyOf(ports);
    }

    /** The size of one frame in bytes. */
    public int frameBytes() {
        return width * height * 3;
    }
}
