package org.ketang.platform.organization;

import java.time.Instant;
import java.util.Optional;

/** Answers questions about timetables for other modules (recording, patrol, signage). */
public interface Timetables {

    /**
     * What lesson is going on in a classroom at an instant: the class, subject, teacher and period, or
     * empty outside any term, on days off, between periods and when the timetable has nothing there.
     * Timetable entries without a classroom take place in their class's home classroom.
     */
    Optional<Happening> whatIsHappening(long classroomId, Instant at);
}
