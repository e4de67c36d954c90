package org.ketang.vision.students;

import java.util.List;

/**
 * What the stand-up detector knows at one frame.
 *
 * @param standing the students standing now, longest standing first
 * @param events   what happened at this frame (usually nothing)
 */
public record StudentObservation(double seconds, List<StandingStudent> standing, List<StandUpEvent> events) {

    public StudentObservation {
        standing = List.copyOf(standing);
        events = List.copyOf(events);
    }

    /** Nobody standing, nothing happening. */
    public static StudentObservation quiet(double seconds) {
        return new StudentObservation(seconds, List.of(), List.of());
    }
}
