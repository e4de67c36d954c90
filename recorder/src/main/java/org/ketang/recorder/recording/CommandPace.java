package org.ketang.recorder.recording;

import java.time.Duration;

import org.ketang.recorder.program.ProgramGraph;

/**
 * Paces filter commands to what ffmpeg takes: it reads one interactive command per 0.1 s, so commands sent faster
 * queue up in its input and every later switch comes late. A moving crop is therefore sent only when the previous
 * commands have been read, as a {@link ProgramGraph.Glide} that starts a little ahead of the frame being encoded now
 * and lasts one director period — the next glide starts where it ends, so the virtual camera moves without jumps.
 * Not thread-safe (the director thread's).
 */
final class CommandPace {

    /** ffmpeg's fixed interval between two interactive commands. */
    static final long READ_NANOS = 100_000_000L;

    private final int fps;
    private final int glideFrames;
    private final int leadFrames;
    private long queueFreeAtNanos = Long.MIN_VALUE;
    private long glideEnd;

    CommandPace(int fps, Duration period) {
        this.fps = fps;
        this.glideFrames = Math.max(1, (int) Math.round(fps * period.toNanos() / 1e9));
        // the commands reach the crop filter within about 0.1 s (ffmpeg's read interval) plus a frame or two in flight
        this.leadFrames = (int) Math.ceil(fps * 0.15);
    }

    /** Whether ffmpeg has read what was sent, so that a new move does not queue behind older ones. */
    boolean mayMove() {
        return queueFreeAtNanos == Long.MIN_VALUE || System.nanoTime() - queueFreeAtNanos >= 0;
    }

    /**
     * The glide for commands sent now.
     *
     * @param encodedFrames frames encoded at the last progress report
     * @param sinceReport   time since that report
     */
    ProgramGraph.Glide glide(long encodedFrames, Duration sinceReport) {
        long now = encodedFrames + Math.round(Math.min(1.0, sinceReport.toNanos() / 1e9) * fps);
        return new ProgramGraph.Glide(Math.max(glideEnd, now + leadFrames), glideFrames);
    }

    /** {@code count} commands carrying {@code glide} were sent. */
    void sent(int count, ProgramGraph.Glide glide) {
        if (count == 0) {
            return;
        }
        long now = System.nanoTime();
        long from = queueFreeAtNanos == Long.MIN_VALUE || now - queueFreeAtNanos > 0 ? now : queueFreeAtNanos;
        queueFreeAtNanos = from + count * READ_NANOS;
        glideEnd = glide.startFrame() + glide.frames();
    }
}
