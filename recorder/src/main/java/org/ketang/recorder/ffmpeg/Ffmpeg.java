package org.ketang.recorder.ffmpeg;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * FFmpeg for the agent, always as child processes: the bundled binaries from Maven Central
 * ({@code org.bytedeco:ffmpeg}, gpl build with libx264), extracted on first use, or a configured system
 * ffmpeg/ffprobe. The bundled ffmpeg finds its libraries through {@code LD_LIBRARY_PATH} and needs
 * {@code libpulse.so.0} ({@code apt-get install libpulse0}); {@link #check()} says so plainly.
 */
public final class Ffmpeg {

    private static final System.Logger log = System.getLogger(Ffmpeg.class.getName());

    private final @Nullable String ffmpegPath;
    private final @Nullable String ffprobePath;
    private volatile @Nullable Binaries binaries;

    private record Binaries(Path ffmpeg, Path ffprobe, Map<String, String> environment, String version) {
    }

    /**
     * How a one-shot run ended.
     *
     * @param exitCode the exit code (-1 when it was killed after the timeout)
     * @param output   everything written to stdout
     * @param stderr   the end of what was written to stderr
     * @param timedOut it ran out of time
     */
    public record Result(int exitCode, byte[] output, String stderr, boolean timedOut) {

        public boolean ok() {
            return exitCode == 0 && !timedOut;
        }

        /** stdout as text. */
        public String stdout() {
            return new String(output, StandardCharsets.UTF_8);
        }
    }

    /**
     * @param ffmpegPath  a system ffmpeg, or null/blank for the bundled one
     * @param ffprobePath a system ffprobe, or null/blank for the one next to ffmpeg (or bundled)
     */
    public Ffmpeg(@Nullable String ffmpegPath, @Nullable String ffprobePath) {
        this.ffmpegPath = ffmpegPath == null || ffmpegPath.isBlank() ? null : ffmpegPath;
        this.ffprobePath = ffprobePath == null || ffprobePath.isBlank() ? null : ffprobePath;
    }

    /** Makes sure the binaries run (extracting the bundled ones); returns the version line. */
    public String check() {
        return binaries().version();
    }

    /** The ffmpeg version, e.g. {@code 8.0.1}. */
    public String version() {
        String line = binaries().version();
        String[] words = line.split(" ");
        return words.length > 2 ? words[2] : line;
    }

    /** Starts ffmpeg with {@code args}; stdin stays open for commands ({@link FfmpegProcess#command}). */
    public FfmpegProcess start(String name, List<String> args) throws IOException {
        return start(name, args, null);
    }

    /** Starts ffmpeg with {@code args}, its stdout read by {@code stdout}. */
    public FfmpegProcess start(String name, List<String> args, java.util.function.@Nullable Consumer<java.io.InputStream> stdout)
            throws IOException {
        Binaries bin = binaries();
        List<String> command = new ArrayList<>();
        command.add(bin.ffmpeg().toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(bin.environment());
        log.log(System.Logger.Level.DEBUG, () -> name + ": " + String.join(" ", command));
        return new FfmpegProcess(name, builder.start(), stdout);
    }

    /** Runs ffmpeg to the end (at most {@code timeout}). */
    public Result run(List<String> args, Duration timeout) throws IOException, InterruptedException {
        return run(binaries().ffmpeg(), args, timeout);
    }

    /** Runs ffprobe to the end (at most {@code timeout}). */
    public Result probe(List<String> args, Duration timeout) throws IOException, InterruptedException {
        return run(binaries().ffprobe(), args, timeout);
    }

    /** The duration of a media file in seconds by ffprobe, or empty when it is not playable. */
    public OptionalDouble durationSeconds(Path file) throws IOException, InterruptedException {
        Result result = probe(List.of("-v", "error", "-show_entries", "format=duration", "-of",
                "default=noprint_wrappers=1:nokey=1", file.toString()), Duration.ofMinutes(2));
        if (!result.ok()) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(result.stdout().strip()));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private Result run(Path binary, List<String> args, Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(binaries().environment());
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Path err = Files.createTempFile("ketang-ffmpeg", ".log");
        builder.redirectError(err.toFile());
        try {
            Process process = builder.start();
            byte[][] out = new byte[1][];
            Thread reader = new Thread(() -> {
                try {
                    out[0] = process.getInputStream().readAllBytes();
                } catch (IOException e) {
                    out[0] = new byte[0];
                }
            }, "ffmpeg-stdout");
            reader.setDaemon(true);
            reader.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            reader.join(5000);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            if (stderr.length() > 8000) {
                stderr = stderr.substring(stderr.length() - 8000);
            }
            return new Result(finished ? process.exitValue() : -1, out[0] == null ? new byte[0] : out[0],
                    stderr.strip(), !finished);
        } finally {
            Files.deleteIfExists(err);
        }
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
        Path ffmpeg;
        Path ffprobe;
        Map<String, String> environment;
        if (ffmpegPath != null) {
            ffmpeg = Path.of(ffmpegPath);
            ffprobe = Path.of(ffprobePath != null ? ffprobePath : ffmpeg.resolveSibling("ffprobe").toString());
            environment = Map.of();
        } else {
            try {
                ffmpeg = Path.of(org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
                ffprobe = ffprobePath != null ? Path.of(ffprobePath)
                        : Path.of(org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffprobe.class));
            } catch (Throwable e) {
                throw unusable("could not extract the bundled ffmpeg (org.bytedeco:ffmpeg): " + e, e);
            }
            // the bundled binaries find their sibling libraries (libavcodec, libva…) only through LD_LIBRARY_PATH
            String dir = ffmpeg.getParent().toString();
            String existing = System.getenv("LD_LIBRARY_PATH");
            environment = Map.of("LD_LIBRARY_PATH", existing == null || existing.isBlank() ? dir : dir + ":" + existing);
        }
        String version = versionOf(ffmpeg, environment);
        versionOf(ffprobe, environment);
        log.log(System.Logger.Level.INFO, "Using {0} ({1})", ffmpeg, version);
        return new Binaries(ffmpeg, ffprobe, environment, version);
    }

    private static String versionOf(Path binary, Map<String, String> environment) {
        if (!Files.isExecutable(binary)) {
            throw unusable(binary + " is not an executable file", null);
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(binary.toString(), "-version").redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                if (output.contains("libpulse.so")) {
                    throw unusable("the bundled ffmpeg needs the PulseAudio client library libpulse.so.0; install it"
                            + " with `apt-get install libpulse0`, or configure a system ffmpeg (ffmpeg.ffmpegPath)."
                            + " ffmpeg said: " + output.strip(), null);
                }
                throw unusable(binary + " -version failed: " + output.strip(), null);
            }
            return output.lines().findFirst().orElse("ffmpeg");
        } catch (IOException e) {
            throw unusable("could not run " + binary + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unusable("interrupted while checking " + binary, e);
        }
    }

    private static IllegalStateException unusable(String message, @Nullable Throwable cause) {
        return new IllegalStateException("FFmpeg is not usable: " + message, cause);
    }
}
