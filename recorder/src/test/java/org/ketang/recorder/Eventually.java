package org.ketang.recorder;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition of an asynchronous system (not a timing assertion: the bound is generous). */
public final class Eventually {

    private Eventually() {
    }

    public static void waitFor(String what, Duration atMost, BooleanSupplier condition) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + atMost.toSeconds() + " s waiting for: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
