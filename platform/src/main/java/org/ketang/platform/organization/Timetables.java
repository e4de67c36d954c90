package org.ketang.platform.organization;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Answers questions about timetables for other modules (recording, patrol, signage). */
public interface Timetables {

    /**
     * What lesson is going on in a classroom at an instant: the class, subject, teacher and period, or
     * empty outside any term, on days off, between periods and when the timetable has nothing there.
     * Timetable entries without a classroom take place in their class's home classroom.
     */
    Optional<Happening> whatIsHappening(long classroomId, Instant at);

    /**
     * The periods of {@code date} in which the timetable puts a lesson in a classroom (its home class's lessons
     * included), in order; empty outside any term and on days without periods. Signage keeps ordinary items out
     * of these.
     */
    List<Period> lessonPeriods(long classroomId, LocalDate date);

    /**
     * Every lesson held in a classroom on the days {@code from} to {@code to} (both included), in time order: for
     * each period of those days the same answer {@link #whatIsHappening} gives during it (so the recording schedule
     * and the classification of a recording agree). Empty for an unknown classroom or when {@code to} is before
     * {@code from}. {@link Happening#start} and {@link Happening#end} give the instants.
     */
    List<Happening> lessonsIn(long classroomId, LocalDate from, LocalDate to);

    /**
     * Whether {@code date} is a school day of the school: inside one of its terms and on a weekday its bell schedule
     * has periods on (device power plans run on these days only).
     */
    boolean schoolDay(long schoolId, LocalDate date);
}
