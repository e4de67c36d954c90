package org.ketang.platform.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Playback over a real HTTP connection, where whole files leave by the container's zero-copy sendfile: the bytes
 * arrive exactly as stored, and a Range request still gets its part.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PlaybackOverHttpApiTests {

    @LocalServerPort
    int port;

    @Autowired
    MediaLibrary media;

    @Autowired
    PlaybackTokens tokens;

    @Autowired
    MediaStorage storage;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void segmentsArriveByteForByteAndRangesStillWork() throws Exception {
        long asset = media.submit("http-test:" + System.nanoTime(), TestVideos.clip(640, 360, 6));
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> media.status(asset).orElseThrow().state() == MediaLibrary.AssetState.READY);
        String prefix = "http://localhost:" + port + tokens.issue(asset, 1, Duration.ofMinutes(5));

        Path stored = storage.localFile("assets/" + asset + "/360p/init.mp4").orElseThrow();
        HttpResponse<byte[]> whole = get(prefix + "360p/init.mp4", null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Type")).contains("video/mp4");
        assertThat(whole.body()).isEqualTo(Files.readAllBytes(stored));
        // the token is the authorisation: no session or CSRF cookie is made for the requests of a playing video
        assertThat(whole.headers().allValues("Set-Cookie")).isEmpty();

        String playlist = new String(get(prefix + "360p/index.m3u8", null).body());
        String segment = playlist.lines().filter(l -> l.endsWith(".m4s")).findFirst().orElseThrow();
        byte[] segmentBytes = Files.readAllBytes(storage.localFile("assets/" + asset + "/360p/" + segment).orElseThrow());
        assertThat(get(prefix + "360p/" + segment, null).body()).isEqualTo(segmentBytes);

        HttpResponse<byte[]> part = get(prefix + "360p/" + segment, "bytes=10-109");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(segmentBytes, 10, 110));

        // whole files (the fast path before the dispatcher) carry the same headers as the controller's answers
        HttpResponse<byte[]> fast = get(prefix + "360p/" + segment, null);
        assertThat(fast.headers().firstValue("Cache-Control").orElseThrow()).contains("immutable");
        assertThat(fast.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        // and whatever it refuses still gets the controller's clear answer
        HttpResponse<byte[]> tampered = get(prefix.replace("/play/" + asset + ".", "/play/" + (asset + 1) + ".")
                + "360p/" + segment, null);
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(new String(tampered.body())).contains("playback-token");
        assertThat(get(prefix + "360p/seg_99999.m4s", null).statusCode()).isEqualTo(404);
        assertThat(get(prefix + "../playback.key", null).statusCode()).isBetween(400, 404);

        // the original, with a download token, resumes from an offset
        String download = "http://localhost:" + port + tokens.downloadPath(asset, 1, Duration.ofMinutes(5), "课例");
        HttpResponse<byte[]> original = get(download, null);
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
        HttpResponse<byte[]> rest = get(download, "bytes=1000-");
        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.body()).isEqualTo(java.util.Arrays.copyOfRange(original.body(), 1000, original.body().length));
    }

    HttpResponse<byte[]> get(String url, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (range != null) {
            request.header("Range", range);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
