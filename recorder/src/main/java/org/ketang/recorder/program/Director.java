package org.ketang.recorder.program;

import java.time.Instant;

/**
 * Decides the program's {@link Layout} over time. The program asks several times a second and switches when the
 * answer changes. The built-in {@link RuleDirector} follows simple timed rules; the tracking director
 * ({@code org.ketang.vision}) plugs in here through {@code RecorderAgent.Builder#director}.
 */
@FunctionalInterface
public interface Director {

    /**
     * The layout for {@code now}.
     *
     * @param now     the current time
     * @param program what the program has: its sources and when it started
     */
    Layout layout(Instant now, ProgramContext program);
}
