package org.ketang.recorder.ffmpeg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * A running ffmpeg: stdin takes its interactive commands (filter commands), stderr carries the log and the
 * {@code -progress pipe:2} reports (kept as a short tail, parsed, passed to listeners), stdout goes to a reader the
 * caller gives (e.g. a stream of thumbnails) or is discarded.
 */
public final class FfmpegProcess {

    private static final int TAIL_LINES = 60;
    private static final java.util.regex.Pattern PROGRESS_LINE = java.util.regex.Pattern.compile(
            "(frame|fps|stream_\\d+_\\d+_q|bitrate|total_size|out_time_us|out_time_ms|out_time|dup_frames|drop_frames"
                    + "|speed|progress)=.*");

    private final String name;
    private final Process process;
    private final OutputStream stdin;
    private final Deque<String> tail = new ArrayDeque<>();
    private final List<Consumer<String>> stderrListeners = new CopyOnWriteArrayList<>();
    private volatile Progress progress = Progress.NONE;
    private volatile long progressNanos = System.nanoTime();

    /**
     * The latest {@code -progress} report.
     *
     * @param frame      frames written
     * @param fps        frames per second recently
     * @param speed      × real time
     * @param dropFrames frames dropped
     * @param dupFrames  frames duplicated
     * @param outTimeUs  output time in microseconds
     */
    public record Progress(long frame, double fps, double speed, long dropFrames, long dupFrames, long outTimeUs) {
        static final Progress NONE = new Progress(0, 0, 0, 0, 0, 0);
    }

    FfmpegProcess(String name, Process process, @Nullable Consumer<InputStream> stdout) {
        this.name = name;
        this.process = process;
        this.stdin = process.getOutputStream();
        Consumer<InputStream> out = stdout != null ? stdout : in -> {
            try {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException ended) {
                // the process is gone
            }
        };
        Thread reader = new Thread(() -> out.accept(process.getInputStream()), name + "-out");
        reader.setDaemon(true);
        reader.start();
        ProgressParser progressLines = new ProgressParser();
        drain(process.getErrorStream(), name + "-log", line -> {
            if (PROGRESS_LINE.matcher(line).matches()) {
                progressLines.accept(line);
                return;
            }
            synchronized (tail) {
                tail.addLast(line);
                if (tail.size() > TAIL_LINES) {
                    tail.removeFirst();
                }
            }
            for (Consumer<String> listener : stderrListeners) {
                listener.accept(line);
            }
        });
    }

    /** Calls {@code listener} with every stderr line from now on. */
    public void onStderr(Consumer<String> listener) {
        stderrListeners.add(listener);
    }

    /**
     * Sends a command to the filter named {@code target} (e.g. {@code streamselect@main}) at once, through ffmpeg's
     * interactive {@code c} command.
     */
    public synchronized void command(String target, String command, String argument) throws IOException {
        stdin.write(("c" + target + " -1 " + command + " " + argument + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /**
     * Asks ffmpeg to finish (SIGTERM: ffmpeg closes its outputs properly, unlike the interactive {@code q}, which
     * waits behind queued commands) and waits up to {@code grace}; then kills it. Returns the exit code.
     */
    public int stop(Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Kills the process at once. */
    public void kill() {
        process.destroyForcibly();
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the end; returns the exit code. */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** The exit code, or -1 while running. */
    public int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** The latest progress report. */
    public Progress progress() {
        return progress;
    }

    /** How long ago the output last advanced (the frame counter grew). */
    public Duration sinceProgress() {
        return Duration.ofNanos(System.nanoTime() - progressNanos);
    }

    /** The last lines ffmpeg wrote to stderr. */
    public String stderrTail() {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    private static void drain(InputStream stream, String threadName, Consumer<String> lines) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.accept(line);
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Collects one {@code -progress} block (key=value lines up to {@code progress=…}). */
    private final class ProgressParser implements Consumer<String> {
        private long frame;
        private double fps;
        private double speed;
        private long drop;
        private long dup;
        private long outTime;

        @Override
        public void accept(String line) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                return;
            }
            String key = line.substring(0, eq).trim();
            String value = line.substring(eq + 1).trim();
            try {
                switch (key) {
                    case "frame" -> frame = Long.parseLong(value);
                    case "fps" -> fps = Double.parseDouble(value);
                    case "speed" -> speed = value.endsWith("x") ? Double.parseDouble(value.substring(0, value.length() - 1)) : 0;
                    case "drop_frames" -> drop = Long.parseLong(value);
                    case "dup_frames" -> dup = Long.parseLong(value);
                    case "out_time_us" -> outTime = Long.parseLong(value);
                    case "progress" -> {
                        if (frame > progress.frame() || outTime > progress.outTimeUs()) {
                            progressNanos = System.nanoTime();
                        }
                        progress = new Progress(frame, fps, speed, drop, dup, outTime);
                    }
                    default -> {
                        // other keys are not needed
                    }
                }
            } catch (NumberFormatException notYet) {
                // "N/A" before the first frame
            }
        }
    }
}
