package org.ketang.vision.students;

import org.ketang.vision.Box;
import org.ketang.vision.FrameSize;

/**
 * A student who is standing now.
 *
 * @param id    unique within one detector
 * @param box   the standing student's upper body, source pixels of the student camera
 * @param since when they stood up
 */
public record StandingStudent(int id, Box box, double since) {

    /**
     * A 16:9 close-up of the student for the program: head and shoulders with room around, inside the frame,
     * never smaller than a sixth of the frame's height.
     */
    public Box closeUp(FrameSize source) {
        double h = Math.max(source.height() / 6.0, Math.max(box.height() * 1.6, box.width() * 2.2 * 9 / 16));
        h = Math.min(h, Math.min(source.height(), source.width() * 9.0 / 16));
        double w = h * 16 / 9;
        double cy = box.y() + 0.45 * h - 0.05 * box.height();
        return Box.centred(box.centreX(), cy, w, h).shiftedInside(Box.of(source));
    }
}
