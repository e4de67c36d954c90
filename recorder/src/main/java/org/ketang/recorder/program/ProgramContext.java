package org.ketang.recorder.program;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What a {@link Director} can build layouts from.
 *
 * @param sources      the video sources by role, in input order (teacher, student, courseware as configured)
 * @param startedAt    when the recording started
 * @param pipScale     the PiP window's width (and height) as a fraction of the program's
 * @param fps          the program's frame rate (every source is brought to it)
 * @param recordingDir the recording's folder: a director keeps what it logs there, next to the program file
 */
public record ProgramContext(List<String> sources, Instant startedAt, double pipScale, int fps, Path recordingDir) {

    public ProgramContext {
        sources = List.copyOf(sources);
    }

    /** The PiP area in the bottom-right corner with a small margin. */
    public Layout.Rect cornerPip() {
        return new Layout.Rect(1 - pipScale - 0.02, 1 - pipScale - 0.035, pipScale, pipScale);
    }
}
