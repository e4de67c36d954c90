package org.ketang.platform.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class LoginThrottleTests {

    MutableClock clock = new MutableClock();
    LoginThrottle throttle = new LoginThrottle(3, clock);

    @Test
    void allowsUpToTheLimitPerMinuteThenSaysHowLongToWait() {
        assertThat(throttle.attempt("1.1.1.1", "a")).isEmpty();
        clock.advance(Duration.ofSeconds(10));
        assertThat(throttle.attempt("1.1.1.1", "b")).isEmpty();
        assertThat(throttle.attempt("1.1.1.1", "c")).isEmpty();
        assertThat(throttle.attempt("1.1.1.1", "d")).contains(Duration.ofSeconds(50));
    }

    @Test
    void countsOneLoginNameAcrossAddresses() {
        throttle.attempt("1.1.1.1", "Teacher");
        throttle.attempt("2.2.2.2", "teacher");
        throttle.attempt("3.3.3.3", "teacher ");
        assertThat(throttle.attempt("4.4.4.4", "teacher")).isPresent();
        assertThat(throttle.attempt("4.4.4.4", "someone-else")).isEmpty();
    }

    @Test
    void forgetsAttemptsOlderThanAMinute() {
        for (int i = 0; i < 3; i++) {
            throttle.attempt("1.1.1.1", "x" + i);
        }
        assertThat(throttle.attempt("1.1.1.1", "y")).isPresent();
        clock.advance(Duration.ofSeconds(61));
        assertThat(throttle.attempt("1.1.1.1", "y")).isEmpty();
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-24T08:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
