package org.ketang.platform.media.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.http.Sendfile;
import org.ketang.platform.media.MediaStorage;
import org.ketang.platform.media.internal.HmacPlaybackTokens;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves an asset's HLS playlists, segments, poster and seek preview under {@code /media/play/<token>/…}. The
 * signed token is the authorisation (issued by {@code PlaybackTokens} after the library checked visibility);
 * relative URLs in the playlists keep it. Only known file names are served, so no path can leave the asset.
 * HTTP Range requests are answered by Spring from the streamed resource, never loaded whole into memory.
 */
@RestController
@Hidden
class PlaybackController {

    /** Every file an asset publishes, and nothing else. */
    private static final Pattern FILE = Pattern.compile(
            "master\\.m3u8|poster\\.jpg|sprite\\.jpg|sprite\\.vtt|thumbs/thumb_\\d{3,5}\\.jpg"
                    + "|\\d{2,4}p/(index\\.m3u8|init\\.mp4|seg_\\d{5,6}\\.m4s)");

    private static final MediaType M3U8 = MediaType.parseMediaType("application/vnd.apple.mpegurl");
    private static final MediaType SEGMENT = MediaType.parseMediaType("video/iso.segment");
    private static final MediaType VTT = MediaType.parseMediaType("text/vtt;charset=UTF-8");

    private final HmacPlaybackTokens tokens;
    private final MediaStorage storage;

    PlaybackController(HmacPlaybackTokens tokens, MediaStorage storage) {
        this.tokens = tokens;
        this.storage = storage;
    }

    @GetMapping("/media/play/{token}/**")
    ResponseEntity<Resource> play(@PathVariable String token, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        var grant = tokens.verify(token).orElseThrow(() -> new ApiProblem(HttpStatus.FORBIDDEN, "playback-token",
                "播放链接无效或已过期，请刷新页面", "The playback link is invalid or has expired; reload the page"));
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String marker = "/media/play/" + token + "/";
        String file = path.startsWith(marker) ? path.substring(marker.length()) : "";
        if (!FILE.matcher(file).matches()) {
            throw ApiProblem.notFound("该媒体文件", "The media file");
        }
        String key = "assets/" + grant.assetId() + "/" + file;
        Optional<Long> size = storage.size(key);
        if (size.isEmpty()) {
            throw ApiProblem.notFound("该媒体文件", "The media file");
        }
        Optional<java.nio.file.Path> local = storage.localFile(key);
        // whole local files go out by the kernel's zero-copy sendfile; Range requests take the ordinary way
        if (local.isPresent() && Sendfile.send(request, response, local.get(), size.get(), typeOf(file), cacheOf(file))) {
            return null; // the servlet container sends the file itself, after this method
        }
        Resource resource = storage.resource(key, size.get());
        return ResponseEntity.ok().contentType(typeOf(file)).cacheControl(cacheOf(file)).body(resource);
    }

    private static MediaType typeOf(String file) {
        if (file.endsWith(".m3u8")) {
            return M3U8;
        }
        if (file.endsWith(".m4s")) {
            return SEGMENT;
        }
        if (file.endsWith(".mp4")) {
            return MediaType.parseMediaType("video/mp4");
        }
        if (file.endsWith(".vtt")) {
            return VTT;
        }
        return MediaType.IMAGE_JPEG;
    }

    /**
     * Segments and images never change once written; the master playlist grows while renditions are published,
     * so it is cached only briefly.
     */
    private static CacheControl cacheOf(String file) {
        if (file.equals("master.m3u8")) {
            return CacheControl.maxAge(Duration.ofSeconds(5)).cachePrivate();
        }
        if (file.endsWith(".m3u8") || file.endsWith(".vtt")) {
            return CacheControl.maxAge(Duration.ofMinutes(5)).cachePrivate();
        }
        return CacheControl.maxAge(Duration.ofDays(365)).cachePrivate().immutable();
    }
}
