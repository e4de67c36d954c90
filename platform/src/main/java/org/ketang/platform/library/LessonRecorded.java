package org.ketang.platform.library;

import java.time.Instant;

/**
 * A lesson was made from a classroom recording (published once, when the lesson is first stored). The live module
 * links the live class of that classroom and time to it.
 */
public record LessonRecorded(long lessonId, long classroomId, Instant startedAt) {
}
