package org.ketang.recorder.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

class BandwidthAndWindowTests {

    /** A clock that only moves when the limiter sleeps. */
    static final class FakeTicker implements BandwidthLimiter.Ticker {
        long now;
        long slept;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            now += nanos;
            slept += nanos;
        }
    }

    @Test
    void theLimiterHoldsTheRate() throws Exception {
        FakeTicker ticker = new FakeTicker();
        BandwidthLimiter limiter = new BandwidthLimiter(100_000, ticker);

        for (int i = 0; i < 100; i++) {
            limiter.acquire(10_000); // 1 MB in all
        }

        // 1 MB at 100 kB/s takes 10 s; the bucket starts empty, so nothing goes faster
        assertThat(ticker.slept / 1e9).isBetween(9.9, 10.1);
    }

    @Test
    void idleTimeIsCreditedButNoMoreThanOneSecond() throws Exception {
        FakeTicker ticker = new FakeTicker();
        BandwidthLimiter limiter = new BandwidthLimiter(100_000, ticker);
        ticker.now += 60_000_000_000L; // a minute without sending

        limiter.acquire(100_000);
        assertThat(ticker.slept).isZero();
        limiter.acquire(100_000);
        assertThat(ticker.slept / 1e9).isBetween(0.99, 1.01);
    }

    @Test
    void withoutALimitNothingWaits() throws Exception {
        FakeTicker ticker = new FakeTicker();
        BandwidthLimiter limiter = new BandwidthLimiter(0, ticker);
        limiter.acquire(Integer.MAX_VALUE);
        assertThat(ticker.slept).isZero();
        assertThat(limiter.limited()).isFalse();
    }

    @Test
    void anEveningWindowCrossesMidnight() {
        UploadWindow window = UploadWindow.parse("17:00-07:00");

        assertThat(window.allows(LocalTime.of(17, 0))).isTrue();
        assertThat(window.allows(LocalTime.of(23, 59))).isTrue();
        assertThat(window.allows(LocalTime.of(3, 0))).isTrue();
        assertThat(window.allows(LocalTime.of(7, 0))).isFalse();
        assertThat(window.allows(LocalTime.of(12, 0))).isFalse();
        ZonedDateTime noon = ZonedDateTime.of(2026, 11, 24, 12, 0, 0, 0, ZoneId.of("Asia/Shanghai"));
        assertThat(window.untilOpen(noon)).isEqualTo(Duration.ofHours(5));
        assertThat(window.untilOpen(noon.withHour(18))).isZero();
    }

    @Test
    void aLunchWindowAndNoWindow() {
        UploadWindow lunch = UploadWindow.parse("12:00 - 13:30");
        assertThat(lunch.allows(LocalTime.of(12, 45))).isTrue();
        assertThat(lunch.allows(LocalTime.of(13, 30))).isFalse();
        assertThat(UploadWindow.parse(null).allows(LocalTime.of(9, 0))).isTrue();
        assertThat(UploadWindow.parse(" ")).isEqualTo(UploadWindow.ALWAYS);
        assertThatThrownBy(() -> UploadWindow.parse("after five")).isInstanceOf(IllegalArgumentException.class);
    }
}
