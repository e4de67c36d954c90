package org.ketang.platform.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Limits sign-in attempts per minute, separately per client address and per login name, so that neither
 * one address guessing many accounts nor many addresses guessing one account get far. Works alongside the
 * per-account lockout. In memory: each platform node counts its own attempts.
 */
@Component
class LoginThrottle {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_KEYS = 100_000;

    private final Map<String, Deque<Instant>> attempts = new ConcurrentHashMap<>();
    private final int perMinute;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    LoginThrottle(IdentitySettings settings) {
        this(settings.attemptsPerMinute(), Clock.systemUTC());
    }

    LoginThrottle(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /**
     * Counts an attempt from {@code ip} for {@code login}.
     *
     * @return how long to wait when the attempt is over the limit, or empty when it may go ahead
     */
    Optional<Duration> attempt(String ip, String login) {
        Instant now = clock.instant();
        if (attempts.size() > MAX_KEYS) {
            attempts.values().removeIf(q -> isStale(q, now));
        }
        Optional<Duration> byIp = count("ip:" + ip, now);
        Optional<Duration> byLogin = count("login:" + login.trim().toLowerCase(java.util.Locale.ROOT), now);
        return byIp.isPresent() ? byIp : byLogin;
    }

    private Optional<Duration> count(String key, Instant now) {
        Deque<Instant> queue = attempts.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (queue) {
            while (!queue.isEmpty() && !queue.peekFirst().isAfter(now.minus(WINDOW))) {
                queue.pollFirst();
            }
            if (queue.size() >= perMinute) {
                return Optional.of(Duration.between(now, queue.peekFirst().plus(WINDOW)));
            }
            queue.addLast(now);
            return Optional.empty();
        }
    }

    private static boolean isStale(Deque<Instant> queue, Instant now) {
        synchronized (queue) {
            return queue.isEmpty() || !queue.peekLast().isAfter(now.minus(WINDOW));
        }
    }
}
