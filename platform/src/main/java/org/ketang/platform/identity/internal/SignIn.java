package org.ketang.platform.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.ketang.platform.identity.AccountLocked;
import org.ketang.platform.identity.SignInFailed;
import org.ketang.platform.identity.SignedIn;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks a username (or phone number) and password: rate limit per address and login name, lockout after
 * repeated wrong passwords, the same answer (and about the same time) for an unknown user as for a wrong
 * password. Every outcome is published for the audit log.
 */
@Component
class SignIn {

    private final JdbcUserAccounts accounts;
    private final LoginThrottle throttle;
    private final IdentitySettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SignIn(JdbcUserAccounts accounts, LoginThrottle throttle, IdentitySettings settings,
            ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.settings = settings;
        this.events = events;
        this.clock = Clock.systemUTC();
    }

    @Transactional
    Outcome attempt(String login, String password, String ip) {
        var wait = throttle.attempt(ip, login);
        if (wait.isPresent()) {
            events.publishEvent(new SignInFailed(login, null, null, ip, "too-many-attempts"));
            return new Outcome.Throttled(wait.get());
        }
        var found = accounts.findByLogin(login);
        if (found.isEmpty()) {
            accounts.pretendToCheckPassword(password);
            events.publishEvent(new SignInFailed(login, null, null, ip, "bad-credentials"));
            return new Outcome.BadCredentials();
        }
        var account = found.get();
        Instant now = clock.instant();
        if (account.isLockedAt(now)) {
            events.publishEvent(new SignInFailed(login, account.id(), account.schoolId(), ip, "locked"));
            return new Outcome.Locked(Duration.between(now, account.lockedUntil()));
        }
        if (!accounts.passwordMatches(account, password)) {
            int failures = account.failedAttempts() + 1;
            if (failures >= settings.maxFailedAttempts()) {
                Instant until = now.plus(settings.lockout());
                accounts.recordFailure(account.id(), 0, until);
                events.publishEvent(new SignInFailed(login, account.id(), account.schoolId(), ip, "bad-credentials"));
                events.publishEvent(new AccountLocked(account.id(), account.username(), account.schoolId(), ip, until));
                return new Outcome.Locked(settings.lockout());
            }
            accounts.recordFailure(account.id(), failures, null);
            events.publishEvent(new SignInFailed(login, account.id(), account.schoolId(), ip, "bad-credentials"));
            return new Outcome.BadCredentials();
        }
        if (!account.enabled()) {
            events.publishEvent(new SignInFailed(login, account.id(), account.schoolId(), ip, "disabled"));
            return new Outcome.Disabled();
        }
        accounts.recordSuccess(account.id());
        events.publishEvent(new SignedIn(account.id(), account.username(), account.schoolId(), ip));
        return new Outcome.Success(account);
    }

    /** What a sign-in attempt came to. */
    sealed interface Outcome {

        record Success(JdbcUserAccounts.StoredAccount account) implements Outcome {
        }

        /** Wrong username or password (never says which, nor whether the account exists). */
        record BadCredentials() implements Outcome {
        }

        record Locked(Duration remaining) implements Outcome {
        }

        record Disabled() implements Outcome {
        }

        record Throttled(Duration retryAfter) implements Outcome {
        }
    }
}
