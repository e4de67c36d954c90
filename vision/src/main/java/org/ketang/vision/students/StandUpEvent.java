package org.ketang.vision.students;

import org.ketang.vision.Box;

/**
 * A student stood up or sat down.
 *
 * @param seconds when it was recognised (a stand-up is recognised when the student has come up, about a second
 *                after they started to rise)
 * @param student which standing student (ids are unique within one detector)
 * @param box     where the student stands, source pixels of the student camera
 */
public record StandUpEvent(Kind kind, double seconds, int student, Box box) {

    /** Up or down. */
    public enum Kind {
        STOOD_UP, SAT_DOWN
    }
}
