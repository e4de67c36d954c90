package org.ketang.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.Loader;

import com.jayway.jsonpath.JsonPath;

/**
 * HLS serving throughput: the platform's signed {@code /media/play/…} paths against nginx (Debian package)
 * serving the very same files, both loaded by wrk with the same round-robin list of playlists, init segments and
 * media segments of a real lesson. Target: platform ≥ 0.8× nginx in requests/s.
 * <p>
 * The lesson goes the whole real way first: a generated 60 s 720p25 clip is uploaded with tus as teacher
 * {@code t1} and transcoded by the platform's own pipeline. Run with {@code bench/run-hls-serving.sh}.
 */
public final class HlsServingBenchmark {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Path work = Files.createTempDirectory("ketang-bench-hls");
        Path clip = generateClip(work, 60);
        try (RunningPlatform platform = RunningPlatform.start(Files.createDirectories(work.resolve("data")))) {
            System.out.printf(Locale.ROOT, "platform started in %.1f s on port %d%n", platform.startSeconds, platform.port);
            String token = platform.login("t1");
            long lesson = uploadLesson(platform, token, clip);
            String hls = awaitReady(platform, token, lesson);
            List<String> paths = hlsPaths(platform, hls);
            String prefix = hls.substring(0, hls.lastIndexOf('/') + 1);
            long assetId = Long.parseLong(prefix.split("/")[3].split("\\.")[0]);
            Path assetDir = platform.dataDir.resolve("media").resolve("assets").resolve(String.valueOf(assetId));
            System.out.printf(Locale.ROOT, "lesson %d ready: %d URLs (playlists, init and media segments) of asset %d%n",
                    lesson, paths.size(), assetId);

            int nginxPort = RunningPlatform.freePort();
            Process nginx = startNginx(work, assetDir, nginxPort);
            try {
                String nginxBase = "http://127.0.0.1:" + nginxPort;
                sameBytes(platform, nginxBase, paths);
                // warm both up (JIT, page cache), then two alternating measured rounds; the better round of each counts
                Wrk.run(platform.base(), paths, connections, 5, work);
                Wrk.run(nginxBase, paths, connections, 5, work);
                Wrk.Result bestPlatform = null;
                Wrk.Result bestNginx = null;
                for (int round = 0; round < 2; round++) {
                    Wrk.Result p = Wrk.run(platform.base(), paths, connections, seconds, work);
                    Wrk.Result n = Wrk.run(nginxBase, paths, connections, seconds, work);
                    bestPlatform = bestPlatform == null || p.requestsPerSecond() > bestPlatform.requestsPerSecond() ? p : bestPlatform;
                    bestNginx = bestNginx == null || n.requestsPerSecond() > bestNginx.requestsPerSecond() ? n : bestNginx;
                }
                long bytes = Files.walk(assetDir).filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
                System.out.println();
                System.out.printf(Locale.ROOT, "HLS serving: %d URLs of one lesson (%.1f MB on disk), wrk -t2 -c%d -d%ds, "
                        + "best of 2 rounds, %d cores%n%n", paths.size(), bytes / 1048576.0, connections, seconds,
                        Runtime.getRuntime().availableProcessors());
                System.out.println("| server | requests/s | MB/s | p50 ms | p99 ms | errors | vs nginx |");
                System.out.println("|---|---:|---:|---:|---:|---:|---:|");
                row("nginx (sendfile, same files)", bestNginx, bestNginx);
                row("Ketang platform (/media/play, signed)", bestPlatform, bestNginx);
                System.out.printf(Locale.ROOT, "%nTarget ≥ 0.80× nginx: %s%n",
                        bestPlatform.requestsPerSecond() >= 0.8 * bestNginx.requestsPerSecond() ? "met" : "NOT met");
            } finally {
                nginx.destroy();
                nginx.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Both servers must answer every URL with the same bytes, or the comparison means nothing. */
    static void sameBytes(RunningPlatform platform, String nginxBase, List<String> paths) throws Exception {
        for (String path : paths) {
            HttpResponse<byte[]> ours = platform.http.send(HttpRequest.newBuilder(URI.create(platform.base() + path))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> theirs = platform.http.send(HttpRequest.newBuilder(URI.create(nginxBase + path))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (ours.statusCode() != 200 || theirs.statusCode() != 200
                    || !java.util.Arrays.equals(ours.body(), theirs.body())) {
                throw new IllegalStateException("platform and nginx differ on " + path + ": " + ours.statusCode()
                        + " / " + theirs.statusCode());
            }
        }
    }

    static void row(String name, Wrk.Result r, Wrk.Result reference) {
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.1f | %.2f | %.2f | %d | %.2f× |%n", name, r.requestsPerSecond(),
                r.megabytesPerSecond(), r.p50Millis(), r.p99Millis(), r.errors(),
                r.requestsPerSecond() / reference.requestsPerSecond());
    }

    /** A 60 s 1280×720 25 fps clip with a tone, made with the FFmpeg from Maven Central. */
    static Path generateClip(Path work, int seconds) throws Exception {
        String ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        Path clip = work.resolve("lesson-720p.mp4");
        ProcessBuilder builder = new ProcessBuilder(ffmpeg, "-hide_banner", "-nostdin", "-y", "-v", "error", "-f", "lavfi",
                "-i", "testsrc2=size=1280x720:rate=25:duration=" + seconds, "-f", "lavfi", "-i",
                "sine=frequency=440:duration=" + seconds, "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-shortest", clip.toString()).inheritIO();
        builder.environment().put("LD_LIBRARY_PATH", Path.of(ffmpeg).getParent().toString());
        if (builder.start().waitFor() != 0) {
            throw new IllegalStateException("could not generate the clip");
        }
        return clip;
    }

    /** Uploads the clip with tus as a lesson and returns the lesson's id. */
    static long uploadLesson(RunningPlatform platform, String token, Path clip) throws Exception {
        String metadata = "filename " + b64("基准测试.mp4") + ",purpose " + b64("lesson") + ",title " + b64("基准测试 HLS 点播");
        HttpResponse<String> created = platform.http.send(HttpRequest.newBuilder(URI.create(platform.base() + "/api/v1/uploads"))
                .header("Authorization", "Bearer " + token).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", String.valueOf(Files.size(clip))).header("Upload-Metadata", metadata)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        String location = created.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(
                "upload not created: " + created.statusCode() + " " + created.body()));
        URI target = URI.create(platform.base()).resolve(location);
        HttpResponse<String> sent = platform.http.send(HttpRequest.newBuilder(target).header("Authorization", "Bearer " + token)
                .header("Tus-Resumable", "1.0.0").header("Upload-Offset", "0")
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofFile(clip)).build(), HttpResponse.BodyHandlers.ofString());
        if (sent.statusCode() != 204) {
            throw new IllegalStateException("upload failed: " + sent.statusCode() + " " + sent.body());
        }
        for (int i = 0; i < 120; i++) {
            String page = platform.get("/api/v1/me/space", token).body();
            List<Integer> ids = JsonPath.read(page, "$..[?(@.title == '基准测试 HLS 点播')].id");
            if (!ids.isEmpty()) {
                return ids.get(0);
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no lesson appeared for the upload");
    }

    /** Waits until every rendition is transcoded and returns the lesson's signed master playlist path. */
    static String awaitReady(RunningPlatform platform, String token, long lesson) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < 1200; i++) {
            String body = platform.get("/api/v1/lessons/" + lesson, token).body();
            String status = JsonPath.read(body, "$.status");
            if (status.equals("READY")) {
                System.out.printf(Locale.ROOT, "transcoded in %.0f s%n", (System.nanoTime() - t0) / 1e9);
                return JsonPath.read(platform.get("/api/v1/lessons/" + lesson + "/playback", token).body(), "$.hlsUrl");
            }
            if (status.equals("FAILED") || status.equals("REJECTED")) {
                throw new IllegalStateException("lesson " + status + ": " + body);
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("lesson not ready after 20 minutes");
    }

    /** The master playlist, every rendition playlist, init segment and media segment, as absolute paths. */
    static List<String> hlsPaths(RunningPlatform platform, String master) throws Exception {
        List<String> paths = new ArrayList<>(List.of(master));
        String base = master.substring(0, master.lastIndexOf('/') + 1);
        for (String variant : uris(platform.get(master, null).body())) {
            String playlist = base + variant;
            paths.add(playlist);
            String dir = playlist.substring(0, playlist.lastIndexOf('/') + 1);
            for (String segment : uris(platform.get(playlist, null).body())) {
                paths.add(dir + segment);
            }
        }
        return paths;
    }

    private static List<String> uris(String playlist) {
        List<String> uris = new ArrayList<>();
        for (String line : playlist.split("\n")) {
            line = line.trim();
            if (line.startsWith("#EXT-X-MAP:")) {
                uris.add(line.replaceAll(".*URI=\"([^\"]+)\".*", "$1"));
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                uris.add(line);
            }
        }
        return uris;
    }

    static Process startNginx(Path work, Path assetDir, int port) throws Exception {
        Path prefix = Files.createDirectories(work.resolve("nginx"));
        Files.createDirectories(prefix.resolve("logs"));
        String conf = """
                daemon off;
                user %4$s;
                worker_processes auto;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 4096; }
                http {
                  access_log off;
                  sendfile on;
                  tcp_nopush on;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  types { application/vnd.apple.mpegurl m3u8; video/mp4 mp4 m4s; video/mp2t ts; text/vtt vtt; image/jpeg jpg; }
                  server {
                    listen 127.0.0.1:%2$d;
                    location /media/play/ {
                      rewrite ^/media/play/[^/]+/(.*)$ /$1 break;
                      root %3$s;
                    }
                  }
                }
                """.formatted(prefix, port, assetDir, System.getProperty("user.name"));
        Path confFile = prefix.resolve("nginx.conf");
        Files.writeString(confFile, conf, StandardCharsets.UTF_8);
        Process nginx = new ProcessBuilder("nginx", "-p", prefix.toString(), "-c", confFile.toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/out.log").toFile()).start();
        Thread.sleep(1000);
        if (!nginx.isAlive()) {
            throw new IllegalStateException("nginx did not start: " + Files.readString(prefix.resolve("logs/out.log"))
                    + " (apt-get install nginx-light wrk)");
        }
        return nginx;
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private HlsServingBenchmark() {
    }
}
