package org.ketang.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.ketang.recorder.capture.TimeStrip;
import org.ketang.recorder.ffmpeg.Ffmpeg;

/**
 * The reference for glass-to-glass: when each live segment becomes available on the platform (its playlist, read
 * through a viewer's playback link every 100 ms, first names it) minus the capture time burnt into its first frame
 * — the agent's side of the latency (encode, segment, PUT, platform), without any player.
 */
final class SegmentClock implements AutoCloseable {

    private record Seen(String name, long atMillis, byte[] body) {
    }

    private final URI playlist;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Seen> seen = new LinkedHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;
    private byte[] init;

    SegmentClock(URI playlist) {
        this.playlist = playlist;
        this.poller = new Thread(this::poll, "segment-clock");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        boolean first = true;
        while (running) {
            try {
                HttpResponse<String> list = http.send(HttpRequest.newBuilder(playlist).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());
                long now = System.currentTimeMillis();
                if (list.statusCode() == 200) {
                    for (String line : list.body().split("\n")) {
                        line = line.strip();
                        if (line.startsWith("#EXT-X-MAP:") && init == null) {
                            String uri = line.substring(line.indexOf("URI=\"") + 5, line.lastIndexOf('"'));
                            init = fetch(uri);
                        } else if (!line.isEmpty() && !line.startsWith("#") && !seen.containsKey(line)) {
                            // the segments named by the first playlist read were there before we looked
                            seen.put(line, new Seen(line, first ? -1 : now, first ? null : fetch(line)));
                        }
                    }
                    first = false;
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (Exception notNow) {
                // the next poll tries again
            }
        }
    }

    private byte[] fetch(String name) throws Exception {
        return http.send(HttpRequest.newBuilder(playlist.resolve(name)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    /** Stops watching; per segment seen arriving: arrival minus the time strip of its first frame (ms). */
    List<Long> stop(Ffmpeg ffmpeg, int frameWidth, Path workDir) throws Exception {
        running = false;
        poller.interrupt();
        poller.join(10_000);
        int stripHeight = frameWidth / TimeStrip.WIDTH_DIVISOR * 4;
        List<Long> latencies = new ArrayList<>();
        for (Seen s : seen.values()) {
            if (s.atMillis() < 0 || s.body() == null) {
                continue;
            }
            Path segment = workDir.resolve("segment.mp4");
            Files.write(segment, init != null ? init : new byte[0]);
            Files.write(segment, s.body(), StandardOpenOption.APPEND);
            Ffmpeg.Result frame = ffmpeg.run(List.of("-hide_banner", "-nostdin", "-v", "error", "-i",
                    segment.toString(), "-frames:v", "1", "-vf", "crop=" + frameWidth + ":" + stripHeight + ":0:0,"
                            + "format=gray", "-f", "rawvideo", "-"), Duration.ofMinutes(1));
            OptionalLong captured = frame.ok() ? TimeStrip.decodeGray(frame.output(), frameWidth, stripHeight)
                    : OptionalLong.empty();
            if (captured.isPresent()) {
                latencies.add(s.atMillis() - captured.getAsLong());
            }
        }
        return latencies;
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
    }
}
