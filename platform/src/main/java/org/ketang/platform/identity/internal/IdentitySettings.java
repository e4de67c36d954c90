package org.ketang.platform.identity.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in settings ({@code ketang.identity.*}).
 *
 * @param maxFailedAttempts    wrong passwords in a row before the account is locked
 * @param lockout              how long a locked account stays locked
 * @param attemptsPerMinute    sign-in attempts per minute from one address, or for one login name
 * @param tokenLifetime        how long a bearer token stays valid
 * @param initialAdminPassword password of the first {@code admin} account; when empty a random one is
 *                             generated and printed once
 */
@ConfigurationProperties("ketang.identity")
record IdentitySettings(@DefaultValue("5") int maxFailedAttempts, @DefaultValue("15m") Duration lockout,
        @DefaultValue("20") int attemptsPerMinute, @DefaultValue("30d") Duration tokenLifetime,
        @Nullable String initialAdminPassword) {
}
