package org.ketang.platform.signage;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a display finds the live stream of a classroom (a "live channel" item). Signage implements it with the live
 * module's {@link org.ketang.platform.live.LiveOnScreens}; live items whose channel is not live are skipped and
 * reported like missing media.
 */
public interface LiveChannels {

    /** An HLS link to {@code classroomId}'s live stream that the display's account may play, while it is live. */
    Optional<Link> hls(long classroomId, long deviceAccountId);

    /** A signed link and when it stops working (the display asks for a fresh one before). */
    record Link(String url, Instant expiresAt) {
    }
}
