package org.ketang.platform.identity;

import org.jspecify.annotations.Nullable;

/** Someone signed in with the right password. */
public record SignedIn(long userId, String username, @Nullable Long schoolId, String ip) {
}
