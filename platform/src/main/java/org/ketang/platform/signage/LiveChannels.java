package org.ketang.platform.signage;

import java.util.Optional;

/**
 * Where a display finds the live stream of a classroom (a "live channel" item). Implemented by the live module;
 * without an implementation live items are skipped and reported like missing media.
 */
public interface LiveChannels {

    /** An HLS URL of {@code classroomId}'s live stream that the display's account may play, while it is live. */
    Optional<String> hlsUrl(long classroomId, long deviceAccountId);
}
