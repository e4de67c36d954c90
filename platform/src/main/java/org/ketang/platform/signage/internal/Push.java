package org.ketang.platform.signage.internal;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Content an admin sends now: it interrupts whatever plays on the targeted screens from {@code startsAt} until
 * {@code endsAt} (open-ended when null) or until cancelled.
 *
 * @param level {@link Level#EMERGENCY} or {@link Level#FORCED}; both play during lessons
 */
public record Push(long id, @Nullable Long schoolId, Level level, List<Long> contentIds, Targets targets,
        Instant startsAt, @Nullable Instant endsAt, @Nullable Instant cancelledAt) {

    public Push {
        if (!level.playsDuringLessons()) {
            throw new IllegalArgumentException("a push is an emergency or forced");
        }
        contentIds = List.copyOf(contentIds);
    }

    /** When it stops: cancelled, ended, or never (null). */
    public @Nullable Instant stopsAt() {
        if (cancelledAt != null && (endsAt == null || cancelledAt.isBefore(endsAt))) {
            return cancelledAt;
        }
        return endsAt;
    }

    public boolean activeAt(Instant at) {
        Instant stop = stopsAt();
        return !at.isBefore(startsAt) && (stop == null || at.isBefore(stop));
    }
}
