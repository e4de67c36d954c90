package org.ketang.platform.live;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The classrooms on the air now, for other modules (the patrol wall, live observation). Who may watch a channel is
 * still the live module's answer ({@code GET /api/v1/live/channels/{id}/playback}).
 */
public interface LiveClasses {

    /** Every live session on the air now, by school and classroom. */
    List<OnAir> onAirNow();

    /** The classroom's live session, while it is on the air. */
    Optional<OnAir> onAir(long classroomId);

    /**
     * A live session on the air.
     *
     * @param startedAt its first playlist (or the media server's publish): time 0 of its timeline
     */
    record OnAir(long sessionId, long classroomId, long schoolId, Instant startedAt, boolean openClass) {
    }
}
