package org.ketang.recorder.recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

import org.ketang.recorder.ffmpeg.Ffmpeg;
import org.ketang.recorder.program.EncoderCommand;
import org.ketang.recorder.storage.Recording;
import org.ketang.recorder.storage.RecordingLibrary;

/**
 * Turns a recording's part files into its one program file {@code program.mp4}: a single part is renamed, several
 * are joined without re-encoding (ffmpeg's concat demuxer, {@code -c copy}). After a crash every part is first
 * remuxed ({@code -c copy}), which keeps all complete fragments and drops the torn last one. Then the file is
 * measured (ffprobe duration, size, SHA-256).
 */
final class Finisher {

    static final String PROGRAM_FILE = "program.mp4";
    private static final System.Logger log = System.getLogger(Finisher.class.getName());

    private final Ffmpeg ffmpeg;
    private final RecordingLibrary library;

    Finisher(Ffmpeg ffmpeg, RecordingLibrary library) {
        this.ffmpeg = ffmpeg;
        this.library = library;
    }

    /**
     * Finishes {@code recording}.
     *
     * @param endedAt   when recording stopped (ignored when {@code recovered}: then start + what survived)
     * @param recovered the agent died while recording
     */
    Recording finish(Recording recording, Instant endedAt, boolean recovered) throws IOException, InterruptedException {
        Path dir = library.dir(recording.id());
        List<Path> usable = new ArrayList<>();
        List<Path> leftovers = new ArrayList<>();
        double total = 0;
        for (String part : recording.parts()) {
            Path file = dir.resolve(part);
            if (!Files.exists(file)) {
                continue;
            }
            leftovers.add(file);
            Path candidate = file;
            if (recovered) {
                Path fixed = dir.resolve(part.replace(".mp4", ".fixed.mp4"));
                remux(file, fixed);
                leftovers.add(fixed);
                candidate = fixed;
            }
            OptionalDouble duration = ffmpeg.durationSeconds(candidate);
            if (duration.isEmpty() && !recovered) {
                // the encoder died without closing the file: remux what is there
                Path fixed = dir.resolve(part.replace(".mp4", ".fixed.mp4"));
                remux(file, fixed);
                leftovers.add(fixed);
                candidate = fixed;
                duration = ffmpeg.durationSeconds(candidate);
            }
            if (duration.isPresent() && duration.getAsDouble() > 0.1) {
                usable.add(candidate);
                total += duration.getAsDouble();
            }
        }
        if (usable.isEmpty()) {
            deleteAll(leftovers);
            return recording.failed(recovered ? recording.startedAt() : endedAt,
                    "没有录到可播放的内容 / nothing playable was recorded");
        }
        Path program = dir.resolve(PROGRAM_FILE);
        if (usable.size() == 1) {
            Files.move(usable.get(0), program, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
            concat(dir, usable, program);
        }
        deleteAll(leftovers);
        double duration = ffmpeg.durationSeconds(program).orElse(total);
        long size = Files.size(program);
        String sha = RecordingLibrary.sha256(program);
        Instant ended = recovered ? recording.startedAt().plusMillis(Math.round(duration * 1000)) : endedAt;
        String note = recovered ? String.format(Locale.ROOT,
                "录制被意外中断，已恢复 %.1f 秒 / recovered after the agent stopped unexpectedly: %.1f s kept",
                duration, duration) : null;
        log.log(System.Logger.Level.INFO, String.format(Locale.ROOT, "%s finished: %.1f s, %d bytes%s",
                recording.id(), duration, size, recovered ? " (recovered)" : ""));
        return recording.finished(ended, PROGRAM_FILE, size, sha, duration, recovered, note);
    }

    private void remux(Path in, Path out) throws IOException, InterruptedException {
        Ffmpeg.Result result = ffmpeg.run(List.of("-hide_banner", "-nostdin", "-v", "error", "-y",
                "-err_detect", "ignore_err", "-i", in.toString(), "-map", "0", "-c", "copy",
                "-movflags", EncoderCommand.FRAGMENTED, out.toString()), Duration.ofMinutes(30));
        if (!result.ok()) {
            log.log(System.Logger.Level.INFO, "Remux of " + in.getFileName() + " ended with " + result.exitCode()
                    + " (expected for a torn file): " + result.stderr());
        }
    }

    private void concat(Path dir, List<Path> parts, Path program) throws IOException, InterruptedException {
        Path list = dir.resolve("parts.txt");
        StringBuilder text = new StringBuilder();
        for (Path part : parts) {
            text.append("file '").append(part.toAbsolutePath().toString().replace("'", "'\\''")).append("'\n");
        }
        Files.writeString(list, text, StandardCharsets.UTF_8);
        Path temp = dir.resolve("program.joining.mp4");
        Ffmpeg.Result result = ffmpeg.run(List.of("-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "concat",
                "-safe", "0", "-i", list.toString(), "-map", "0", "-c", "copy", "-movflags", EncoderCommand.FRAGMENTED,
                temp.toString()), Duration.ofMinutes(30));
        Files.deleteIfExists(list);
        if (!result.ok()) {
            Files.deleteIfExists(temp);
            throw new IOException("Joining the parts failed: " + result.stderr());
        }
        Files.move(temp, program, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteAll(List<Path> files) throws IOException {
        for (Path file : files) {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
