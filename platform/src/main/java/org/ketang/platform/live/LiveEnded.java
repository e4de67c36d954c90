package org.ketang.platform.live;

import java.time.Instant;

/**
 * A live session ended: no playlist came for the stale timeout (or the media server said the publisher left).
 *
 * @param endedAt when the last playlist arrived
 */
public record LiveEnded(long sessionId, long classroomId, long schoolId, long deviceId, Instant startedAt,
        Instant endedAt, boolean openClass) {
}
