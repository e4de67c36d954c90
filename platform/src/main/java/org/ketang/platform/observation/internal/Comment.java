package org.ketang.platform.observation.internal;

import java.time.Instant;

/** A time-coded comment (评课意见) at {@code offsetMs} into the observed lesson. */
public record Comment(long id, long observedId, long authorId, String authorName, long offsetMs, String body,
        Instant createdAt) {
}
