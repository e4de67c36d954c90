package org.ketang.platform.media.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.ketang.platform.media.ProbeResult;

/**
 * The pipeline's ladder transcode without the database, for the benchmark in {@code bench/}: the same probe, plan,
 * ffmpeg arguments, child-process runner and progress parsing as the workers, one run per rendition, lowest first.
 */
public final class TranscodeRun {

    private TranscodeRun() {
    }

    /** Transcodes {@code source} into {@code out}/&lt;size&gt;p/ and returns the ffmpeg argument lists it ran. */
    public static List<List<String>> ladder(Ffmpeg ffmpeg, Path source, Path out, int segmentSeconds)
            throws IOException, InterruptedException {
        ProbeResult result = new FfprobeMediaProbe(ffmpeg).probe(source);
        if (!(result instanceof ProbeResult.Playable media)) {
            throw new IllegalArgumentException("not playable: " + result);
        }
        List<List<String>> commands = new ArrayList<>();
        for (Ladder.Rung rung : Ladder.plan(media.width(), media.height())) {
            Path dir = Files.createDirectories(out.resolve(rung.name()));
            List<String> args = Ladder.ffmpegArgs(source, dir, rung, media.audioCodec() != null, segmentSeconds);
            double[] progress = { 0 };
            Ffmpeg.Result run = ffmpeg.run(Ffmpeg.Tool.FFMPEG, args, Duration.ofHours(2),
                    micros -> progress[0] = micros / (media.durationSeconds() * 1e6), null);
            if (!run.ok()) {
                throw new IOException(rung.name() + " failed: " + run.stderrTail());
            }
            commands.add(args);
        }
        Files.writeString(out.resolve("master.m3u8"), Ladder.masterPlaylist(Ladder.plan(media.width(),
                media.height()), media.audioCodec() != null, media.fps()));
        return commands;
    }
}
