package org.ketang.platform.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketang.agent.protocol.AgentApi;
import org.ketang.platform.live.internal.Broadcasts;
import org.ketang.platform.live.internal.LiveSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.jayway.jsonpath.JsonPath;

/**
 * Live over a real HTTP connection, the way recorders, media servers and players reach the platform: chunked PUTs,
 * a viewer reading while a PUT is half done, the hooks of SRS and ZLMediaKit as plain POSTs, and a real ffmpeg
 * pushing live HLS (MPEG-TS and fragmented MP4) that then plays from the signed paths.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "test", "demo" })
class LiveOverHttpApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Broadcasts broadcasts;

    @Autowired
    LiveSettings settings;

    final HttpClient http = HttpClient.newHttpClient();
    RealRecorder box;

    @BeforeEach
    void nothingIsLive() {
        box = new RealRecorder(port);
        broadcasts.sweep(Instant.now().plus(Duration.ofDays(1)));
    }

    // ------------------------------------------------------------------ chunked PUTs

    @Test
    void aChunkedPutIsStoredWholeAndAnOversizedOneIsRefused() throws Exception {
        long room = classroom("S01", "录播教室1");
        String token = box.enroll("sadmin1", room, "recorder").token();
        byte[] segment = pattern(300_000, 3);

        assertThat(putChunked(token, "index0.ts", new java.io.ByteArrayInputStream(segment)).statusCode()).isEqualTo(204);
        assertThat(Files.readAllBytes(channelDir(room).resolve("index0.ts"))).isEqualTo(segment);

        long limit = settings.maxFileSize().toBytes();
        var tooLarge = putChunked(token, "index1.ts", new java.io.ByteArrayInputStream(new byte[(int) limit + 65_536]));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("live-file-too-large");
        assertThat(channelDir(room).resolve("index1.ts")).doesNotExist();
        try (Stream<Path> left = Files.list(channelDir(room))) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file stays").containsExactly("index0.ts");
        }
    }

    @Test
    void aViewerReadingDuringAPutGetsThePreviousWholeFile() throws Exception {
        long room = classroom("S01", "录播教室2");
        String token = box.enroll("sadmin1", room, "recorder").token();
        byte[] before = pattern(1_000_000, 1);
        byte[] after = pattern(1_000_000, 2);
        assertThat(putChunked(token, "index5.ts", new java.io.ByteArrayInputStream(before)).statusCode()).isEqualTo(204);
        assertThat(putChunked(token, "index.m3u8", new java.io.ByteArrayInputStream(LiveApiTests.playlist("index5.ts")))
                .statusCode()).isEqualTo(204);
        String segmentUrl = playbackUrl("t1", room).replace("index.m3u8", "index5.ts");

        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream body = new PipedInputStream(feed, 1 << 16);
        CompletableFuture<HttpResponse<String>> put = http.sendAsync(request(token, "index5.ts")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(), HttpResponse.BodyHandlers.ofString());
        feed.write(after, 0, after.length / 2);
        feed.flush();
        // the server is half way through writing its temporary file
        await().atMost(Duration.ofSeconds(30)).until(() -> partSize(room) >= after.length / 4);

        HttpResponse<byte[]> during = box.getBytes(segmentUrl);
        assertThat(during.statusCode()).isEqualTo(200);
        assertThat(during.body()).as("the whole previous file").isEqualTo(before);

        feed.write(after, after.length / 2, after.length - after.length / 2);
        feed.close();
        assertThat(put.get().statusCode()).isEqualTo(204);
        assertThat(box.getBytes(segmentUrl).body()).isEqualTo(after);
    }

    // ------------------------------------------------------------------ media-server hooks

    @Test
    void srsMayLetOnlyTheClassroomsRecorderPublishAndOnlyTokenHoldersPlay() throws Exception {
        long room = classroom("S01", "录播教室1");
        long otherRoom = classroom("S01", "录播教室2");
        String recorder = box.enroll("sadmin1", room, "recorder").token();
        String otherRecorder = box.enroll("sadmin1", otherRoom, "recorder").token();
        String teacher = box.signIn("t1");

        assertThat(srs("on_publish", "abc", "?token=" + recorder)).as("not a classroom").isNotEqualTo(0);
        assertThat(srs("on_publish", room, "")).as("no token").isNotEqualTo(0);
        assertThat(srs("on_publish", room, "?token=" + teacher)).as("a person's token").isNotEqualTo(0);
        assertThat(srs("on_publish", room, "?token=" + otherRecorder)).as("another room's recorder").isNotEqualTo(0);
        assertThat(state("t1", room)).isNotEqualTo("LIVE");

        assertThat(srs("on_publish", room, "?vhost=live&token=" + recorder)).isEqualTo(0);
        assertThat(state("t1", room)).isEqualTo("LIVE");

        String playToken = tokenOf(playbackUrl("t1", room));
        assertThat(srs("on_play", room, "?token=" + playToken)).isEqualTo(0);
        assertThat(srs("on_play", otherRoom, "?token=" + playToken)).as("a token of another channel").isNotEqualTo(0);
        assertThat(srs("on_play", room, "?token=" + playToken + "x")).isNotEqualTo(0);
        assertThat(srs("on_play", room, "")).isNotEqualTo(0);
        assertThat(srs("on_stop", room, "?token=" + playToken)).isEqualTo(0);

        // a media-server session stays live without playlists, until the publisher leaves
        broadcasts.sweep(Instant.now().plus(settings.staleAfter()).plusSeconds(5));
        assertThat(state("t1", room)).isEqualTo("LIVE");
        assertThat(srs("on_unpublish", room, "?token=" + recorder)).isEqualTo(0);
        assertThat(state("t1", room)).isEqualTo("ENDED");
    }

    @Test
    void zlmediakitHooksAllowAndDenyTheSameWay() throws Exception {
        long room = classroom("S02", "录播教室1");
        String recorder = box.enroll("sadmin2", room, "recorder").token();

        var denied = zlm("on_publish", room, "token=nonsense");
        assertThat(JsonPath.<Integer>read(denied, "$.code")).isNotEqualTo(0);
        var allowed = zlm("on_publish", room, "token=" + recorder);
        assertThat(JsonPath.<Integer>read(allowed, "$.code")).isEqualTo(0);
        assertThat(JsonPath.<String>read(allowed, "$.msg")).isEqualTo("success");
        assertThat(state("t2", room)).isEqualTo("LIVE");

        String playToken = tokenOf(playbackUrl("t2", room));
        assertThat(JsonPath.<Integer>read(zlm("on_play", room, "token=" + playToken), "$.code")).isEqualTo(0);
        assertThat(JsonPath.<Integer>read(zlm("on_play", room, "foo=bar"), "$.code")).isNotEqualTo(0);

        post("/api/v1/live/hooks/zlm/on_stream_changed?secret=test-hook-secret", "{\"regist\":false,\"app\":\"live\","
                + "\"schema\":\"rtmp\",\"stream\":\"" + room + "\",\"vhost\":\"__defaultVhost__\"}");
        assertThat(state("t2", room)).isEqualTo("ENDED");
    }

    @Test
    void onlyCallersWithTheSharedSecretReachTheHooks() throws Exception {
        String body = "{\"action\":\"on_play\",\"stream\":\"1\",\"param\":\"\"}";
        assertThat(post("/api/v1/live/hooks/srs", body).statusCode()).isEqualTo(403);
        assertThat(post("/api/v1/live/hooks/srs?secret=wrong", body).statusCode()).isEqualTo(403);
        assertThat(post("/api/v1/live/hooks/zlm/on_play?secret=wrong", body).statusCode()).isEqualTo(403);
        var withHeader = http.send(HttpRequest.newBuilder(URI.create(box.base() + "/api/v1/live/hooks/srs"))
                .header("Content-Type", "application/json").header("X-Ketang-Hook-Secret", "test-hook-secret")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withHeader.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<Integer>read(withHeader.body(), "$.code")).as("no token: denied").isNotEqualTo(0);
    }

    // ------------------------------------------------------------------ a real ffmpeg

    @Test
    void ffmpegPushesTransportStreamHlsThatPlaysFromTheSignedPath() throws Exception {
        pushAndPlay("mpegts", ".ts", "video/mp2t");
    }

    @Test
    void ffmpegPushesFragmentedMp4HlsThatPlaysFromTheSignedPath() throws Exception {
        pushAndPlay("fmp4", ".m4s", "video/iso.segment");
    }

    void pushAndPlay(String segmentType, String extension, String contentType) throws Exception {
        long room = classroom("S01", "录播教室1");
        String token = box.enroll("sadmin1", room, "recorder").token();
        Path log = Files.createTempFile("ffmpeg-live-", ".log");
        Process ffmpeg = box.push(token, segmentType, log);
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .failFast("ffmpeg stopped", () -> !ffmpeg.isAlive())
                    .until(() -> "LIVE".equals(state("t1", room)));
            String url = playbackUrl("t1", room);
            String[] playlist = new String[1];
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .failFast("ffmpeg stopped", () -> !ffmpeg.isAlive())
                    .until(() -> {
                        var response = box.get(url, null);
                        playlist[0] = response.body();
                        return response.statusCode() == 200 && segments(response.body()).size() >= 3;
                    });
            List<String> segments = segments(playlist[0]);
            assertThat(segments).allMatch(s -> s.endsWith(extension));
            String prefix = url.substring(0, url.lastIndexOf('/') + 1);
            for (String segment : segments) {
                HttpResponse<byte[]> response = box.getBytes(prefix + segment);
                assertThat(response.statusCode()).as(segment).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).contains(contentType);
                assertThat(response.body().length).as(segment).isGreaterThan(1000);
            }
            if (segmentType.equals("fmp4")) {
                assertThat(playlist[0]).contains("#EXT-X-MAP:URI=\"init.mp4\"");
                HttpResponse<byte[]> init = box.getBytes(prefix + "init.mp4");
                assertThat(init.statusCode()).isEqualTo(200);
                assertThat(new String(Arrays.copyOfRange(init.body(), 4, 8))).isEqualTo("ftyp");
            } else {
                assertThat(box.getBytes(prefix + segments.get(0)).body()[0]).as("MPEG-TS sync byte").isEqualTo((byte) 0x47);
            }
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\nffmpeg said:\n" + RealRecorder.logOf(log), e);
        } finally {
            RealRecorder.stop(ffmpeg);
        }
    }

    // ------------------------------------------------------------------ helpers

    long classroom(String school, String name) {
        return jdbc.sql("""
                select r.id from org_classroom r join org_school s on s.id = r.school_id
                 where s.code = ? and r.name = ?""").param(school).param(name).query(Long.class).single();
    }

    Path channelDir(long room) {
        return settings.dir().resolve(Long.toString(room));
    }

    long partSize(long room) throws Exception {
        try (Stream<Path> files = Files.list(channelDir(room))) {
            return files.filter(p -> p.getFileName().toString().startsWith(".put-")).mapToLong(p -> p.toFile().length())
                    .max().orElse(0);
        }
    }

    HttpRequest.Builder request(String deviceToken, String file) {
        return HttpRequest.newBuilder(URI.create(box.base() + AgentApi.expand(AgentApi.LIVE, file)))
                .header("Authorization", "Bearer " + deviceToken);
    }

    /** A PUT without a length: the body goes in chunks, as ffmpeg sends it. */
    HttpResponse<String> putChunked(String deviceToken, String file, InputStream body) throws Exception {
        return http.send(request(deviceToken, file).PUT(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String state(String user, long room) throws Exception {
        return JsonPath.read(box.get("/api/v1/live/channels/" + room, box.signIn(user)).body(), "$.state");
    }

    String playbackUrl(String user, long room) throws Exception {
        var response = box.get("/api/v1/live/channels/" + room + "/playback", box.signIn(user));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.read(response.body(), "$.url");
    }

    static String tokenOf(String url) {
        return url.split("/")[3];
    }

    int srs(String action, Object stream, String param) throws Exception {
        String body = "{\"server_id\":\"vid-1\",\"action\":\"" + action + "\",\"client_id\":\"341w361a\","
                + "\"ip\":\"10.9.8.7\",\"vhost\":\"__defaultVhost__\",\"app\":\"live\",\"tcUrl\":\"rtmp://srs/live\","
                + "\"stream\":\"" + stream + "\",\"param\":\"" + param + "\",\"stream_url\":\"/live/" + stream + "\"}";
        var response = post("/api/v1/live/hooks/srs?secret=test-hook-secret", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.read(response.body(), "$.code");
    }

    String zlm(String hook, long stream, String params) throws Exception {
        String body = "{\"mediaServerId\":\"zlm-1\",\"app\":\"live\",\"id\":\"140186529001776\",\"ip\":\"10.9.8.6\","
                + "\"params\":\"" + params + "\",\"port\":65284,\"schema\":\"rtmp\",\"stream\":\"" + stream
                + "\",\"vhost\":\"__defaultVhost__\"}";
        var response = post("/api/v1/live/hooks/zlm/" + hook + "?secret=test-hook-secret", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(box.base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<String> segments(String playlist) {
        return playlist.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    static byte[] pattern(int size, int seed) {
        return LiveApiTests.bytes(size, seed);
    }
}
