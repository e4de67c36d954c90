package org.ketang.platform.identity;

import org.jspecify.annotations.Nullable;

/**
 * A sign-in was refused.
 *
 * @param login  what was typed as username or phone
 * @param userId the account, when the login named one
 * @param reason {@code bad-credentials}, {@code locked}, {@code disabled} or {@code too-many-attempts}
 */
public record SignInFailed(String login, @Nullable Long userId, @Nullable Long schoolId, String ip, String reason) {
}
