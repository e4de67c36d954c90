package org.ketang.recorder.live;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.AgentApi;
import org.ketang.recorder.AgentSettings;
import org.ketang.recorder.ffmpeg.Ffmpeg;
import org.ketang.recorder.ffmpeg.FfmpegProcess;

/**
 * The live push: reads the encoder's MPEG-TS copy from loopback UDP and puts it on the platform as HLS —
 * fragmented-MP4 segments ({@code init.mp4}, {@code seg<n>.m4s}, one GOP = 1 s each; or MPEG-TS {@code seg<n>.ts}
 * when configured) and a short playlist ({@code index.m3u8}) — by authenticated HTTP PUT to {@link AgentApi#LIVE}, old segments removed by DELETE. No
 * second encode: the stream is copied. Segment numbers start from the epoch second, so names never repeat across
 * restarts. When the platform is unreachable ffmpeg keeps going (I/O errors are ignored) or is restarted with
 * back-off; the recording never waits for it.
 */
public final class LivePush implements AutoCloseable {

    private static final System.Logger log = System.getLogger(LivePush.class.getName());

    /**
     * Where live goes.
     *
     * @param platform the platform's base URL
     * @param token    the device's bearer token
     */
    public record Target(URI platform, String token) {
    }

    private final Ffmpeg ffmpeg;
    private final Supplier<Optional<Target>> target;
    private final Supplier<AgentSettings.Live> settings;
    private @Nullable FfmpegProcess process;
    private @Nullable Thread supervisor;
    private volatile int udpPort;
    private volatile boolean wanted;
    private volatile @Nullable String problem;
    private volatile long problemAtNanos;

    public LivePush(Ffmpeg ffmpeg, Supplier<Optional<Target>> target, Supplier<AgentSettings.Live> settings) {
        this.ffmpeg = ffmpeg;
        this.target = target;
        this.settings = settings;
    }

    /** Starts pushing what arrives on {@code udpPort} (restarts when already pushing another port). */
    public synchronized void start(int port) {
        if (wanted && port == udpPort && supervisor != null && supervisor.isAlive()) {
            return;
        }
        stop();
        this.udpPort = port;
        this.wanted = true;
        Thread thread = new Thread(this::supervise, "live-push");
        thread.setDaemon(true);
        supervisor = thread;
        thread.start();
    }

    /** Restarts the ffmpeg (the encoder restarted and its stream begins anew). */
    public synchronized void restart() {
        FfmpegProcess running = process;
        if (wanted && running != null) {
            running.kill();
        }
    }

    /** Stops pushing. */
    public synchronized void stop() {
        wanted = false;
        Thread thread = supervisor;
        supervisor = null;
        if (thread != null) {
            thread.interrupt();
        }
        FfmpegProcess running = process;
        process = null;
        if (running != null) {
            try {
                running.stop(Duration.ofSeconds(3));
            } catch (InterruptedException e) {
                running.kill();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether live is switched on. */
    public boolean on() {
        return wanted;
    }

    /** What went wrong recently (in the last 15 s), or null. */
    public @Nullable String problem() {
        return problem != null && System.nanoTime() - problemAtNanos < 15_000_000_000L ? problem : null;
    }

    private void supervise() {
        long backoffMillis = 1000;
        while (wanted && !Thread.currentThread().isInterrupted()) {
            Optional<Target> where = target.get();
            if (where.isEmpty()) {
                fail("未注册，无法直播 / not enrolled: nowhere to push live");
                if (!sleep(5000)) {
                    return;
                }
                continue;
            }
            FfmpegProcess running;
            try {
                running = ffmpeg.start("live", args(where.get(), udpPort, settings.get()));
            } catch (IOException | RuntimeException e) {
                fail("直播进程无法启动 / live push could not start: " + e.getMessage());
                if (!sleep(backoffMillis)) {
                    return;
                }
                backoffMillis = Math.min(10_000, backoffMillis * 2);
                continue;
            }
            running.onStderr(line -> {
                String lower = line.toLowerCase(java.util.Locale.ROOT);
                if (lower.contains("error") || lower.contains("failed") || lower.contains("refused")) {
                    fail("直播推流出错 / live push: " + line.strip());
                }
            });
            synchronized (this) {
                if (!wanted) {
                    running.kill();
                    return;
                }
                process = running;
            }
            long started = System.nanoTime();
            try {
                int exit = running.waitFor();
                if (wanted) {
                    log.log(System.Logger.Level.INFO, "Live push ended (" + exit + "); restarting: "
                            + lastLine(running.stderrTail()));
                }
            } catch (InterruptedException e) {
                running.kill();
                return;
            }
            if (System.nanoTime() - started > 30_000_000_000L) {
                backoffMillis = 1000;
            }
            if (!sleep(backoffMillis)) {
                return;
            }
            backoffMillis = Math.min(10_000, backoffMillis * 2);
        }
    }

    /** The ffmpeg arguments of the push. */
    static List<String> args(Target target, int udpPort, AgentSettings.Live live) {
        String base = target.platform().toString().replaceAll("/+$", "");
        String dir = base + AgentApi.expand(AgentApi.LIVE, "");
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-loglevel", "warning",
                "-fflags", "+genpts+discardcorrupt+nobuffer", "-analyzeduration", "1000000", "-f", "mpegts",
                "-i", "udp://127.0.0.1:" + udpPort + "?fifo_size=100000&overrun_nonfatal=1&buffer_size=8388608",
                "-map", "0", "-c", "copy", "-bsf:a", "aac_adtstoasc",
                "-f", "hls", "-hls_time", Integer.toString(live.segmentSeconds()),
                "-hls_list_size", Integer.toString(live.playlistSize()),
                "-hls_flags", "delete_segments+independent_segments+omit_endlist", "-ignore_io_errors", "1",
                "-hls_delete_threshold", "2",
                "-hls_start_number_source", "epoch",
                "-method", "PUT", "-http_persistent", "0", "-timeout", "5",
                "-headers", "Authorization: Bearer " + target.token() + "\r\n"));
        if ("mpegts".equals(live.segmentType())) {
            args.addAll(List.of("-hls_segment_type", "mpegts", "-hls_segment_filename", dir + "seg%d.ts"));
        } else {
            args.addAll(List.of("-hls_segment_type", "fmp4", "-hls_fmp4_init_filename", "init.mp4",
                    "-hls_segment_filename", dir + "seg%d.m4s"));
        }
        args.add(dir + "index.m3u8");
        return args;
    }

    private void fail(String message) {
        problem = message;
        problemAtNanos = System.nanoTime();
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static String lastLine(String text) {
        int nl = text.lastIndexOf('\n');
        return nl < 0 ? text : text.substring(nl + 1);
    }

    @Override
    public void close() {
        stop();
    }
}
