package org.ketang.platform.signage.internal;

import java.time.Instant;
import java.util.List;

/**
 * One stretch of a screen's timeline: what plays from {@code start} to {@code end} and why.
 *
 * @param source  {@code schedule} or {@code push}
 * @param anchor  where the playlist's first item started (the schedule's window or the push's start), so that a
 *                playlist resumes at the right item after an interruption and every screen plays in step
 */
public record Slot(Instant start, Instant end, Level level, String source, long sourceId, int priority,
        List<Long> contentIds, Instant anchor) {

    public Slot {
        contentIds = List.copyOf(contentIds);
    }

    boolean sameClaim(Slot other) {
        return source.equals(other.source) && sourceId == other.sourceId;
    }
}
