package org.ketang.platform.library;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A finished classroom recording that becomes a lesson. The same recorder, classroom and start instant
 * always give the same lesson.
 *
 * @param recorderId  the recorder device's id
 * @param classroomId the classroom it recorded in
 * @param startedAt   when the recording started (classified with the timetable at this instant)
 * @param endedAt     when it ended, if known: a recording started a little before the bell (nothing on the timetable
 *                    yet) is classified with the lesson going on halfway through it
 */
public record RecordingFacts(long recorderId, long classroomId, Instant startedAt, @Nullable Instant endedAt) {

    /** A recording whose end is not known. */
    public RecordingFacts(long recorderId, long classroomId, Instant startedAt) {
        this(recorderId, classroomId, startedAt, null);
    }

    /** The instants at which the timetable is asked what the recording shows, in order of preference. */
    public List<Instant> classifyAt() {
        if (endedAt == null || !endedAt.isAfter(startedAt)) {
            return List.of(startedAt);
        }
        return List.of(startedAt, startedAt.plus(Duration.between(startedAt, endedAt).dividedBy(2)));
    }
}
