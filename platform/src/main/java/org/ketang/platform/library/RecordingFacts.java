package org.ketang.platform.library;

import java.time.Instant;

/**
 * A finished classroom recording that becomes a lesson. The same recorder, classroom and start instant
 * always give the same lesson.
 *
 * @param recorderId  the recorder device's id
 * @param classroomId the classroom it recorded in
 * @param startedAt   when the recording started (classified with the timetable at this instant)
 */
public record RecordingFacts(long recorderId, long classroomId, Instant startedAt) {
}
