package org.ketang.recorder.program;

import java.io.IOException;
import java.time.Instant;

/**
 * Decides the program's {@link Layout} over time. The program asks several times a second and switches when the
 * answer changes. The built-in {@link RuleDirector} follows simple timed rules; the tracking director
 * ({@code org.ketang.recorder.tracking}) looks at the sources through a {@link FrameTap}. One director serves one
 * encoder run (one part file of a recording).
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

    /**
     * The frames this director wants to see, asked once before the encoder starts (which then connects to the
     * ports). None by default.
     */
    default FrameTap frames(ProgramContext program) throws IOException {
        return FrameTap.NONE;
    }

    /** The encoder run ended: write what the director keeps with the recording and free what it holds. */
    default void finish() {
    }
}
