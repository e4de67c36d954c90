package org.ketang.platform.live;

import java.time.Instant;

/**
 * A classroom went live: the first playlist of a session arrived (or a media server let its recorder publish).
 *
 * @param openClass whether it is an open class (公开课), seen by everyone signed in
 */
public record LiveStarted(long sessionId, long classroomId, long schoolId, long deviceId, Instant startedAt,
        boolean openClass) {
}
