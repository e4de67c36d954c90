package org.ketang.platform.live;

import java.time.Instant;
import java.util.Optional;

/**
 * Live channels played on classroom screens. The signage module decides which channels a display may play (only
 * what is scheduled or pushed to it) and asks here for a playback link signed for the display's own account; the
 * link is short-lived, so a display asks again before it expires.
 */
public interface LiveOnScreens {

    /** A link to the channel of {@code classroomId} while it is live, signed for {@code deviceAccountId}; else empty. */
    Optional<Link> screening(long classroomId, long deviceAccountId);

    record Link(String url, Instant expiresAt) {
    }
}
