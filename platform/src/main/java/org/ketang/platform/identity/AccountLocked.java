package org.ketang.platform.identity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** Too many wrong passwords in a row: the account is locked until {@code until}. */
public record AccountLocked(long userId, String username, @Nullable Long schoolId, String ip, Instant until) {
}
