package org.ketang.platform.library;

import java.time.Instant;
import java.util.Optional;

/**
 * Lessons made from classroom recordings, for the live module: which lesson a live class became, and making it an
 * open class (公开课). {@link LessonRecorded} tells when a new one is made.
 */
public interface RecordedLessons {

    /**
     * The lesson recorded in {@code classroomId} whose recording started last within {@code [from, to]}; deleted
     * lessons do not count.
     */
    Optional<Recorded> latestIn(long classroomId, Instant from, Instant to);

    /**
     * Opens a lesson to everyone signed in ({@link Visibility#PUBLIC}: an open class), or with {@code open} false
     * returns a PUBLIC lesson to the library's default visibility (a narrower choice someone made stays).
     */
    void markOpenClass(long lessonId, boolean open);

    /** A lesson made from a recording in a classroom. */
    record Recorded(long lessonId, long classroomId, Instant startedAt) {
    }
}
