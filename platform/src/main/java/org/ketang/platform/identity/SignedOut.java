package org.ketang.platform.identity;

import org.jspecify.annotations.Nullable;

/** Someone signed out (session ended and the bearer token used, if any, revoked). */
public record SignedOut(long userId, String username, @Nullable Long schoolId, String ip) {
}
