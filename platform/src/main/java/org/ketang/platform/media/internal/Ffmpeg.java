package org.ketang.platform.media.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ffmpeg and ffprobe as child processes — never in-process, so that a crashing decoder cannot take the
 * server down. The bundled binaries (bytedeco, gpl build with libx264) are extracted lazily on first use and
 * cached; a configured system ffmpeg/ffprobe is used instead when set.
 */
public final class Ffmpeg {

    private static final Logger log = LoggerFactory.getLogger(Ffmpeg.class);
    private static final int STDERR_TAIL = 4000;

    /** Which binary to run. */
    public enum Tool {
        FFMPEG, FFPROBE
    }

    /**
     * How a run ended.
     *
     * @param stdout     everything the process wrote to stdout, unless progress was parsed from it
     * @param stderrTail the last few thousand characters of stderr
     */
    public record Result(int exitCode, String stdout, String stderrTail, boolean timedOut) {

        public boolean ok() {
            return exitCode == 0 && !timedOut;
        }
    }

    private record Binaries(Path ffmpeg, Path ffprobe, Map<String, String> environment) {
    }

    private final @Nullable String ffmpegPath;
    private final @Nullable String ffprobePath;
    private volatile @Nullable Binaries binaries;

    public Ffmpeg(@Nullable String ffmpegPath, @Nullable String ffprobePath) {
        this.ffmpegPath = blankToNull(ffmpegPath);
        this.ffprobePath = blankToNull(ffprobePath);
    }

    /** The path of the ffmpeg binary (extracting the bundled one if needed). */
    public Path ffmpegBinary() {
        return binaries().ffmpeg();
    }

    /** The environment the binaries need (the bundled ones find their libraries through LD_LIBRARY_PATH). */
    public Map<String, String> environment() {
        return binaries().environment();
    }

    /**
     * Runs {@code tool} with {@code args} and waits at most {@code timeout}.
     *
     * @param outTimeMicros when set, stdout is read as {@code -progress pipe:1} output and each {@code out_time_us}
     *                      is passed on
     * @param started       receives the process as soon as it runs (to kill it on cancel)
     */
    public Result run(Tool tool, List<String> args, Duration timeout, @Nullable LongConsumer outTimeMicros,
            @Nullable Consumer<Process> started) throws IOException, InterruptedException {
        Binaries bin = binaries();
        List<String> command = new ArrayList<>();
        command.add((tool == Tool.FFMPEG ? bin.ffmpeg() : bin.ffprobe()).toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(bin.environment());
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = builder.start();
        if (started != null) {
            started.accept(process);
        }
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        Thread out = drain(process.getInputStream(), line -> {
            if (outTimeMicros != null) {
                if (line.startsWith("out_time_us=")) {
                    try {
                        outTimeMicros.accept(Long.parseLong(line.substring("out_time_us=".length()).trim()));
                    } catch (NumberFormatException ignored) {
                        // "N/A" before the first frame
                    }
                }
            } else if (stdout.length() < 20_000_000) {
                stdout.append(line).append('\n');
            }
        });
        Thread err = drain(process.getErrorStream(), line -> {
            synchronized (stderr) {
                stderr.append(line).append('\n');
                if (stderr.length() > 2 * STDERR_TAIL) {
                    stderr.delete(0, stderr.length() - STDERR_TAIL);
                }
            }
        });
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
        if (!finished) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        out.join(5000);
        err.join(5000);
        String tail;
        synchronized (stderr) {
            tail = stderr.length() > STDERR_TAIL ? stderr.substring(stderr.length() - STDERR_TAIL) : stderr.toString();
        }
        return new Result(finished ? process.exitValue() : -1, stdout.toString(), tail.strip(), !finished);
    }

    private static Thread drain(InputStream stream, Consumer<String> lines) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.accept(line);
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        }, "ffmpeg-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private Binaries binaries() {
        Binaries found = binaries;
        if (found == null) {
            synchronized (this) {
                found = binaries;
                if (found == null) {
                    found = locate();
                    binaries = found;
                }
            }
        }
        return found;
    }

    private Binaries locate() {
        Binaries found;
        if (ffmpegPath != null) {
            found = new Binaries(Path.of(ffmpegPath), Path.of(ffprobePath != null ? ffprobePath
                    : Path.of(ffmpegPath).resolveSibling("ffprobe").toString()), Map.of());
        } else {
            try {
                Path ffmpeg = Path.of(org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
                Path ffprobe = ffprobePath != null ? Path.of(ffprobePath)
                        : Path.of(org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffprobe.class));
                // The bundled libavcodec needs its sibling libva without an $ORIGIN run path.
                String dir = ffmpeg.getParent().toString();
                String existing = System.getenv("LD_LIBRARY_PATH");
                found = new Binaries(ffmpeg, ffprobe,
                        Map.of("LD_LIBRARY_PATH", existing == null || existing.isBlank() ? dir : dir + ":" + existing));
            } catch (Throwable e) {
                throw unavailable("could not extract the bundled ffmpeg (org.bytedeco:ffmpeg): " + e, e);
            }
        }
        check(found.ffmpeg(), found.environment());
        check(found.ffprobe(), found.environment());
        log.info("Using ffmpeg {} and ffprobe {}", found.ffmpeg(), found.ffprobe());
        return found;
    }

    private static void check(Path binary, Map<String, String> environment) {
        if (!Files.isExecutable(binary)) {
            throw unavailable(binary + " is not an executable file", null);
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(binary.toString(), "-version").redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                if (output.contains("libpulse.so")) {
                    throw unavailable("the bundled ffmpeg needs the PulseAudio client library libpulse.so.0; install it"
                            + " with `apt-get install libpulse0` (Debian/Ubuntu), or set ketang.media.ffmpeg-path to a"
                            + " system ffmpeg. ffmpeg said: " + output.strip(), null);
                }
                throw unavailable(binary + " -version failed: " + output.strip(), null);
            }
        } catch (IOException e) {
            throw unavailable("could not run " + binary + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while checking " + binary, e);
        }
    }

    private static IllegalStateException unavailable(String message, @Nullable Throwable cause) {
        return new IllegalStateException("FFmpeg is not usable: " + message, cause);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
