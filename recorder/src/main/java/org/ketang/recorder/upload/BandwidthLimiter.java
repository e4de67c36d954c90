package org.ketang.recorder.upload;

import java.util.concurrent.TimeUnit;

/**
 * Keeps a byte stream below a rate (a token bucket holding at most one second's worth), so that uploads leave room
 * for the school's other traffic. Time comes from a {@link Ticker} so tests need no waiting.
 */
public final class BandwidthLimiter {

    /** Nanosecond time and sleeping, replaceable in tests. */
    public interface Ticker {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;

        /** The real clock. */
        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                TimeUnit.NANOSECONDS.sleep(nanos);
            }
        };
    }

    private final long bytesPerSecond;
    private final Ticker ticker;
    private double tokens;
    private long last;

    /** @param bytesPerSecond the rate; 0 or less for no limit */
    public BandwidthLimiter(long bytesPerSecond, Ticker ticker) {
        this.bytesPerSecond = bytesPerSecond;
        this.ticker = ticker;
        this.last = ticker.nanoTime();
        this.tokens = 0;
    }

    /** A limiter that never waits. */
    public static BandwidthLimiter unlimited() {
        return new BandwidthLimiter(0, Ticker.SYSTEM);
    }

    public boolean limited() {
        return bytesPerSecond > 0;
    }

    /** Waits until {@code bytes} more may go. */
    public synchronized void acquire(int bytes) throws InterruptedException {
        if (bytesPerSecond <= 0) {
            return;
        }
        refill();
        tokens -= bytes;
        if (tokens < 0) {
            long waitNanos = (long) (-tokens * 1_000_000_000d / bytesPerSecond);
            ticker.sleepNanos(waitNanos);
            refill();
        }
    }

    private void refill() {
        long now = ticker.nanoTime();
        tokens = Math.min(bytesPerSecond, tokens + (now - last) * (double) bytesPerSecond / 1_000_000_000d);
        last = now;
    }
}
