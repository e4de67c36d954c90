package org.ketang.platform.live;

import java.time.Instant;

/**
 * A live session was linked to the library lesson made from its recording (or re-linked to a better one). Time
 * {@code t} after {@code sessionStartedAt} is {@code t + (sessionStartedAt - lessonStartedAt)} into the lesson's video.
 */
public record LiveRecorded(long sessionId, long classroomId, long lessonId, Instant sessionStartedAt,
        Instant lessonStartedAt) {
}
