package org.ketang.recorder.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.ketang.vision.FrameSize;
import org.ketang.vision.Region;
import org.ketang.vision.scenes.TeacherScene;

/**
 * The built-in synthetic classroom as live inputs for one ffmpeg run: each view and the sound are rendered in Java
 * at real-time pace and sent raw over a loopback socket that ffmpeg reads ({@code -f rawvideo -i tcp://…}).
 * All feeds share one start instant — when ffmpeg opens the first of them, so that no backlog builds up while
 * ffmpeg starts: video frame {@code n} and audio sample {@code m} belong to {@code start + n / fps} and
 * {@code start + m / 48000}, so sound and picture are in sync by construction, and the {@link TimeStrip} of frame
 * {@code n} shows exactly that wall-clock time.
 */
public final class SyntheticClassroom implements AutoCloseable {

    private static final int AUDIO_CHUNK_MILLIS = 20;

    private final int width;
    private final int height;
    private final int fps;
    private final SyncMarks marks;
    private final java.util.function.LongSupplier wallMillis;
    private long startNanos = -1;
    private long startMillis = -1;
    private final List<ServerSocket> servers = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * @param width      rendering width (a multiple of 80, the time strip's grid)
     * @param height     rendering height
     * @param fps        frames per second
     * @param marks      when to flash and beep
     * @param wallMillis the wall clock (epoch millis) whose time the strip shows
     */
    public SyntheticClassroom(int width, int height, int fps, SyncMarks marks, LongSupplier wallMillis) {
        if (width % TimeStrip.WIDTH_DIVISOR != 0) {
            throw new IllegalArgumentException("Synthetic width must be a multiple of " + TimeStrip.WIDTH_DIVISOR);
        }
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.marks = marks;
        this.wallMillis = wallMillis;
    }

    /** The wall-clock instant (epoch millis) of frame 0 and sample 0, or -1 before ffmpeg opened a feed. */
    public synchronized long startMillis() {
        return startMillis;
    }

    /** The shared start: fixed when the first feed is opened. */
    private synchronized void begin() {
        if (startNanos < 0) {
            startNanos = System.nanoTime();
            startMillis = wallMillis.getAsLong();
        }
    }

    /**
     * The scene behind {@code synthetic:lecture}: the vision module's generated teacher camera (a presenter who
     * walks, pauses, writes at the board and turns, sensor noise), ten minutes long, then again. Frame n of the
     * source is frame n of this scene, so its ground truth ({@code TeacherCamera#truth}) tells where the presenter
     * is in every frame the program is made of.
     */
    public static TeacherScene lecture(int width, int height, int fps) {
        return new TeacherScene("lecture", 2026, new FrameSize(width, height), fps, 600, 0.5, 3,
                EnumSet.of(TeacherScene.Challenge.WRITES_AT_BOARD, TeacherScene.Challenge.STANDS_STILL), Region.WHOLE);
    }

    /** Starts feeding {@code scene} and returns the ffmpeg arguments that read it. */
    public List<String> videoInput(String scene) throws IOException {
        SyntheticScene renderer = new SyntheticScene(scene, width, height, fps, marks);
        int port = serve("synthetic-" + scene, out -> {
            long start = startMillis();
            for (long n = 0; !closed; n++) {
                pace(n * 1_000_000_000L / fps);
                out.write(renderer.render(n, fps, start + n * 1000 / fps));
                out.flush();
            }
        });
        return List.of("-f", "rawvideo", "-pixel_format", "bgr24", "-video_size", width + "x" + height,
                "-framerate", Integer.toString(fps), "-thread_queue_size", "64", "-probesize", "32", "-analyzeduration", "0", "-i", "tcp://127.0.0.1:" + port);
    }

    /** Starts feeding the classroom's sound and returns the ffmpeg arguments that read it. */
    public List<String> audioInput() throws IOException {
        SyntheticSpeech speech = new SyntheticSpeech(marks);
        int port = serve("synthetic-speech", out -> {
            byte[] chunk = new byte[SyntheticSpeech.RATE * AUDIO_CHUNK_MILLIS / 1000 * 2];
            for (long n = 0; !closed; n++) {
                pace(n * AUDIO_CHUNK_MILLIS * 1_000_000L);
                speech.fill(chunk);
                out.write(chunk);
                out.flush();
            }
        });
        return List.of("-f", "s16le", "-sample_rate", Integer.toString(SyntheticSpeech.RATE), "-ch_layout", "mono",
                "-thread_queue_size", "256", "-probesize", "32", "-analyzeduration", "0", "-i", "tcp://127.0.0.1:" + port);
    }

    private interface Feed {
        void run(OutputStream out) throws IOException, InterruptedException;
    }

    private int serve(String name, Feed feed) throws IOException {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setSoTimeout(60_000);
        servers.add(server);
        Thread thread = new Thread(() -> {
            try (server; Socket socket = server.accept()) {
                begin();
                socket.setTcpNoDelay(true);
                feed.run(socket.getOutputStream());
            } catch (IOException | InterruptedException ended) {
                // ffmpeg stopped reading (the run ended) or the feed was closed
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
        return server.getLocalPort();
    }

    private void pace(long offsetNanos) throws InterruptedException {
        long start;
        synchronized (this) {
            start = startNanos;
        }
        long wait = start + offsetNanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Stops all feeds. */
    @Override
    public void close() {
        closed = true;
        for (ServerSocket server : servers) {
            try {
                server.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        List<Thread> running = new ArrayList<>(threads);
        for (Thread thread : running) {
            thread.interrupt();
        }
    }
}
