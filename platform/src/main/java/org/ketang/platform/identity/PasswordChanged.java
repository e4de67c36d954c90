package org.ketang.platform.identity;

import org.jspecify.annotations.Nullable;

/** A user changed their own password. */
public record PasswordChanged(long userId, String username, @Nullable Long schoolId, String ip) {
}
